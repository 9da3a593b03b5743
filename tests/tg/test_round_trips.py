"""What one text message costs in Redis round trips, through the started application (intake,
turn, handlers, reply) against the real redis-server the fixtures start; and that the incoming
message's id is kept before any reply is tried, so that /slett can delete it whatever happens."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Update

from bot.answers import Answerer
from bot.config import Settings
from bot.state import open_state
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeBotApi, Fault, RecordingRequest
from tests.support.round_trips import RoundTrips, Trip
from tests.support.running import until

CHAT = 4242


@pytest.fixture
async def bot(
    answerer: Answerer, redis_url: str
) -> AsyncIterator[tuple[Any, FakeBotApi, RoundTrips]]:
    """The application with its state in Redis, every round trip counted; started, its first
    sweep done (the sweeper's own round trips are not a message's)."""
    api, state = FakeBotApi(), open_state(redis_url)
    trips = RoundTrips(state.primary.client, mark=lambda: len(api.sent()))  # type: ignore[attr-defined]
    app = build_application(Settings(token=TOKEN), answerer, request=RecordingRequest(api),
                            rate_limiter=False, state=state, sweep_interval=3600)  # fmt: skip
    async with app:
        await app.start()
        await until(lambda: any("ZRANGEBYSCORE" in t.names for t in trips.trips))
        await write(app, api, trips, "/start")  # Lua scripts loaded
        yield app, api, trips
        await app.stop()
    await state.close()


async def write(app: Any, api: FakeBotApi, trips: RoundTrips, text: str) -> list[Trip]:
    """``text`` through the intake; the round trips until its turn is released."""
    trips.trips.clear()
    replies = len(api.sent())
    await app.update_queue.put(Update.de_json(api.push(api.user_message(text)), app.bot))
    await until(lambda: len(api.sent()) > replies and trips.trips[-1].names == ("EVALSHA",)
                and trips.trips[-1].mark > replies)  # fmt: skip
    return list(trips.trips)


async def test_a_text_message_costs_three_round_trips(
    bot: tuple[Any, FakeBotApi, RoundTrips],
) -> None:
    app, api, trips = bot
    state = app.bot_data["state"]
    for text in ("Bodø", "telefon?"):
        before = len(api.sent())
        made = await write(app, api, trips, text)
        assert [(t.names, t.mark - before) for t in made] == [
            (("ZADD", "EXPIRE"), 0),  # pending, at intake: the order across replicas
            (("EVALSHA",), 0),  # its turn; granted, its id kept and auto, language, context read
            (("EVALSHA",), 1),  # after the reply: the turn released, its id and context kept
        ]
        incoming = api.updates[-1]["message"]["message_id"]
        taken = made[1].commands[0]  # EVALSHA <sha> 6 pending lock ids auto lang ctx ... <id>
        kinds = ("pending:c", "lock:c", "ids:", "auto:", "lang:", "ctx:")
        assert taken[3:9] == tuple(f"krisebot:{kind}{CHAT}" for kind in kinds)
        assert taken[-1] == incoming
        released = made[2].commands[0]  # EVALSHA <sha> 6 pending lock ids ctx auto due, ARGV
        kinds = ("pending:c", "lock:c", "ids:", "ctx:", "auto:")
        assert released[3:9] == (*(f"krisebot:{kind}{CHAT}" for kind in kinds), "krisebot:due")
        assert released[-1] == max(await state.ids(CHAT))  # the reply's id
        assert released[-2] == await state.context(CHAT) is not None  # the new context
    assert "Salten" in api.sent()[-1].params["text"]  # "telefon?" followed Bodø's card


async def test_the_incoming_id_is_kept_when_every_reply_fails(
    bot: tuple[Any, FakeBotApi, RoundTrips],
) -> None:
    app, api, _ = bot
    api.fault("sendMessage", Fault("status", status=400), Fault("status", status=400))
    data = api.push(api.user_message("Bodø"))
    await app.update_queue.put(Update.de_json(data, app.bot))
    await until(lambda: len(api.faulted) == 2)  # the reply, then the error reply
    state = app.bot_data["state"]
    assert data["message"]["message_id"] in await state.ids(CHAT)


async def test_a_backlog_of_one_chat_asks_redis_for_each_turn_once(
    bot: tuple[Any, FakeBotApi, RoundTrips],
) -> None:
    """Waiting updates of a chat wait in line in the process, not by polling Redis."""
    app, api, trips = bot
    trips.trips.clear()
    for n in range(30):
        await app.update_queue.put(Update.de_json(api.push(api.user_message(f"{n}")), app.bot))
    await until(lambda: len(api.sent()) == 31)
    await until(lambda: [t.names for t in trips.trips].count(("EVALSHA",)) >= 60)
    assert [t.names for t in trips.trips].count(("EVALSHA",)) == 60  # a take and a release each
    assert not app.bot_data["state"].down


async def test_the_poller_enters_a_batch_of_updates_in_one_round_trip(
    answerer: Answerer, redis_url: str
) -> None:
    """Three people wrote before the poll: one getUpdates answer, one round trip puts all three
    in their chats' pending lists (not one each)."""
    from tests.support.fake_telegram import FakeTelegramServer
    from tests.support.running import running

    state = open_state(redis_url)
    trips = RoundTrips(state.primary.client)  # type: ignore[attr-defined]
    with FakeTelegramServer() as server:
        for chat in (501, 502, 503):
            server.api.push(server.api.user_message("Bodø", chat_id=chat))
        async with running(answerer, server=server, state=state) as api:
            await until(lambda: len(api.sent()) >= 3)
    await state.close()
    pending = [t for t in trips.trips if any(b"pending" in _key(c) for c in t.commands)]
    entered = [t for t in pending if t.names[0] == "ZADD"]
    assert len(entered) == 1
    assert entered[0].names == ("ZADD", "EXPIRE") * 3
    assert {_key(c) for c in entered[0].commands} == {
        f"krisebot:pending:c{chat}".encode() for chat in (501, 502, 503)
    }


def _key(command: tuple[Any, ...]) -> bytes:
    key = command[1] if len(command) > 1 else b""
    return key.encode() if isinstance(key, str) else bytes(key)


async def test_a_reply_is_kept_as_the_turn_is_released_and_writes_keep_their_order(
    bot: tuple[Any, FakeBotApi, RoundTrips],
) -> None:
    """Within an update's turn a reply's ids and context wait for the release (one round
    trip); a second reply's write makes the first one's happen at once, so the last context
    wins; a handler that fails after replying still has its reply kept, and the lock freed."""
    app, api, _ = bot
    state, deleter = app.bot_data["state"], app.bot_data["deleter"]
    seen: list[tuple[set[int], bytes | None]] = []

    async def look() -> None:
        seen.append((set(await state.ids(CHAT)), await state.context(CHAT)))

    async def replies() -> None:
        await deleter.remember(CHAT, [90001], b'{"n": 1}')
        await look()
        await deleter.remember(CHAT, [90002], b'{"n": 2}')
        await look()

    async def fails() -> None:
        await deleter.remember(CHAT, [90003])
        raise RuntimeError("after the reply")

    first, second = (Update.de_json(api.push(api.user_message("Bodø")), app.bot) for _ in "12")
    await state.enqueue([(f"c{CHAT}", first.update_id), (f"c{CHAT}", second.update_id)])
    await app.update_processor.handle(first, replies())
    assert 90001 not in seen[0][0]
    assert 90002 not in seen[1][0] and 90001 in seen[1][0] and seen[1][1] == b'{"n": 1}'
    assert {90001, 90002} <= set(await state.ids(CHAT))
    assert await state.context(CHAT) == b'{"n": 2}'
    with pytest.raises(RuntimeError):
        await app.update_processor.handle(second, fails())
    assert 90003 in await state.ids(CHAT)
    assert not await state.primary.client.exists(f"krisebot:lock:c{CHAT}")
