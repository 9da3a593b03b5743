"""Faults from Telegram, injected by the fake Bot API on 127.0.0.1: 429 with retry_after, 5xx,
timeouts, connection resets, malformed JSON, and a stop and restart with updates queued. The
bot survives each, waits as told, answers each update exactly once, and /slett still works."""

from __future__ import annotations

from collections import Counter
from typing import Any

import pytest

from bot.answers import Answerer
from bot.tg.transport import AiohttpRequest
from tests.support.fake_telegram import FakeBotApi, FakeTelegramServer, Fault
from tests.support.running import running, until

READ_TIMEOUT = 0.5


def quick() -> dict[str, Any]:
    """Short read timeouts, so that a timeout fault costs half a second, not five."""
    return {
        "request": AiohttpRequest(read_timeout=READ_TIMEOUT),
        "get_updates_request": AiohttpRequest(connection_pool_size=1, read_timeout=READ_TIMEOUT),
    }


def replies_per_chat(api: FakeBotApi) -> Counter[int]:
    return Counter(int(c.params["chat_id"]) for c in api.sent())


@pytest.mark.parametrize(
    "fault",
    [
        Fault("status", status=500),
        Fault("status", status=502),
        Fault("status", status=503),
        Fault("reset"),
        Fault("malformed"),
        Fault("timeout", delay_s=READ_TIMEOUT * 3),
    ],
    ids=["500", "502", "503", "reset", "malformed", "timeout"],
)
async def test_a_failed_send_is_retried_and_answered_once(answerer: Answerer, fault: Fault) -> None:
    async with running(answerer, **quick()) as api:
        api.fault("sendMessage", fault, fault)
        api.push(api.user_message("Bærum", chat_id=11))
        await until(lambda: len(api.sent()) == 1)
        await until(lambda: not api.faults["sendMessage"])
    assert [c.method for c in api.faulted] == ["sendMessage", "sendMessage"]
    assert replies_per_chat(api) == {11: 1}
    assert "Bærum har avtale med" in api.sent()[0].params["text"]


async def test_429_waits_as_told_then_sends(answerer: Answerer) -> None:
    async with running(answerer) as api:
        api.fault("sendMessage", Fault("status", status=429, retry_after=1))
        api.push(api.user_message("Tromsø", chat_id=12))
        await until(lambda: len(api.sent()) == 1)
    waited = api.sent()[0].at - api.faulted[0].at
    assert waited >= 1.0, waited
    assert replies_per_chat(api) == {12: 1}


async def test_429_on_get_updates_waits_as_told(answerer: Answerer) -> None:
    async with running(answerer) as api:
        await until(lambda: "getUpdates" in api.methods())
        api.fault("getUpdates", Fault("status", status=429, retry_after=1))
        await until(lambda: bool(api.faulted))
        api.push(api.user_message("Bodø", chat_id=13))
        await until(lambda: len(api.sent()) == 1)
    polls_after = [c.at for c in api.calls if c.method == "getUpdates" and c.at > api.faulted[0].at]
    assert polls_after[0] - api.faulted[0].at >= 1.0
    assert replies_per_chat(api) == {13: 1}


@pytest.mark.parametrize(
    "fault",
    [Fault("status", status=500), Fault("reset"), Fault("malformed"),
     Fault("timeout", delay_s=READ_TIMEOUT * 4 + 1)],
    ids=["500", "reset", "malformed", "timeout"],
)  # fmt: skip
async def test_polling_survives_get_updates_faults(answerer: Answerer, fault: Fault) -> None:
    async with running(answerer, **quick()) as api:
        await until(lambda: "getUpdates" in api.methods())
        api.fault("getUpdates", fault, fault)
        api.push(api.user_message("Molde", chat_id=14))
        await until(lambda: len(api.sent()) == 1, timeout=20)
        await until(lambda: len(api.faulted) == 2 or not api.faults["getUpdates"])
    assert replies_per_chat(api) == {14: 1}
    assert sorted(api.served) == sorted(set(api.served))


async def test_stop_and_restart_with_updates_queued(answerer: Answerer) -> None:
    with FakeTelegramServer() as server:
        api = server.api
        async with running(answerer, server=server):
            for chat in (21, 22, 23):
                api.push(api.user_message("Oslo", chat_id=chat))
            await until(lambda: len(api.sent()) == 3)
        queued = [api.push(api.user_message("Bergen", chat_id=chat)) for chat in range(30, 40)]
        assert len(api.sent()) == 3  # nobody is polling: the updates wait at Telegram
        async with running(answerer, server=server):
            await until(lambda: len(api.sent()) == 13)
            await until(lambda: max(api.served) >= queued[-1]["update_id"])
    assert replies_per_chat(api) == {chat: 1 for chat in (21, 22, 23, *range(30, 40))}
    # On stop the first bot confirmed what it had handled (offset = last + 1), so the second
    # was offered only the queued updates.
    offsets = [int(c.params.get("offset") or 0) for c in api.calls if c.method == "getUpdates"]
    assert queued[0]["update_id"] in offsets


async def test_slett_still_works_after_a_transient_failure(answerer: Answerer) -> None:
    async with running(answerer, **quick()) as api:
        api.fault("sendMessage", Fault("status", status=502))
        first = api.push(api.user_message("Bærum", chat_id=15))
        await until(lambda: len(api.sent()) == 1)
        api.fault("deleteMessages", Fault("status", status=500), Fault("reset"))
        slett = api.push(api.user_message("/slett", chat_id=15))
        await until(lambda: len(api.sent()) == 2 and len(api.deleted) >= 4)
    reply_id = 10_000
    user_ids = {first["message"]["message_id"], slett["message"]["message_id"]}
    assert set(api.deleted) >= {*user_ids, reply_id}
    assert api.sent()[1].params["text"] == "Slettet 3 meldinger."


async def test_a_send_that_keeps_failing_ends_in_the_error_handler_not_a_crash(
    answerer: Answerer,
) -> None:
    async with running(answerer, retry_for_s=1.5, **quick()) as api:
        api.fault("sendMessage", *[Fault("status", status=500)] * 3)  # 0 s, 0.5 s, 1.5 s: all
        api.push(api.user_message("Bærum", chat_id=16))
        await until(lambda: len(api.sent()) == 1, timeout=20)
        api.push(api.user_message("Hamar", chat_id=16))
        await until(lambda: len(api.sent()) == 2)
    texts = [c.params["text"] for c in api.sent()]
    assert texts[0].startswith("Noe gikk galt her hos oss.")
    assert "112" in texts[0] and "116 006" in texts[0]
    assert texts[1].startswith("Her er det du spurte om.")  # the bot goes on
