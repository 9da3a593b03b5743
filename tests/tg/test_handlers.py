"""Handlers, fed real Update JSON through Application.process_update; the Bot API is a
recording request object (no network)."""

from __future__ import annotations

import json
from typing import Any

from bot.answers.actions import Action, encode
from bot.text.format import esc
from bot.tg.startup import commands, setup
from tests.tg.conftest import Harness


def _buttons(call_params: dict[str, Any]) -> list[str]:
    markup = call_params.get("reply_markup") or {}
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = markup.get("inline_keyboard") or []
    return [b.get("callback_data") or b.get("url") for row in rows for b in row]


async def test_start_in_bokmal_is_neutral_first_and_has_the_menu(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("/start"))
    call = harness.api.sent()[-1]
    text = call.params["text"]
    assert text.splitlines()[0] == "Hei."
    assert "<b>112</b>" in text and "<b>116 006</b>" in text
    assert "trygt for deg å skrive nå" in text
    assert _buttons(call.params) == [
        "f", "e", "h:krisesenter", "h:friends_family", "h:violence_users", "s",
        "h:phone_safety", "slett", "lang", "kk",
    ]  # fmt: skip
    assert call.params["parse_mode"] == "HTML"
    assert call.params["protect_content"] is True


async def test_start_in_english_for_english_telegram(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("/start", lang="en"))
    assert harness.last_text().startswith("Hi.\n")


async def test_municipality_name_gets_the_centre_reply(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("Bærum"))
    call = harness.api.sent()[-1]
    assert "Bærum har avtale med:" in call.params["text"]
    assert "c:asker_baerum_lier" in _buttons(call.params)
    assert "n:3201" in _buttons(call.params)


async def test_clarify_then_button_press(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("Herøy"))
    assert _buttons(harness.api.sent()[-1].params) == ["m:1515", "m:1818"]
    await harness.feed(harness.api.callback(encode(Action.MUNICIPALITY, "1818"), message_id=10_000))
    assert "answerCallbackQuery" in harness.api.methods()
    assert "Herøy (Nordland) har avtale med:" in harness.last_text()


async def test_language_button_edits_the_menu_and_sticks(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("/start"))
    menu_id = 10_000
    await harness.feed(harness.api.callback(encode(Action.LANGUAGE), message_id=menu_id))
    edit = next(c for c in harness.api.calls if c.method == "editMessageText")
    assert int(edit.params["message_id"]) == menu_id
    assert edit.params["text"].startswith("Hi.")
    await harness.feed(harness.api.user_message("Hå"))
    assert "We have no source saying which crisis centre Hå" in harness.last_text()


async def test_shared_location(harness: Harness) -> None:
    await harness.feed(harness.api.user_message(location={"latitude": 69.65, "longitude": 18.96}))
    assert "Posisjonen din er trolig i eller nær Tromsø (ca.)." in harness.last_text()


async def test_not_understood_offers_the_location_keyboard(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("qwxzv"))
    call = harness.api.sent()[-1]
    markup = call.params["reply_markup"]
    assert markup["keyboard"][0][0]["request_location"] is True
    assert "112" in call.params["text"]


async def test_a_sticker_gets_a_calm_answer(harness: Harness) -> None:
    sticker = {"file_id": "s", "file_unique_id": "u", "width": 1, "height": 1,
               "is_animated": False, "is_video": False, "type": "regular"}  # fmt: skip
    await harness.feed(harness.api.user_message(sticker=sticker))
    assert "116 006" in harness.last_text()


async def test_slett_deletes_every_message_says_how_many_then_its_confirmation(
    harness: Harness,
) -> None:
    user_ids = []
    for text in ("/start", "Bærum", "Herøy"):
        update = await harness.feed(harness.api.user_message(text))
        user_ids.append(update["message"]["message_id"])
    bot_ids = [10_000, 10_001, 10_002]
    slett = await harness.feed(harness.api.user_message("/slett"))
    deleted_first = list(harness.api.deleted)
    assert sorted(deleted_first) == sorted([*user_ids, *bot_ids, slett["message"]["message_id"]])
    confirm = harness.api.sent()[-1]
    assert confirm.params["text"] == "Slettet 7 meldinger."
    await harness.api_wait(lambda: 10_003 in harness.api.deleted)  # the confirmation, later
    assert await harness.state.ids(4242) == {}


async def test_glem_forgets_language_keeps_ids_and_says_so(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("/start"))
    await harness.feed(harness.api.callback(encode(Action.LANGUAGE), message_id=10_000))
    await harness.feed(harness.api.user_message("/glem"))
    assert harness.last_text() == (
        "Jeg har glemt språkvalget ditt og hva vi snakket om. Meldingene er ikke slettet: "
        "send /slett for å slette dem."
    )
    assert len(await harness.state.ids(4242)) == 4  # /start, its menu, /glem, the reply
    await harness.feed(harness.api.user_message("Hå"))
    assert "Vi har ingen kilde" in harness.last_text()  # back to bokmål
    await harness.feed(harness.api.user_message("/slett"))
    assert harness.last_text() == "Slettet 7 meldinger."


async def test_automatic_deletion_after_n_minutes(harness: Harness) -> None:
    first = await harness.feed(harness.api.user_message("Bærum"))
    await harness.feed(harness.api.callback(encode(Action.AUTO_DELETE, 15), message_id=10_000))
    assert "slettes automatisk etter 15 minutter" in harness.last_text()
    harness.clock.advance(15 * 60 + 1)
    await harness.api_wait(lambda: first["message"]["message_id"] in harness.api.deleted)
    assert {10_000, 10_001} <= set(harness.api.deleted)
    await harness.feed(harness.api.callback(encode(Action.AUTO_DELETE, 0), message_id=10_001))
    assert "slettes ikke automatisk" in harness.last_text()
    assert await harness.state.auto(4242) == 0
    assert [m for m in harness.api.methods() if m == "sendMessage"][-1:] == ["sendMessage"]


async def test_group_chats_get_one_line_and_nothing_more(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("Bærum", chat_id=-100))
    await harness.feed(harness.api.user_message("/start", chat_id=-100))
    sent = harness.api.sent(-100)
    assert [c.params["text"] for c in sent] == [
        "Jeg svarer bare i private samtaler. Skriv til meg direkte."
    ]


async def test_inline_mode_offers_the_card_to_paste(harness: Harness) -> None:
    await harness.feed(harness.api.inline("Bærum"))
    call = next(c for c in harness.api.calls if c.method == "answerInlineQuery")
    results = call.params["results"]
    assert [r["id"] for r in results] == ["m3201", "casker_baerum_lier"]
    assert "Bærum har avtale med" in results[0]["input_message_content"]["message_text"]
    await harness.feed(harness.api.inline("Herøy"))
    ids = [r["id"] for r in [c for c in harness.api.calls if c.method == "answerInlineQuery"][-1]
           .params["results"]]  # fmt: skip
    assert ids == ["m1515", "m1818"]


async def test_inline_mode_offers_statements_with_their_sources(harness: Harness) -> None:
    knowledge = harness.app.bot_data["answerer"].knowledge.knowledge
    for lang in ("nb", "en"):
        await harness.feed(harness.api.inline("besøksforbud", lang=lang))
        call = [c for c in harness.api.calls if c.method == "answerInlineQuery"][-1]
        results = call.params["results"]
        assert results and all(r["id"].startswith("s") for r in results)
        for result in results:
            statement = knowledge.statements[result["id"][1:]]
            assert statement.topic == "protection"
            text = result["input_message_content"]["message_text"]
            assert esc(statement.text(lang)) in text
            assert f'<a href="{esc(statement.source_url)}">' in text
            assert result["description"].startswith("Kilde:" if lang == "nb" else "Source:")
            assert "116 006" in text


async def test_inline_mode_gives_places_first_then_statements(harness: Harness) -> None:
    await harness.feed(harness.api.inline("krisesenter i Bærum"))
    call = [c for c in harness.api.calls if c.method == "answerInlineQuery"][-1]
    ids = [r["id"] for r in call.params["results"]]
    assert ids[0] == "m3201"
    assert any(i.startswith("s") for i in ids)


async def test_a_crash_in_a_handler_gets_the_calm_fallback(harness: Harness, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    answerer = harness.app.bot_data["answerer"]

    def boom(text: str, lang: str) -> None:
        raise RuntimeError("secret-marker-in-exception")

    monkeypatch.setattr(answerer, "answer", boom)
    await harness.feed(harness.api.user_message("Bærum"))
    text = harness.last_text()
    assert text.startswith("Noe gikk galt her hos oss.")
    assert "112" in text and "116 006" in text


async def test_command_menus_per_language(harness: Harness) -> None:
    await setup(harness.app, commands(harness.app))
    calls = [c for c in harness.api.calls if c.method == "setMyCommands"]
    by_lang = {c.params.get("language_code"): c.params["commands"] for c in calls}
    assert set(by_lang) == {None, "nb", "nn", "no"}
    assert [c["command"] for c in by_lang["nb"]] == ["start", "slett", "glem", "hjelp"]
    assert by_lang["nb"][1]["description"] == "Slett samtalen"
    assert by_lang[None][1]["description"] == "Delete this conversation"


async def test_statistics_chart_is_a_photo_whose_caption_has_the_numbers(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("statistikk"))
    assert "st:spending" in _buttons(harness.api.sent()[-1].params)
    await harness.feed(harness.api.callback(encode(Action.CHART, "spending"), message_id=10_000))
    photo = harness.api.sent()[-1]
    assert photo.method == "sendPhoto"
    assert "2022: 79" in photo.params["caption"]
    assert photo.params["caption"].splitlines()[0] == "Her er tallene."
    assert len(photo.params["caption"]) <= 1024
