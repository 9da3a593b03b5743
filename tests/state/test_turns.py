"""Locks and turns, the same tests for every backend: the sweeper's lock, each chat's turn in
arrival order, what a turn does as it is granted (the arrival) and released (the last write),
and a Redis that never answers."""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.state import Arrival, Arriving, Leaving, State, StateUnavailable
from bot.state.redis import RedisState
from bot.state.resilient import ResilientState
from tests.state.conftest import needs_lua


async def test_sweep_lock_is_held_by_one_at_a_time(state: State) -> None:
    needs_lua(state)
    async with state.sweep_lock() as first, state.sweep_lock() as second:
        assert (first, second) == (True, False)
    async with state.sweep_lock() as again:
        assert again is True


async def test_turns_follow_arrival_order(state: State) -> None:
    needs_lua(state)
    done: list[int] = []

    async def answer(update_id: int, delay: float) -> None:
        await asyncio.sleep(delay)
        async with state.turn("c1", update_id):
            await asyncio.sleep(0.02)
            done.append(update_id)

    await state.enqueue([("c1", 1), ("c2", 1), ("c1", 2)])
    await state.enqueue([("c1", 3)])
    await asyncio.gather(answer(3, 0.0), answer(2, 0.01), answer(1, 0.03))
    if state.name == "memory":  # one process: its update processor keeps the order
        assert sorted(done) == [1, 2, 3]
    else:
        assert done == [1, 2, 3]


async def test_a_turn_arrives_only_once_it_is_granted(state: State) -> None:
    """The turn of an update that arrives keeps its id and reads what answering needs, in the
    same call, and only once granted: a later update waiting for its turn writes nothing."""
    needs_lua(state)
    await state.set_auto(7, 15)
    await state.set_lang(70, "en")
    await state.set_context(7, b"{}")
    await state.enqueue([("c7", 1), ("c7", 2)])

    async def second() -> Arrival | None:
        async with state.turn("c7", 2, Arriving(7, 70, (22,))) as turn:
            return turn.arrival

    async with state.turn("c7", 1, Arriving(7, 70, (11,))) as first:
        assert first.arrival == Arrival(15, "en", b"{}")
        waiting = asyncio.create_task(second())
        await asyncio.sleep(0.05)  # it asked for its turn, and waits
        assert not waiting.done()
        assert set(await state.ids(7)) == {11}
    assert await waiting == Arrival(15, "en", b"{}")
    assert set(await state.ids(7)) == {11, 22}
    async with state.turn("c7", 3) as nothing, state.turn("c8", 1, Arriving(8, 80)) as button:
        assert (nothing.arrival, button.arrival) == (None, Arrival(0, None, None))
    assert set(await state.ids(8)) == set()


async def test_a_turn_is_released_with_its_last_write(state: State) -> None:
    """A reply's ids and the new context, kept as the turn is released (the same round trip
    in Redis), and with automatic deletion on, the chat's sweep scheduled."""
    needs_lua(state)
    await state.set_auto(7, 15)
    at = time.time()
    async with state.turn("c7", 1, Arriving(7, 70, (1,))) as turn:
        turn.leaving = Leaving(7, (2,), at, b'{"intent": "centre"}')
        assert set(await state.ids(7)) == {1}
    assert turn.closed
    assert set(await state.ids(7)) == {1, 2}
    assert await state.context(7) == b'{"intent": "centre"}'
    assert await state.due(at + 15 * 60 - 1) == []
    assert await state.due(at + 15 * 60 + 1) == [7]
    async with state.turn("c7", 2) as after:  # released: granted at once
        assert after.leaving is None
    with pytest.raises(ValueError, match="at most"):
        Leaving(7, (3,), at, b"x" * 5000)


async def test_a_redis_that_accepts_but_never_answers_is_unavailable() -> None:
    """Every call is bounded as a whole (``RedisConnection.do``): a hung Redis makes the turn
    and the writes fail over instead of waiting for ever."""
    silent: list[asyncio.StreamWriter] = []
    server = await asyncio.start_server(lambda _, w: silent.append(w), "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    state = ResilientState(RedisState(f"redis://:pw@127.0.0.1:{port}/0", timeout_s=0.2))
    async with state.turn("c1", 1, Arriving(1, 1, (10,))) as turn:
        turn.leaving = Leaving(1, (11,), time.time())
    assert state.down and state.trouble(1)
    assert {10, 11} <= set(await state.ids(1))
    with pytest.raises(StateUnavailable):
        await state.primary.ids(1)
    await state.close()
    server.close()
