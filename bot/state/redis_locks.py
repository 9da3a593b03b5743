"""Locks and order across replicas in Redis: the sweeper's lock, and each chat's turn.

Keys (under the backend's prefix): ``pending:<key>``, a sorted set of update ids waiting for
their turn (``ORDER_TTL_S``); ``lock:<key>``, a chat's short-lived lock (taken and released with
Lua, one round trip each way); ``sweep``, the sweeper's lock (redis-py's ``Lock``). Errors
become ``StateUnavailable`` (``RedisConnection.do``).

A turn taken for an update that arrives (``Arriving``) also does ``RedisState.arrive``'s work in
the same script, only once the lock is granted: the incoming ids kept (``ids:<chat>``) and the
automatic-deletion minutes, the language and the context read (``auto``, ``lang``, ``ctx``).
Its release, likewise, writes the turn's last write (``Turn.leaving``: the reply's ids, the new
context, the sweep when automatic deletion is on) in the same script.
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, TypeVar

from redis.asyncio.lock import Lock
from redis.exceptions import LockError

from bot.state.base import (
    CONTEXT_TTL_S,
    LOCK_TTL_S,
    MAX_TTL_S,
    ORDER_TTL_S,
    Arrival,
    Arriving,
    Leaving,
    StateUnavailable,
    Turn,
)
from bot.state.redis_client import RedisConnection

T = TypeVar("T")
#: How long one update waits for the ones before it (a replica that died holding one).
TURN_WAIT_S = 10.0
POLL_S = 0.005


class RedisLocks:
    """The sweeper's lock and the per-chat turns of ``RedisState``."""

    def __init__(self, redis: RedisConnection, clock: Callable[[], float]) -> None:
        self.redis = redis
        self.clock = clock
        self.client = redis.client
        self._take_turn = self.client.register_script(TAKE_TURN)
        self._release_turn = self.client.register_script(RELEASE_TURN)

    @asynccontextmanager
    async def sweep_lock(self) -> AsyncIterator[bool]:
        lock = Lock(self.client, self.redis.full_key("sweep"), timeout=LOCK_TTL_S, blocking=False)
        got = await self.redis.do(lock.acquire)
        try:
            yield got
        finally:
            if got:
                await self._release(lock)

    async def _release(self, lock: Lock) -> None:
        try:
            await self.redis.do(lock.release)
        except (LockError, StateUnavailable):
            return  # expired, or Redis went away: it expires on its own

    async def enqueue(self, arrived: Sequence[tuple[str, int]]) -> None:
        """Every arrived update in its key's pending set, in one round trip."""
        by_key: dict[str, dict[str, int]] = {}
        for key, update_id in arrived:
            by_key.setdefault(self.redis.full_key("pending", key), {})[str(update_id)] = update_id
        if by_key:
            await self.redis.pipe(lambda p: _pending(p, by_key))

    @asynccontextmanager
    async def turn(
        self, key: str, update_id: int, arriving: Arriving | None = None
    ) -> AsyncIterator[Turn]:
        """Wait (at most ``TURN_WAIT_S``) until no earlier update of ``key`` is pending and
        ``key``'s lock is free, then hold the lock (and with ``arriving``, arrive: see the
        module docstring); the update leaves the pending set and the lock is released, with
        the turn's last write, when its answer is done. One round trip each way (Lua)."""
        keys = [self.redis.full_key("pending", key), self.redis.full_key("lock", key)]
        token = secrets.token_hex(8)
        granted = await self._my_turn(keys, update_id, token, arriving)
        turn = Turn(_arrival(granted) if arriving is not None else None)
        try:
            yield turn
        finally:
            await self._leave(keys, [update_id, token], turn.leave())

    async def _leave(self, keys: list[str], args: list[Any], leaving: Leaving | None) -> None:
        """The turn released, with its last write (``RELEASE_TURN``)."""
        if leaving is not None:
            chat, full_key = leaving.chat_id, self.redis.full_key
            keys = [*keys, *(full_key(kind, chat) for kind in ("ids", "ctx", "auto")),
                    full_key("due")]  # fmt: skip
            has_context = leaving.context is not None
            args = [*args, repr(float(leaving.at)), chat, MAX_TTL_S, int(CONTEXT_TTL_S * 1000),
                    int(has_context), leaving.context or b"", *leaving.ids]  # fmt: skip
        await self.redis.do(partial(self._release_turn, keys=keys, args=args))

    async def _my_turn(
        self, keys: list[str], update_id: int, token: str, arriving: Arriving | None
    ) -> Any:
        if arriving is not None:
            chat, user = arriving.chat_id, arriving.user_id
            kinds = (("ids", chat), ("auto", chat), ("lang", user), ("ctx", chat))
            keys = [*keys, *(self.redis.full_key(kind, of) for kind, of in kinds)]
        deadline = asyncio.get_running_loop().time() + TURN_WAIT_S
        ttl_ms = int(LOCK_TTL_S * 1000)
        while True:
            late = asyncio.get_running_loop().time() > deadline  # the one before it was lost
            args: list[int | str | float] = [update_id, token, ttl_ms, int(late)]
            if arriving is not None:  # when its ids were sent: now, at each try
                args += [repr(float(self.clock())), MAX_TTL_S, *arriving.ids]
            if granted := await self.redis.do(partial(self._take_turn, keys=keys, args=args)):
                return granted
            await asyncio.sleep(POLL_S)


def _pending(pipe: Any, by_key: dict[str, dict[str, int]]) -> None:
    for key, ids in by_key.items():
        pipe.zadd(key, ids)
        pipe.expire(key, ORDER_TTL_S)


def _arrival(granted: list[bytes | None]) -> Arrival:
    _, minutes, lang, context = granted
    return Arrival(int(minutes) if minutes else 0, lang.decode() if lang else None, context)


#: KEYS: pending, lock [, ids, auto, lang, ctx: an arrival]. ARGV: update id, token, lock TTL
#: (ms), skip the order check (1/0) [, sent at, the ids' TTL (s), the incoming ids...].
#: Returns 0 (not its turn), 1 (its turn), or {1, auto, lang, ctx} (its turn, it arrived).
TAKE_TURN = """
local head = redis.call('ZRANGE', KEYS[1], 0, 0)
if ARGV[4] == '0' and head[1] and tonumber(head[1]) < tonumber(ARGV[1]) then return 0 end
if not redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 0 end
if #KEYS == 2 then return 1 end
if #ARGV > 6 then
  for i = 7, #ARGV do redis.call('ZADD', KEYS[3], ARGV[5], ARGV[i]) end
  redis.call('EXPIRE', KEYS[3], ARGV[6])
end
return {1, redis.call('GET', KEYS[4]), redis.call('GET', KEYS[5]), redis.call('GET', KEYS[6])}
"""
#: KEYS: pending, lock [, ids, ctx, auto, due: a last write]. ARGV: update id, token [, sent
#: at, chat, the ids' TTL (s), the context's TTL (ms), a context (1/0), the context, the ids...].
RELEASE_TURN = """
if #KEYS > 2 then
  for i = 9, #ARGV do redis.call('ZADD', KEYS[3], ARGV[3], ARGV[i]) end
  redis.call('EXPIRE', KEYS[3], ARGV[5])
  if ARGV[7] == '1' then redis.call('SET', KEYS[4], ARGV[8], 'PX', ARGV[6]) end
  local minutes = tonumber(redis.call('GET', KEYS[5]) or '0') or 0
  if minutes > 0 then
    redis.call('ZADD', KEYS[6], 'LT', tonumber(ARGV[3]) + minutes * 60, ARGV[4])
    redis.call('EXPIRE', KEYS[6], ARGV[5])
  end
end
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return 1
"""
