"""The state interface, the same tests for every backend: memory, fakeredis (unit) and a real
redis-server (started by the fixtures)."""

from __future__ import annotations

import asyncio
import time

import pytest
import redis.asyncio as aioredis

from bot.state import (
    CONTEXT_TTL_S,
    MAX_TTL_S,
    Arrival,
    Arriving,
    Leaving,
    MemoryState,
    State,
    StateUnavailable,
    ensure_reachable,
    open_state,
)
from bot.state.redis import RedisState
from bot.state.redis_client import describe
from bot.state.resilient import ResilientState


async def test_ids_are_kept_until_dropped(state: State) -> None:
    now = time.time()
    await state.add_ids(1, [10, 11], now - 5)
    await state.add_ids(1, [12], now)
    await state.add_ids(2, [20], now)
    assert await state.ids(1) == {10: pytest.approx(now - 5), 11: pytest.approx(now - 5),
                                  12: pytest.approx(now)}  # fmt: skip
    await state.promise(1, [10, 11, 12])
    await state.drop_ids(1, [10, 11])
    assert set(await state.ids(1)) == {12}
    assert await state.promised(1) == {12}
    assert set(await state.ids(2)) == {20}


async def test_ids_older_than_the_deletion_window_are_not_offered(state: State) -> None:
    await state.add_ids(1, [10], time.time() - MAX_TTL_S)
    await state.add_ids(1, [11])
    assert set(await state.ids(1)) == {11}


async def test_duplicates_and_auto_and_schedule(state: State) -> None:
    await state.mark_duplicate(1, 10_005)
    assert await state.duplicates(1) == {10_005}
    await state.drop_duplicates(1, [10_005])
    assert await state.duplicates(1) == set()
    await state.set_auto(1, 15)
    assert await state.auto(1) == 15
    await state.set_auto(1, 0)
    assert await state.auto(1) == 0
    now = time.time()
    await state.schedule(1, now + 100)
    await state.schedule(1, now + 10)  # earlier wins
    await state.schedule(1, now + 50)
    await state.schedule(2, now - 1)
    await state.schedule(3, now + 1000)
    assert await state.due(now + 20) == [2, 1]
    await state.reschedule(1, now + 500)  # exactly
    assert await state.due(now + 20) == [2]
    await state.unschedule(2)
    assert await state.due(now + 2000) == [1, 3]


async def test_language_context_forget_and_told(state: State) -> None:
    await state.add_ids(7, [1])
    await state.set_lang(7, "en")
    await state.set_context(7, b'{"labels": ["centre"], "municipality": "3201"}')
    assert await state.lang(7) == "en"
    assert await state.context(7) == b'{"labels": ["centre"], "municipality": "3201"}'
    await state.forget(7)
    assert await state.lang(7) is None
    assert await state.context(7) is None
    assert set(await state.ids(7)) == {1}  # /slett still can
    await state.set_context(7, b"x")
    await state.clear_context(7)
    assert await state.context(7) is None
    with pytest.raises(ValueError, match="at most"):
        await state.set_context(7, b"x" * 5000)
    with pytest.raises(ValueError, match="TTL"):
        await state.set_context(7, b"x", ttl_s=MAX_TTL_S + 1)
    assert await state.tell_once(-5) is True
    assert await state.tell_once(-5) is False


async def test_arrival_keeps_the_ids_and_reads_what_answering_needs(state: State) -> None:
    assert await state.arrive(7, 70, [1]) == Arrival(auto=0, lang=None, context=None)
    await state.set_auto(7, 15)
    await state.set_lang(70, "en")
    await state.set_context(7, b'{"intent": "centre"}')
    assert await state.arrive(7, 70, [2]) == Arrival(15, "en", b'{"intent": "centre"}')
    assert await state.arrive(7, 71, []) == Arrival(15, None, b'{"intent": "centre"}')
    assert set(await state.ids(7)) == {1, 2}
    assert set(await state.ids(8)) == set()


async def test_ids_and_the_conversation_context_are_kept_in_one_write(state: State) -> None:
    assert await state.add_ids(7, [10], context=b'{"municipality": "3201"}') == 0
    assert await state.context(7) == b'{"municipality": "3201"}'
    await state.set_auto(7, 5)
    assert await state.add_ids(7, [], context=b"{}") == 5
    assert (set(await state.ids(7)), await state.context(7)) == ({10}, b"{}")
    with pytest.raises(ValueError, match="at most"):
        await state.add_ids(7, [11], context=b"x" * 5000)
    assert set(await state.ids(7)) == {10}  # nothing of a refused write is kept


async def test_a_context_kept_with_ids_expires_as_a_context_does(redis_url: str) -> None:
    now = [time.time()]
    memory = MemoryState(clock=lambda: now[0])
    await memory.add_ids(1, [10], context=b"{}")
    now[0] += CONTEXT_TTL_S + 1
    assert (await memory.context(1), set(await memory.ids(1))) == (None, {10})
    redis = RedisState(redis_url, prefix="kb:")
    await redis.add_ids(1, [10], context=b"{}")
    client = aioredis.from_url(redis_url)
    assert 0 < await client.pttl("kb:ctx:1") <= CONTEXT_TTL_S * 1000
    await client.aclose()
    await redis.close()


async def test_more_calls_at_once_than_connections_wait_for_one(redis_url: str) -> None:
    """redis-py's default pool fails past 100 connections ("Too many connections"), which
    would look like Redis going away; ours waits for a free connection instead."""
    state = RedisState(redis_url)
    assert await asyncio.gather(*(state.lang(user) for user in range(300))) == [None] * 300
    await state.close()


async def test_every_redis_key_has_a_prefix_and_a_ttl_within_48_hours(redis_url: str) -> None:
    state = RedisState(redis_url, prefix="kb:")
    await state.add_ids(1, [10])
    await state.promise(1, [10])
    await state.mark_duplicate(1, 10)
    await state.set_auto(1, 15)
    await state.schedule(1, time.time() + 60)
    await state.set_lang(1, "en")
    await state.set_context(1, b"{}")
    await state.tell_once(-1)
    await state.enqueue([("c1", 5)])
    client = aioredis.from_url(redis_url)
    keys = [k async for k in client.scan_iter()]
    assert len(keys) == 9 == await state.key_count()
    for key in keys:
        assert key.startswith(b"kb:")
        assert 0 < await client.ttl(key) <= MAX_TTL_S, key
    await client.aclose()
    await state.close()


async def test_memory_forgets_everything_after_the_ttls() -> None:
    now = [time.time()]
    state = MemoryState(clock=lambda: now[0])
    for chat in range(1, 1001):
        await state.add_ids(chat, [1, 2])
        await state.set_lang(chat, "en")
        await state.set_context(chat, b"{}")
        await state.schedule(chat, now[0] + 60)
    assert await state.key_count() == 4000
    now[0] += MAX_TTL_S + 1
    assert await state.key_count() == 0
    assert await state.due(now[0]) == []


async def test_memory_is_bounded() -> None:
    state = MemoryState(max_chats=100)
    for chat in range(1000):
        await state.add_ids(chat, [1])
    assert await state.key_count() == 100
    assert state.evicted == 900


def test_describe_never_shows_the_password() -> None:
    assert describe("redis://:hunter2@redis:6379/0") == "redis://redis:6379/0"
    assert describe("rediss://user:pw@h/1") == "rediss://h/1"


async def test_unreachable_redis_at_start_names_the_setting_not_the_password() -> None:
    state = open_state("redis://:sekret-pw@127.0.0.1:1/0")
    with pytest.raises(StateUnavailable) as raised:
        await ensure_reachable(state)
    message = str(raised.value)
    assert "KRISEBOT_REDIS_URL" in message and "127.0.0.1:1" in message
    assert "sekret-pw" not in message
    await state.close()


async def test_resilient_state_falls_back_and_remembers_the_trouble() -> None:
    broken = RedisState("redis://:pw@127.0.0.1:1/0", timeout_s=0.2)
    state = ResilientState(broken)
    await state.add_ids(1, [10, 11])
    await state.set_lang(1, "en")
    assert set(await state.ids(1)) == {10, 11}
    assert await state.lang(1) == "en"
    assert state.trouble(1) and state.down
    assert await state.arrive(1, 1, [12]) == Arrival(0, "en", None)
    await state.add_ids(1, [13], context=b"{}")
    assert set(await state.ids(1)) == {10, 11, 12, 13}
    assert await state.context(1) == b"{}"
    async with state.turn("c1", 1), state.sweep_lock() as mine:
        assert mine
    async with state.turn("c2", 1, Arriving(2, 1, (5,))) as turn:
        assert turn.arrival == Arrival(0, "en", None)  # from this process's memory
        turn.leaving = Leaving(2, (6,), time.time())
    assert {5, 6} <= set(await state.ids(2))
    await state.close()
