"""``Bucket``: keys with a TTL, in order of the last write, at most ``max_keys`` of them.

An ordered dict of key -> (expires at, value), kept in order of the last write, so expired keys
are dropped from the front in time proportional to what expired (``purge``, run by the sweeper
and every ``PURGE_EVERY`` writes). Past ``max_keys`` the least recently written key is dropped
and counted in ``evicted`` (and logged): memory no longer grows with the number of people who
ever wrote. The memory backend keeps each kind of key in one.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, Generic, TypeVar

from bot.state.base import check_ttl

#: The memory backend's logger: "memory state full" has always been logged under this name.
log = logging.getLogger("bot.state.memory")
V = TypeVar("V")
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
