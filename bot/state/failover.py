"""The mechanics of failing over from a shared backend to this process's memory.

``Failover`` calls the primary backend (Redis) and, when it does not answer
(``StateUnavailable``), the ``MemoryState`` behind it instead: a single call (``_call``), a read
that joins both (``_joined``: ids, promised, duplicates), the sweep schedule, and the two locks.
It notes when the primary went away and came back (logged once each way) and which chats lost
a write meanwhile (``trouble``). Which call goes which way is ``ResilientState``
(``bot.state.resilient``).
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from bot.state.base import MAX_TTL_S, Arriving, State, StateUnavailable, Turn
from bot.state.bucket import Bucket
from bot.state.memory import MemoryState

#: The resilient state's logger (its warnings have always been logged under this name).
log = logging.getLogger("bot.state.resilient")


class Failover:
    """``primary`` while it answers, this process's memory while it does not."""

    def __init__(self, primary: State, clock: Callable[[], float] = time.time) -> None:
        self.primary = primary
        self.fallback = MemoryState(clock=clock)
        self.name = primary.name
        self.down = False
        self._missed: Bucket[bool] = Bucket(MAX_TTL_S, 200_000, clock)

    def clock(self) -> float:
        """The primary's clock (the deleter reads it)."""
        primary_clock: Callable[[], float] = getattr(self.primary, "clock", time.time)
        return primary_clock()

    def _failed(self, chat_id: int | None) -> None:
        if not self.down:
            log.warning("state backend %s unavailable; using this process's memory", self.name)
        self.down = True
        if chat_id is not None:
            self._missed.set(chat_id, True)

    def _recovered(self) -> None:
        if self.down:
            log.warning("state backend %s answers again", self.name)
        self.down = False

    async def _call(self, method: str, chat_id: int | None, *args: Any) -> Any:
        try:
            result = await getattr(self.primary, method)(*args)
        except StateUnavailable:
            self._failed(chat_id)
            return await getattr(self.fallback, method)(*args)
        self._recovered()
        return result

    async def _joined(self, method: str, chat_id: int) -> Any:
        """Primary and fallback together (ids, promised, duplicates)."""
        local = await getattr(self.fallback, method)(chat_id)
        try:
            shared = await getattr(self.primary, method)(chat_id)
        except StateUnavailable:
            self._failed(chat_id)
            return local
        self._recovered()
        if isinstance(local, dict):
            return {**shared, **local}
        return set(shared) | set(local)

    def trouble(self, chat_id: int) -> bool:
        """True if this chat's state may be incomplete: the backend is or was unavailable."""
        return self.down or bool(self._missed.get(chat_id))

    async def ping(self) -> bool:
        ok = await self.primary.ping()
        if ok:
            self._recovered()
        return ok

    async def close(self) -> None:
        await self.primary.close()

    async def key_count(self) -> int:
        local = await self.fallback.key_count()
        try:
            return local + await self.primary.key_count()
        except StateUnavailable:
            return local

    async def due(self, now: float, limit: int = 100) -> list[int]:
        local = await self.fallback.due(now, limit)
        try:
            shared = await self.primary.due(now, limit)
        except StateUnavailable:
            self._failed(None)
            return local
        return list(dict.fromkeys([*shared, *local]))[:limit]

    @asynccontextmanager
    async def sweep_lock(self) -> AsyncIterator[bool]:
        manager = self.primary.sweep_lock()
        try:
            got = await manager.__aenter__()
        except StateUnavailable:
            self._failed(None)
            async with self.fallback.sweep_lock() as local:
                yield local
            return
        try:
            yield got
        finally:
            await manager.__aexit__(None, None, None)

    @asynccontextmanager
    async def turn(
        self, key: str, update_id: int, arriving: Arriving | None = None
    ) -> AsyncIterator[Turn]:
        """The primary's turn (with the arrival, see ``State.turn``); while it does not answer,
        this process's, and the arriving chat lost a write (as ``arrive`` through ``_call``).
        A last write the primary's release could not do is kept in this process's memory."""
        try:
            manager = self.primary.turn(key, update_id, arriving)
            turn = await manager.__aenter__()
        except StateUnavailable:
            self._failed(arriving.chat_id if arriving else None)
            async with self.fallback.turn(key, update_id, arriving) as local:
                yield local
            return
        self._recovered()
        try:
            yield turn
        finally:
            try:
                await manager.__aexit__(None, None, None)
            except StateUnavailable:
                leaving = turn.leave()
                self._failed(leaving.chat_id if leaving else None)
                await self.fallback.keep(leaving)
