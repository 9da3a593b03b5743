"""The in-process backend (the default): the same keys and expiry as Redis, and a bound.

Each kind of key lives in a ``Bucket``: an ordered dict of key -> (expires at, value), kept in
order of the last write, so expired keys are dropped from the front in time proportional to
what expired (``purge``, run by the sweeper and every ``PURGE_EVERY`` writes). A bucket holds
at most ``max_keys`` keys; past that the least recently written key is dropped and counted in
``evicted`` (and logged): memory no longer grows with the number of people who ever wrote.
Ordering across replicas needs no work here: one process, and its update processor already
answers each chat in order; ``turn`` takes the chat's lock all the same.
"""

from __future__ import annotations

import asyncio
import heapq
import logging
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from typing import Any, Generic, TypeVar

from bot.state.base import (
    CONTEXT_TTL_S,
    DELETABLE_FOR_S,
    MAX_TTL_S,
    check_context,
    check_ttl,
)

log = logging.getLogger(__name__)
V = TypeVar("V")
#: Default bound per kind of key: chats active within 48 hours.
DEFAULT_MAX_CHATS = 200_000
PURGE_EVERY = 1024


class Bucket(Generic[V]):
    """Keys with a TTL, least recently written first, at most ``max_keys`` of them."""

    def __init__(self, ttl_s: float, max_keys: int, clock: Callable[[], float]) -> None:
        self.ttl_s = check_ttl(ttl_s)
        self.max_keys = max_keys
        self.clock = clock
        self.evicted = 0
        self._items: OrderedDict[Any, tuple[float, V]] = OrderedDict()
        self._writes = 0

    def get(self, key: Any) -> V | None:
        item = self._items.get(key)
        if item is None:
            return None
        if item[0] <= self.clock():
            del self._items[key]
            return None
        return item[1]

    def set(self, key: Any, value: V, ttl_s: float | None = None) -> None:
        self._items[key] = (self.clock() + (ttl_s or self.ttl_s), value)
        self._items.move_to_end(key)
        while len(self._items) > self.max_keys:
            self._items.popitem(last=False)
            self.evicted += 1
            log.warning("memory state full: forgot the least recently active chat")
        self._writes += 1
        if self._writes % PURGE_EVERY == 0:
            self.purge()

    def pop(self, key: Any) -> V | None:
        item = self._items.pop(key, None)
        return None if item is None else item[1]

    def purge(self) -> None:
        """Drop expired keys from the front (the least recently written)."""
        now = self.clock()
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now:
                break
            del self._items[key]

    def __len__(self) -> int:
        return len(self._items)


class MemoryState:
    """``State`` in this process's memory."""

    name = "memory"

    def __init__(
        self, max_chats: int = DEFAULT_MAX_CHATS, clock: Callable[[], float] = time.time
    ) -> None:
        self.clock = clock

        def bucket(ttl_s: float = MAX_TTL_S) -> Bucket[Any]:
            return Bucket(ttl_s, max_chats, clock)

        self._ids: Bucket[dict[int, float]] = bucket()
        self._promised: Bucket[set[int]] = bucket()
        self._dups: Bucket[set[int]] = bucket()
        self._auto: Bucket[int] = bucket()
        self._due: Bucket[float] = bucket()
        self._lang: Bucket[str] = bucket()
        self._context: Bucket[bytes] = bucket(CONTEXT_TTL_S)
        self._told: Bucket[bool] = bucket()
        self._buckets = (self._ids, self._promised, self._dups, self._auto, self._due,
                         self._lang, self._context, self._told)  # fmt: skip
        self._heap: list[tuple[float, int]] = []
        self._locks: dict[str, asyncio.Lock] = {}
        self._waiting: dict[str, int] = {}
        self._sweeping = asyncio.Lock()

    @property
    def evicted(self) -> int:
        return sum(b.evicted for b in self._buckets)

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        return None

    async def key_count(self) -> int:
        self.purge()
        return sum(len(b) for b in self._buckets)

    def purge(self) -> None:
        """Drop every expired key (the sweeper calls this)."""
        for b in self._buckets:
            b.purge()
        if len(self._heap) > 4 * len(self._due) + 64:
            self._heap = [(at, chat) for chat, at in self._due_items()]
            heapq.heapify(self._heap)

    def _due_items(self) -> list[tuple[int, float]]:
        return [(c, at) for c in list(self._due._items) if (at := self._due.get(c)) is not None]

    # -- message ids ---------------------------------------------------------------------
    async def add_ids(self, chat_id: int, ids: Iterable[int], at: float | None = None) -> int:
        known = self._ids.get(chat_id) or {}
        when = self.clock() if at is None else at
        known.update(dict.fromkeys(ids, when))
        self._ids.set(chat_id, known)
        return self._auto.get(chat_id) or 0

    async def ids(self, chat_id: int) -> dict[int, float]:
        known = self._ids.get(chat_id) or {}
        cutoff = self.clock() - DELETABLE_FOR_S
        return {mid: at for mid, at in known.items() if at > cutoff}

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = set(ids)
        self._remove_from(self._ids, chat_id, gone)
        self._remove_from(self._promised, chat_id, gone)

    def _remove_from(self, bucket: Bucket[Any], chat_id: int, gone: set[int]) -> None:
        known = bucket.get(chat_id)
        if known is None:
            return
        for mid in gone:
            if isinstance(known, dict):
                known.pop(mid, None)
            else:
                known.discard(mid)
        if not known:
            bucket.pop(chat_id)

    async def promise(self, chat_id: int, ids: Iterable[int]) -> None:
        promised = self._promised.get(chat_id) or set()
        promised.update(ids)
        self._promised.set(chat_id, promised)

    async def promised(self, chat_id: int) -> set[int]:
        return set(self._promised.get(chat_id) or ())

    async def mark_duplicate(self, chat_id: int, message_id: int) -> None:
        dups = self._dups.get(chat_id) or set()
        dups.add(message_id)
        self._dups.set(chat_id, dups)

    async def duplicates(self, chat_id: int) -> set[int]:
        return set(self._dups.get(chat_id) or ())

    async def drop_duplicates(self, chat_id: int, ids: Iterable[int]) -> None:
        self._remove_from(self._dups, chat_id, set(ids))

    # -- automatic deletion ----------------------------------------------------------------
    async def set_auto(self, chat_id: int, minutes: int) -> None:
        if minutes:
            self._auto.set(chat_id, minutes)
        else:
            self._auto.pop(chat_id)

    async def auto(self, chat_id: int) -> int:
        return self._auto.get(chat_id) or 0

    async def schedule(self, chat_id: int, due_at: float) -> None:
        current = self._due.get(chat_id)
        await self.reschedule(chat_id, due_at if current is None else min(current, due_at))

    async def reschedule(self, chat_id: int, due_at: float) -> None:
        self._due.set(chat_id, due_at)
        heapq.heappush(self._heap, (due_at, chat_id))

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

    @asynccontextmanager
    async def sweep_lock(self) -> AsyncIterator[bool]:
        if self._sweeping.locked():
            yield False
            return
        async with self._sweeping:
            yield True

    # -- what a person chose ---------------------------------------------------------------
    async def lang(self, user_id: int) -> str | None:
        return self._lang.get(user_id)

    async def set_lang(self, user_id: int, lang: str) -> None:
        self._lang.set(user_id, lang)

    async def context(self, chat_id: int) -> bytes | None:
        return self._context.get(chat_id)

    async def set_context(self, chat_id: int, record: bytes, ttl_s: float = CONTEXT_TTL_S) -> None:
        self._context.set(chat_id, check_context(record), check_ttl(ttl_s))

    async def clear_context(self, chat_id: int) -> None:
        self._context.pop(chat_id)

    async def forget(self, chat_id: int) -> None:
        self._lang.pop(chat_id)
        self._context.pop(chat_id)

    async def tell_once(self, chat_id: int) -> bool:
        if self._told.get(chat_id):
            return False
        self._told.set(chat_id, True)
        return True

    # -- order -------------------------------------------------------------------------------
    async def enqueue(self, key: str, update_id: int) -> None:
        return None

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
