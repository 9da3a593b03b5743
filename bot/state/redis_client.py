"""Talking to Redis: one client, the key prefix, and every error made ``StateUnavailable``.

``RedisConnection`` is what ``RedisState`` (``bot.state.redis``) and its locks
(``bot.state.redis_locks``) share: ``full_key`` (a key under the prefix), ``do`` (one call) and
``pipe`` (several calls in one round trip), each bounded by the timeout. Every Redis error
becomes ``StateUnavailable``, whose message names the setting and the host (``describe``),
never the password.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

import redis.asyncio as aioredis
from redis.asyncio.connection import ConnectionPool
from redis.asyncio.retry import Retry
from redis.backoff import NoBackoff
from redis.exceptions import RedisError

from bot.state.base import StateUnavailable

T = TypeVar("T")
DEFAULT_PREFIX = "krisebot:"
#: Calls to Redis at once (so connections) at most; a call past them waits (within its
#: timeout) for a free one, rather than failing as redis-py's pool does when it is full ("Too
#: many connections"). A semaphore in ``do``: redis-py's ``BlockingConnectionPool`` does the
#: same with a condition and a timeout per call, several times the CPU.
MAX_CONNECTIONS = 64


def describe(url: str) -> str:
    """``redis://host:port/db`` without user or password, for messages and logs."""
    parts = urlsplit(url)
    host = parts.hostname or "localhost"
    port = f":{parts.port}" if parts.port else ""
    return f"{parts.scheme}://{host}{port}{parts.path}"


class RedisConnection:
    """redis-py's asyncio client with short timeouts, one retry, and our error."""

    def __init__(
        self,
        url: str,
        prefix: str = DEFAULT_PREFIX,
        timeout_s: float = 2.0,
        client: aioredis.Redis | None = None,
    ) -> None:
        self.where = describe(url)
        self.prefix = prefix
        self.timeout_s = timeout_s
        # No socket_timeout: redis-py would then run every send as a task of its own
        # (asyncio.wait_for); each call is bounded as a whole in ``do`` instead.
        self._calls = asyncio.Semaphore(MAX_CONNECTIONS)
        self.client: aioredis.Redis = client or aioredis.Redis.from_pool(
            ConnectionPool.from_url(
                url,
                max_connections=MAX_CONNECTIONS,
                socket_connect_timeout=timeout_s,
                retry=Retry(NoBackoff(), 1),
                health_check_interval=30,
            )
        )

    def full_key(self, kind: str, key: object = "") -> str:
        """The key ``<prefix><kind>:<key>`` (or ``<prefix><kind>``)."""
        return f"{self.prefix}{kind}:{key}" if key != "" else f"{self.prefix}{kind}"

    async def do(self, call: Callable[[], Awaitable[T]]) -> T:
        """``call()``, at most ``timeout_s`` with the wait for a free connection (a connection
        cut mid-call is closed, not reused)."""
        try:
            async with asyncio.timeout(self.timeout_s), self._calls:
                return await call()
        except (TimeoutError, RedisError, OSError) as exc:
            raise StateUnavailable(
                f"Redis ({self.where}, KRISEBOT_REDIS_URL) did not answer: {type(exc).__name__}"
            ) from None

    async def pipe(self, build: Callable[[Any], object]) -> list[Any]:
        """The calls ``build`` adds to a pipeline, in one round trip."""

        async def run() -> list[Any]:
            pipe = self.client.pipeline(transaction=False)
            build(pipe)
            return list(await pipe.execute())

        return await self.do(run)

    async def ping(self) -> bool:
        try:
            return bool(await self.do(self.client.ping))
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

        return await self.do(count)
