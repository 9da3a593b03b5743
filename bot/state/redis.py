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

Every Redis error becomes ``StateUnavailable``, whose message names the setting and the host,
never the password. Run Redis without persistence (``--save '' --appendonly no``), with a
password, reachable only from the bot's network (see the README and ``compose.yaml``).
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, TypeVar, cast
from urllib.parse import urlsplit

import redis.asyncio as aioredis
from redis.asyncio.lock import Lock
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import LockError, RedisError

from bot.state.base import (
    CONTEXT_TTL_S,
    DELETABLE_FOR_S,
    LOCK_TTL_S,
    MAX_TTL_S,
    ORDER_TTL_S,
    StateUnavailable,
    check_context,
    check_ttl,
)

T = TypeVar("T")
DEFAULT_PREFIX = "krisebot:"
#: How long one update waits for the ones before it (a replica that died holding one).
TURN_WAIT_S = 10.0
POLL_S = 0.005


def describe(url: str) -> str:
    """``redis://host:port/db`` without user or password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class RedisState:
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
        self.where = describe(url)
        self.prefix = prefix
        self.clock = clock
        self.client: aioredis.Redis = client or aioredis.from_url(
            url,
            socket_timeout=timeout_s,
            socket_connect_timeout=timeout_s,
            retry=Retry(NoBackoff(), 1),
            health_check_interval=30,
        )
        self._take_turn = self.client.register_script(TAKE_TURN)
        self._release_turn = self.client.register_script(RELEASE_TURN)

    def _k(self, kind: str, key: object = "") -> str:
        return f"{self.prefix}{kind}:{key}" if key != "" else f"{self.prefix}{kind}"

    async def _do(self, call: Callable[[], Awaitable[T]]) -> T:
        try:
            return await call()
        except (TimeoutError, RedisError, OSError) as exc:
            raise StateUnavailable(
                f"Redis ({self.where}, KRISEBOT_REDIS_URL) did not answer: {type(exc).__name__}"
            ) from None

    async def _pipe(self, build: Callable[[Any], object]) -> list[Any]:
        async def run() -> list[Any]:
            pipe = self.client.pipeline(transaction=False)
            build(pipe)
            return list(await pipe.execute())

        return await self._do(run)

    async def ping(self) -> bool:
        try:
            return bool(await self._do(self.client.ping))
        except StateUnavailable:
            return False

    async def close(self) -> None:
        try:
            await self.client.aclose()
        except (RedisError, OSError):
            return

    async def key_count(self) -> int:
        async def count() -> int:
            n = 0
            async for _ in self.client.scan_iter(match=f"{self.prefix}*", count=1000):
                n += 1
            return n

        return await self._do(count)

    # -- message ids ---------------------------------------------------------------------
    async def add_ids(self, chat_id: int, ids: Iterable[int], at: float | None = None) -> int:
        when = self.clock() if at is None else at
        mapping = {str(mid): when for mid in ids}
        key, auto = self._k("ids", chat_id), self._k("auto", chat_id)
        if not mapping:
            return await self.auto(chat_id)
        *_, minutes = await self._pipe(
            lambda p: (p.zadd(key, mapping), p.expire(key, MAX_TTL_S), p.get(auto))
        )
        return int(minutes) if minutes else 0

    async def ids(self, chat_id: int) -> dict[int, float]:
        key, cutoff = self._k("ids", chat_id), self.clock() - DELETABLE_FOR_S
        rows = await self._do(
            lambda: self.client.zrangebyscore(key, f"({cutoff}", "+inf", withscores=True)
        )
        pairs = cast(list[tuple[bytes, float]], rows)
        return {int(mid): float(at) for mid, at in pairs}

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = [str(mid) for mid in ids]
        if not gone:
            return
        ids_key, promised_key = self._k("ids", chat_id), self._k("promised", chat_id)
        await self._pipe(lambda p: (p.zrem(ids_key, *gone), p.srem(promised_key, *gone)))

    async def promise(self, chat_id: int, ids: Iterable[int]) -> None:
        await self._add_to_set("promised", chat_id, ids)

    async def promised(self, chat_id: int) -> set[int]:
        return await self._set("promised", chat_id)

    async def mark_duplicate(self, chat_id: int, message_id: int) -> None:
        await self._add_to_set("dups", chat_id, [message_id])

    async def duplicates(self, chat_id: int) -> set[int]:
        return await self._set("dups", chat_id)

    async def drop_duplicates(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = [str(mid) for mid in ids]
        if gone:
            await self._do(lambda: self.client.srem(self._k("dups", chat_id), *gone))

    async def _add_to_set(self, kind: str, chat_id: int, ids: Iterable[int]) -> None:
        members = [str(mid) for mid in ids]
        if members:
            key = self._k(kind, chat_id)
            await self._pipe(lambda p: (p.sadd(key, *members), p.expire(key, MAX_TTL_S)))

    async def _set(self, kind: str, chat_id: int) -> set[int]:
        members = await self._do(lambda: self.client.smembers(self._k(kind, chat_id)))
        return {int(m) for m in members}

    # -- automatic deletion ----------------------------------------------------------------
    async def set_auto(self, chat_id: int, minutes: int) -> None:
        key = self._k("auto", chat_id)
        if minutes:
            await self._do(lambda: self.client.set(key, minutes, ex=MAX_TTL_S))
        else:
            await self._do(lambda: self.client.delete(key))

    async def auto(self, chat_id: int) -> int:
        value = await self._do(lambda: self.client.get(self._k("auto", chat_id)))
        return int(value) if value else 0

    async def schedule(self, chat_id: int, due_at: float) -> None:
        await self._zadd_due(chat_id, due_at, lt=True)

    async def reschedule(self, chat_id: int, due_at: float) -> None:
        await self._zadd_due(chat_id, due_at, lt=False)

    async def _zadd_due(self, chat_id: int, due_at: float, lt: bool) -> None:
        key = self._k("due")
        await self._pipe(
            lambda p: (p.zadd(key, {str(chat_id): due_at}, lt=lt), p.expire(key, MAX_TTL_S))
        )

    async def unschedule(self, chat_id: int) -> None:
        await self._do(lambda: self.client.zrem(self._k("due"), str(chat_id)))

    async def due(self, now: float, limit: int = 100) -> list[int]:
        rows = await self._do(
            lambda: self.client.zrangebyscore(self._k("due"), "-inf", now, start=0, num=limit)
        )
        return [int(cast(bytes, chat)) for chat in rows]

    @asynccontextmanager
    async def sweep_lock(self) -> AsyncIterator[bool]:
        lock = Lock(self.client, self._k("sweep"), timeout=LOCK_TTL_S, blocking=False)
        got = await self._do(lock.acquire)
        try:
            yield got
        finally:
            if got:
                await self._release(lock)

    async def _release(self, lock: Lock) -> None:
        try:
            await lock.release()
        except (LockError, RedisError, OSError):
            return  # expired, or Redis went away: it expires on its own

    # -- what a person chose ---------------------------------------------------------------
    async def lang(self, user_id: int) -> str | None:
        value = await self._do(lambda: self.client.get(self._k("lang", user_id)))
        return cast(bytes, value).decode() if value else None

    async def set_lang(self, user_id: int, lang: str) -> None:
        await self._do(lambda: self.client.set(self._k("lang", user_id), lang, ex=MAX_TTL_S))

    async def context(self, chat_id: int) -> bytes | None:
        value = await self._do(lambda: self.client.get(self._k("ctx", chat_id)))
        return cast(bytes, value) if value is not None else None

    async def set_context(self, chat_id: int, record: bytes, ttl_s: float = CONTEXT_TTL_S) -> None:
        key, value, ttl = self._k("ctx", chat_id), check_context(record), check_ttl(ttl_s)
        await self._do(lambda: self.client.set(key, value, px=int(ttl * 1000)))

    async def clear_context(self, chat_id: int) -> None:
        await self._do(lambda: self.client.delete(self._k("ctx", chat_id)))

    async def forget(self, chat_id: int) -> None:
        keys = self._k("lang", chat_id), self._k("ctx", chat_id)
        await self._do(lambda: self.client.delete(*keys))

    async def tell_once(self, chat_id: int) -> bool:
        key = self._k("told", chat_id)
        return bool(await self._do(lambda: self.client.set(key, 1, nx=True, ex=MAX_TTL_S)))

    # -- order across replicas ---------------------------------------------------------------
    async def enqueue(self, key: str, update_id: int) -> None:
        pending = self._k("pending", key)
        await self._pipe(
            lambda p: (p.zadd(pending, {str(update_id): update_id}), p.expire(pending, ORDER_TTL_S))
        )

    @asynccontextmanager
    async def turn(self, key: str, update_id: int) -> AsyncIterator[None]:
        """Wait (at most ``TURN_WAIT_S``) until no earlier update of ``key`` is pending and
        ``key``'s lock is free, then hold the lock; the update leaves the pending set and the
        lock is released when its answer is done. One round trip each way (Lua)."""
        keys = [self._k("pending", key), self._k("lock", key)]
        token = secrets.token_hex(8)
        await self._my_turn(keys, update_id, token)
        try:
            yield
        finally:
            await self._do(partial(self._release_turn, keys=keys, args=[update_id, token]))

    async def _my_turn(self, keys: list[str], update_id: int, token: str) -> None:
        deadline = asyncio.get_running_loop().time() + TURN_WAIT_S
        ttl_ms = int(LOCK_TTL_S * 1000)
        while True:
            late = asyncio.get_running_loop().time() > deadline  # the one before it was lost
            args: list[int | str] = [update_id, token, ttl_ms, int(late)]
            if await self._do(partial(self._take_turn, keys=keys, args=args)):
                return
            await asyncio.sleep(POLL_S)


#: KEYS: pending, lock. ARGV: update id, token, lock TTL (ms), skip the order check (1/0).
TAKE_TURN = """
local head = redis.call('ZRANGE', KEYS[1], 0, 0)
if ARGV[4] == '0' and head[1] and tonumber(head[1]) < tonumber(ARGV[1]) then return 0 end
if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 1 end
return 0
"""
#: KEYS: pending, lock. ARGV: update id, token.
RELEASE_TURN = """
redis.call('ZREM', KEYS[1], ARGV[1])
if redis.call('GET', KEYS[2]) == ARGV[2] then redis.call('DEL', KEYS[2]) end
return 1
"""
