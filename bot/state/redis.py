"""The Redis backend (``KRISEBOT_REDIS_URL``): state shared by replicas, kept across restarts.

Keys (all under one prefix, ``krisebot:`` by default, each with a TTL of at most 48 hours):

==========================  ===========================================================
``ids:<chat>``              sorted set: message id -> sent at (the ids ``/slett`` needs)
``promised:<chat>``         set: ids promised a deletion, retried until done
``dups:<chat>``             set: replies sent again after a lost acknowledgement
``auto:<chat>``             minutes after which messages are deleted automatically
``due``                     sorted set: chat -> when its deletion sweep is due
``lang:<user>``             the language a person chose
``ctx:<chat>``              a small opaque conversation context (30 minutes)
``told:<chat>``             a group was told once that the bot answers only in private
``pending:<key>``           sorted set of update ids waiting for their turn (60 s)
``lock:<key>``              a chat's short-lived lock (taken and released with Lua)
``sweep``                   the sweeper's lock (redis-py's ``Lock``)
==========================  ===========================================================

What every backend does the same way (expiry, bounds, deletion bookkeeping) is ``KeyedState``
(``bot.state.common``); this module keeps only how Redis stores it. Order and locks across
replicas (``pending``, ``lock``, ``sweep``) are ``RedisLocks`` (``bot.state.redis_locks``).

Every Redis error becomes ``StateUnavailable`` (``bot.state.redis_client``), whose message
names the setting and the host, never the password. Run Redis without persistence
(``--save '' --appendonly no``), with a password, reachable only from the bot's network (see
the README and ``compose.yaml``).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from typing import Any, cast

import redis.asyncio as aioredis

from bot.state.base import CONTEXT_TTL_S, MAX_TTL_S, Arrival, Arriving, Turn, check_context
from bot.state.common import Key, KeyedState
from bot.state.redis_client import DEFAULT_PREFIX, RedisConnection
from bot.state.redis_locks import RedisLocks


class RedisState(RedisConnection, KeyedState):
    """``State`` in Redis, through redis-py's asyncio client."""

    name = "redis"

    def __init__(
        self,
        url: str,
        prefix: str = DEFAULT_PREFIX,
        clock: Callable[[], float] = time.time,
        timeout_s: float = 2.0,
        client: aioredis.Redis | None = None,
    ) -> None:
        super().__init__(url, prefix, timeout_s, client)
        self.clock = clock
        self.locks = RedisLocks(self, clock)

    # -- the primitives of KeyedState --------------------------------------------------------
    async def _get(self, kind: str, key: int) -> bytes | None:
        value = await self.do(lambda: self.client.get(self.full_key(kind, key)))
        return cast(bytes, value) if value is not None else None

    async def _put(
        self, kind: str, key: int, value: bytes, ttl_s: float = MAX_TTL_S, only_new: bool = False
    ) -> bool:
        name, ms = self.full_key(kind, key), int(ttl_s * 1000)
        return bool(await self.do(lambda: self.client.set(name, value, px=ms, nx=only_new)))

    async def _delete(self, *keys: Key) -> None:
        names = [self.full_key(kind, key) for kind, key in keys]
        await self.do(lambda: self.client.delete(*names))

    async def _add_members(self, kind: str, key: int, members: list[int]) -> None:
        if members:
            name = self.full_key(kind, key)
            await self.pipe(lambda p: (p.sadd(name, *members), p.expire(name, MAX_TTL_S)))

    async def _members(self, kind: str, key: int) -> set[int]:
        members = await self.do(lambda: self.client.smembers(self.full_key(kind, key)))
        return {int(m) for m in members}

    async def _remove_members(self, kind: str, key: int, members: list[int]) -> None:
        if members:
            await self.do(lambda: self.client.srem(self.full_key(kind, key), *members))

    async def _ids_since(self, chat_id: int, cutoff: float) -> dict[int, float]:
        key = self.full_key("ids", chat_id)
        rows = await self.do(
            lambda: self.client.zrangebyscore(key, f"({cutoff}", "+inf", withscores=True)
        )
        pairs = cast(list[tuple[bytes, float]], rows)
        return {int(mid): float(at) for mid, at in pairs}

    async def _set_due(self, chat_id: int, due_at: float, earlier_only: bool) -> None:
        key = self.full_key("due")
        await self.pipe(
            lambda p: (
                p.zadd(key, {str(chat_id): due_at}, lt=earlier_only),
                p.expire(key, MAX_TTL_S),
            )
        )

    # -- message ids ---------------------------------------------------------------------
    async def add_ids(
        self, chat_id: int, ids: Iterable[int], at: float | None = None,
        context: bytes | None = None,
    ) -> int:  # fmt: skip
        record = check_context(context) if context is not None else None
        ctx, ms = self.full_key("ctx", chat_id), int(CONTEXT_TTL_S * 1000)

        def build(p: Any) -> None:
            self._remember(p, chat_id, ids, at)
            if record is not None:
                p.set(ctx, record, px=ms)
            p.get(self.full_key("auto", chat_id))

        minutes = (await self.pipe(build))[-1]
        return int(minutes) if minutes else 0

    async def arrive(
        self, chat_id: int, user_id: int, ids: Iterable[int], at: float | None = None
    ) -> Arrival:
        """One round trip: the ids written, the setting, the language and the context read."""

        def build(p: Any) -> None:
            self._remember(p, chat_id, ids, at)
            for kind, key in (("auto", chat_id), ("lang", user_id), ("ctx", chat_id)):
                p.get(self.full_key(kind, key))

        *_, minutes, lang, context = await self.pipe(build)
        return Arrival(int(minutes) if minutes else 0, lang.decode() if lang else None, context)

    def _remember(self, p: Any, chat_id: int, ids: Iterable[int], at: float | None) -> None:
        """Add the ids, sent at ``at`` (now), to the pipeline ``p``."""
        when = self.clock() if at is None else at
        if mapping := {str(mid): when for mid in ids}:
            key = self.full_key("ids", chat_id)
            p.zadd(key, mapping)
            p.expire(key, MAX_TTL_S)

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = [str(mid) for mid in ids]
        if not gone:
            return
        ids_key, promised_key = self.full_key("ids", chat_id), self.full_key("promised", chat_id)
        await self.pipe(lambda p: (p.zrem(ids_key, *gone), p.srem(promised_key, *gone)))

    # -- automatic deletion ----------------------------------------------------------------
    async def unschedule(self, chat_id: int) -> None:
        await self.do(lambda: self.client.zrem(self.full_key("due"), str(chat_id)))

    async def due(self, now: float, limit: int = 100) -> list[int]:
        rows = await self.do(
            lambda: self.client.zrangebyscore(self.full_key("due"), "-inf", now, start=0, num=limit)
        )
        return [int(cast(bytes, chat)) for chat in rows]

    # -- locks and order across replicas: RedisLocks -------------------------------------------
    def sweep_lock(self) -> AbstractAsyncContextManager[bool]:
        return self.locks.sweep_lock()

    async def enqueue(self, arrived: Sequence[tuple[str, int]]) -> None:
        await self.locks.enqueue(arrived)

    def turn(
        self, key: str, update_id: int, arriving: Arriving | None = None
    ) -> AbstractAsyncContextManager[Turn]:
        return self.locks.turn(key, update_id, arriving)
