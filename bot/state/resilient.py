"""Keep answering when the shared state goes away.

``ResilientState`` puts a ``MemoryState`` of this process behind the primary backend (Redis).
When Redis does not answer, every call goes to the memory one instead, so people still get
answers and their message ids are still kept (by this replica). Reads of ids join both. A chat
that lost a write while Redis was away is remembered (``trouble``), and ``/slett`` says so
plainly: another replica may have sent messages this one never heard of.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any, cast

from bot.state.base import CONTEXT_TTL_S, MAX_TTL_S, State, StateUnavailable
from bot.state.memory import Bucket, MemoryState

log = logging.getLogger(__name__)


class ResilientState:
    """``State``: ``primary`` while it answers, this process's memory while it does not."""

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

    async def add_ids(self, chat_id: int, ids: Iterable[int], at: float | None = None) -> int:
        return int(await self._call("add_ids", chat_id, chat_id, list(ids), at))

    async def ids(self, chat_id: int) -> dict[int, float]:
        return cast(dict[int, float], await self._joined("ids", chat_id))

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = list(ids)
        await self.fallback.drop_ids(chat_id, gone)
        await self._call("drop_ids", chat_id, chat_id, gone)

    async def promise(self, chat_id: int, ids: Iterable[int]) -> None:
        await self._call("promise", chat_id, chat_id, list(ids))

    async def promised(self, chat_id: int) -> set[int]:
        return cast(set[int], await self._joined("promised", chat_id))

    async def mark_duplicate(self, chat_id: int, message_id: int) -> None:
        await self._call("mark_duplicate", chat_id, chat_id, message_id)

    async def duplicates(self, chat_id: int) -> set[int]:
        return cast(set[int], await self._joined("duplicates", chat_id))

    async def drop_duplicates(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = list(ids)
        await self.fallback.drop_duplicates(chat_id, gone)
        await self._call("drop_duplicates", chat_id, chat_id, gone)

    async def set_auto(self, chat_id: int, minutes: int) -> None:
        await self._call("set_auto", chat_id, chat_id, minutes)

    async def auto(self, chat_id: int) -> int:
        return int(await self._call("auto", None, chat_id))

    async def schedule(self, chat_id: int, due_at: float) -> None:
        await self._call("schedule", chat_id, chat_id, due_at)

    async def reschedule(self, chat_id: int, due_at: float) -> None:
        await self._call("reschedule", chat_id, chat_id, due_at)

    async def unschedule(self, chat_id: int) -> None:
        await self.fallback.unschedule(chat_id)
        await self._call("unschedule", None, chat_id)

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

    async def lang(self, user_id: int) -> str | None:
        return cast(str | None, await self._call("lang", None, user_id))

    async def set_lang(self, user_id: int, lang: str) -> None:
        await self._call("set_lang", None, user_id, lang)

    async def context(self, chat_id: int) -> bytes | None:
        return cast(bytes | None, await self._call("context", None, chat_id))

    async def set_context(self, chat_id: int, record: bytes, ttl_s: float = CONTEXT_TTL_S) -> None:
        await self._call("set_context", None, chat_id, record, ttl_s)

    async def clear_context(self, chat_id: int) -> None:
        await self.fallback.clear_context(chat_id)
        await self._call("clear_context", None, chat_id)

    async def forget(self, chat_id: int) -> None:
        await self.fallback.forget(chat_id)
        await self._call("forget", None, chat_id)

    async def tell_once(self, chat_id: int) -> bool:
        return bool(await self._call("tell_once", None, chat_id))

    async def enqueue(self, key: str, update_id: int) -> None:
        await self._call("enqueue", None, key, update_id)

    @asynccontextmanager
    async def turn(self, key: str, update_id: int) -> AsyncIterator[None]:
        try:
            manager = self.primary.turn(key, update_id)
            await manager.__aenter__()
        except StateUnavailable:
            self._failed(None)
            async with self.fallback.turn(key, update_id):
                yield
            return
        try:
            yield
        finally:
            try:
                await manager.__aexit__(None, None, None)
            except StateUnavailable:
                self._failed(None)
