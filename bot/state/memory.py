"""The in-process backend (the default): the same keys and expiry as Redis, and a bound.

Each kind of key lives in a ``Bucket`` (``bot.state.bucket``): expired keys are dropped in time
proportional to what expired, and past ``max_chats`` keys of a kind the least recently written
one is dropped and counted in ``evicted``: memory no longer grows with the number of people who
ever wrote. What every backend does the same way (expiry, bounds, deletion bookkeeping) is
``KeyedState`` (``bot.state.common``); this module keeps only how memory stores it. The sweeper's
lock and the chats' turns are ``MemoryLocks`` (``bot.state.memory_locks``).
"""

from __future__ import annotations

import heapq
import time
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from bot.state.base import CONTEXT_TTL_S, MAX_TTL_S, Arriving, Turn
from bot.state.bucket import Bucket
from bot.state.common import Key, KeyedState
from bot.state.memory_locks import MemoryLocks

#: Default bound per kind of key: chats active within 48 hours.
DEFAULT_MAX_CHATS = 200_000
#: The kinds of key, each in its own bucket (the context with its own TTL).
KINDS = {"ids": MAX_TTL_S, "promised": MAX_TTL_S, "dups": MAX_TTL_S, "auto": MAX_TTL_S,
         "due": MAX_TTL_S, "lang": MAX_TTL_S, "ctx": CONTEXT_TTL_S, "told": MAX_TTL_S}  # fmt: skip


class MemoryState(KeyedState):
    """``State`` in this process's memory."""

    name = "memory"

    def __init__(
        self, max_chats: int = DEFAULT_MAX_CHATS, clock: Callable[[], float] = time.time
    ) -> None:
        self.clock = clock
        self._buckets: dict[str, Bucket[Any]] = {
            kind: Bucket(ttl_s, max_chats, clock) for kind, ttl_s in KINDS.items()
        }
        self._ids: Bucket[dict[int, float]] = self._buckets["ids"]
        self._due: Bucket[float] = self._buckets["due"]
        self._heap: list[tuple[float, int]] = []
        self.locks = MemoryLocks()

    @property
    def evicted(self) -> int:
        return sum(b.evicted for b in self._buckets.values())

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        return None

    async def key_count(self) -> int:
        self.purge()
        return sum(len(b) for b in self._buckets.values())

    def purge(self) -> None:
        """Drop every expired key (the sweeper calls this)."""
        for b in self._buckets.values():
            b.purge()
        if len(self._heap) > 4 * len(self._due) + 64:
            self._heap = [(at, chat) for chat, at in self._due_items()]
            heapq.heapify(self._heap)

    def _due_items(self) -> list[tuple[int, float]]:
        return [(c, at) for c in list(self._due._items) if (at := self._due.get(c)) is not None]

    # -- the primitives of KeyedState --------------------------------------------------------
    async def _get(self, kind: str, key: int) -> bytes | None:
        value: bytes | None = self._buckets[kind].get(key)
        return value

    async def _put(
        self, kind: str, key: int, value: bytes, ttl_s: float = MAX_TTL_S, only_new: bool = False
    ) -> bool:
        bucket = self._buckets[kind]
        if only_new and bucket.get(key) is not None:
            return False
        bucket.set(key, value, ttl_s)
        return True

    async def _delete(self, *keys: Key) -> None:
        for kind, key in keys:
            self._buckets[kind].pop(key)

    async def _add_members(self, kind: str, key: int, members: list[int]) -> None:
        bucket = self._buckets[kind]
        known = bucket.get(key) or set()
        known.update(members)
        bucket.set(key, known)

    async def _members(self, kind: str, key: int) -> set[int]:
        return set(self._buckets[kind].get(key) or ())

    async def _remove_members(self, kind: str, key: int, members: list[int]) -> None:
        known = self._buckets[kind].get(key)
        if known is None:
            return
        for mid in members:
            if isinstance(known, dict):
                known.pop(mid, None)
            else:
                known.discard(mid)
        if not known:
            self._buckets[kind].pop(key)

    async def _ids_since(self, chat_id: int, cutoff: float) -> dict[int, float]:
        known = self._ids.get(chat_id) or {}
        return {mid: at for mid, at in known.items() if at > cutoff}

    async def _set_due(self, chat_id: int, due_at: float, earlier_only: bool) -> None:
        current = self._due.get(chat_id)
        if earlier_only and current is not None:
            due_at = min(current, due_at)
        self._due.set(chat_id, due_at)
        heapq.heappush(self._heap, (due_at, chat_id))

    # -- message ids ---------------------------------------------------------------------
    async def add_ids(
        self, chat_id: int, ids: Iterable[int], at: float | None = None,
        context: bytes | None = None,
    ) -> int:  # fmt: skip
        if context is not None:
            await self.set_context(chat_id, context)
        when = self.clock() if at is None else at
        if fresh := dict.fromkeys(ids, when):
            self._ids.set(chat_id, {**(self._ids.get(chat_id) or {}), **fresh})
        return await self.auto(chat_id)

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = list(ids)
        await self._remove_members("ids", chat_id, gone)
        await self._remove_members("promised", chat_id, gone)

    # -- automatic deletion ----------------------------------------------------------------
    async def unschedule(self, chat_id: int) -> None:
        self._due.pop(chat_id)

    async def due(self, now: float, limit: int = 100) -> list[int]:
        found: list[int] = []
        while self._heap and self._heap[0][0] <= now and len(found) < limit:
            at, chat_id = heapq.heappop(self._heap)
            if self._due.get(chat_id) == at and chat_id not in found:
                found.append(chat_id)
        for chat_id in found:  # still scheduled until the sweeper reschedules or removes it
            heapq.heappush(self._heap, (self._due.get(chat_id) or now, chat_id))
        return found

    # -- locks and order: MemoryLocks -----------------------------------------------------------
    def sweep_lock(self) -> AbstractAsyncContextManager[bool]:
        return self.locks.sweep_lock()

    async def enqueue(self, arrived: Sequence[tuple[str, int]]) -> None:
        return None

    @asynccontextmanager
    async def turn(
        self, key: str, update_id: int, arriving: Arriving | None = None
    ) -> AsyncIterator[Turn]:
        async with self.locks.turn(key, update_id):
            turn = Turn(await self.arrival(arriving))
            try:
                yield turn
            finally:
                await self.keep(turn.leave())
