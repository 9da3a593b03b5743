"""Locks in this process: the sweeper's lock, and each chat's turn.

Ordering across replicas needs no work here: one process, and its update processor already
answers each chat in order; ``turn`` takes the chat's lock all the same. A chat's lock is
forgotten when nobody waits for it, so the locks do not grow with the number of chats.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager


class MemoryLocks:
    """The sweeper's lock and the per-chat turns of ``MemoryState``."""

    def __init__(self) -> None:
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiting: dict[str, int] = {}
        self._sweeping = asyncio.Lock()

    @asynccontextmanager
    async def sweep_lock(self) -> AsyncIterator[bool]:
        if self._sweeping.locked():
            yield False
            return
        async with self._sweeping:
            yield True

    @asynccontextmanager
    async def turn(self, key: str, update_id: int) -> AsyncIterator[None]:
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]
