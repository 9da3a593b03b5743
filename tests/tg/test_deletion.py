"""Deletion that keeps its word, through the whole application and the fake Bot API: what
/slett says is what happened, in every case."""

from __future__ import annotations

from bot.answers import Answerer
from bot.config import Settings
from bot.state import MemoryState
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeBotApi, Fault, RecordingRequest
from tests.tg.conftest import Clock, Harness


async def chat(harness: Harness, *texts: str) -> None:
    """The person writes; each message gets an answer."""
    for text in texts:
        await harness.feed(harness.api.user_message(text))


async def test_refused_deletions_are_reported_and_not_kept(harness: Harness) -> None:
    await chat(harness, "/start", "Bærum")
    refusal = Fault("status", status=400)
    harness.api.fault("deleteMessages", refusal)
    harness.api.fault("deleteMessage", refusal, refusal)  # two of the five refused
    await harness.feed(harness.api.user_message("/slett"))
    assert harness.last_text() == (
        "Slettet 3 meldinger.\n\n2 av meldingene kunne jeg ikke slette, fordi Telegram ikke "
        "tillot det. Slett samtalen i Telegram-appen for å få dem bort."
    )
    assert set(await harness.state.ids(4242)) == {10_002}  # only the confirmation is left


async def test_failed_deletions_are_reported_and_retried_until_done(harness: Harness) -> None:
    await chat(harness, "/start", "Bærum")
    harness.app.bot_data["deleter"].retry_s = 0.1
    harness.api.fault("deleteMessages", Fault("status", status=500))
    await harness.feed(harness.api.user_message("/slett"))
    assert harness.last_text() == (
        "Slettet 0 meldinger.\n\n5 av meldingene fikk jeg ikke slettet ennå, fordi Telegram "
        "ikke svarte. Jeg prøver igjen om litt."
    )
    await harness.api_wait(lambda: len(set(harness.api.deleted)) >= 5)
    assert set(harness.api.deleted) >= {1, 2, 3, 10_000, 10_001}


async def test_a_long_chat_is_deleted_whole_newest_included(harness: Harness) -> None:
    for _ in range(300):
        await harness.feed(harness.api.user_message("hei"))
    await harness.feed(harness.api.user_message("/slett"))
    assert harness.last_text() == "Slettet 601 meldinger."
    assert len(set(harness.api.deleted)) == 601
    assert {1, 300, 10_000, 10_299} <= set(harness.api.deleted)


async def test_glem_then_slett_still_deletes(harness: Harness) -> None:
    await chat(harness, "Bærum", "Herøy")
    await harness.feed(harness.api.user_message("/glem"))
    await harness.feed(harness.api.user_message("/slett"))
    assert harness.last_text() == "Slettet 7 meldinger."


async def test_a_reply_sent_twice_is_deleted_both_times_and_said(answerer: Answerer) -> None:
    api = FakeBotApi()
    app = build_application(
        Settings(token=TOKEN), answerer, request=RecordingRequest(api),
        state=MemoryState(clock=Clock()), sweep_interval=0.05,
    )  # fmt: skip
    harness = Harness(app, api, Clock())
    async with app:
        await app.start()
        await harness.feed(api.user_message("/start"))
        api.fault("sendMessage", Fault("late"))
        await harness.feed(api.user_message("Bærum"))
        copies = [c for c in api.sent() if "Bærum" in str(c.params.get("text"))]
        assert len(copies) == 2  # Telegram has both; the bot knows only the second (10_002)
        await harness.feed(api.user_message("/slett"))
        assert {10_000, 10_001, 10_002} <= set(api.deleted)
        assert harness.last_text().startswith("Slettet 5 meldinger.\n\nEtt av svarene mine kan ha")
        await app.stop()
