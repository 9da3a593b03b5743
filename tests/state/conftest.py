"""The state fixture: every backend the same tests run on (memory, fakeredis for units, a real
redis-server started by the fixtures, and the resilient state a bot with Redis runs)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import fakeredis
import pytest

from bot.state import MemoryState, State
from bot.state.redis import RedisState
from bot.state.resilient import ResilientState

BACKENDS = ["memory", "fakeredis", "redis", "resilient"]


@pytest.fixture(params=BACKENDS)
async def state(request: pytest.FixtureRequest) -> AsyncIterator[State]:
    backend: State
    if request.param == "memory":
        backend = MemoryState()
    elif request.param == "fakeredis":
        backend = RedisState("redis://fake", client=fakeredis.FakeAsyncRedis())
    elif request.param == "redis":
        backend = RedisState(request.getfixturevalue("redis_url"))
    else:  # what a bot with KRISEBOT_REDIS_URL runs: Redis, this process's memory behind it
        backend = ResilientState(RedisState(request.getfixturevalue("redis_url")))
    yield backend
    await backend.close()


def needs_lua(state: State) -> None:
    if isinstance(state, RedisState) and isinstance(state.client, fakeredis.FakeAsyncRedis):
        pytest.skip("fakeredis runs no Lua scripts (redis-py's Lock); the real Redis does")
