"""Getting every reply out, in order per chat and fairly between chats, with a bounded backlog.

``FairChatProcessor`` runs at most ``SLOTS`` updates at once. Each chat has its own queue and
runs one update at a time (strict order per chat, so ``/slett`` sees every earlier message);
chats with work take turns for the slots round-robin. An update waiting for its chat's turn
holds no slot, so one chat's backlog or slow sends never delay another person. What it runs is
bounded by its ``Intake`` (``bot.tg.intake``); every Bot API call under it passes the
``DeliveryLimiter`` (``bot.tg.limiter``: rate limit, 429s, bounded retries).
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram.ext import BaseUpdateProcessor

from bot.tg.intake import ChatKey, Intake, key_or_own

#: Updates handled at the same time.
SLOTS = 64
UNBOUNDED = 1 << 30


class FairChatProcessor(BaseUpdateProcessor):
    """Per-chat queues, one update per chat at a time, chats taking turns for ``slots``."""

    def __init__(self, slots: int = SLOTS, intake: Intake | None = None) -> None:
        # The base class's semaphore would make waiting updates hold a slot: it is kept out of
        # the way (the intake bounds the updates in flight) and the slots are counted here.
        super().__init__(max_concurrent_updates=UNBOUNDED)
        self.intake = intake or Intake()
        self._free = slots
        self._queues: dict[ChatKey, deque[asyncio.Future[None]]] = {}
        self._ready: deque[ChatKey] = deque()
        self._running: set[ChatKey] = set()
        self._tasks: set[asyncio.Task[Any]] = set()

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        key = key_or_own(update)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._turn(key)
            try:
                await self.handle(update, coroutine)
            finally:
                self._release(key)
        finally:
            _close(coroutine)
            self.intake.done(update)
            if task is not None:
                self._tasks.discard(task)

    async def handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Run one update, its chat's turn in this process and a slot held (a subclass may wait
        for more here: ``SharedOrderProcessor``, the chat's turn across replicas, which takes
        as long as another replica's answer to the same person)."""
        await coroutine

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    def cancel_all(self) -> int:
        """Cancel every update still waiting or running (a graceful stop ran out of time)."""
        for task in self._tasks:
            task.cancel()
        return len(self._tasks)

    async def _turn(self, key: ChatKey) -> None:
        turn = asyncio.get_running_loop().create_future()
        queue = self._queues.setdefault(key, deque())
        queue.append(turn)
        if len(queue) == 1 and key not in self._running:
            self._ready.append(key)
        self._dispatch()
        try:
            await turn
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self._release(key)  # granted, then cancelled before it ran
            else:
                self._forget(key, turn)
            raise

    def _dispatch(self) -> None:
        while self._free and self._ready:
            key = self._ready.popleft()
            turn = self._queues[key].popleft()
            self._running.add(key)
            self._free -= 1
            turn.set_result(None)

    def _release(self, key: ChatKey) -> None:
        self._free += 1
        self._running.discard(key)
        if self._queues.get(key):
            self._ready.append(key)  # the chat's next update waits its turn at the back
        else:
            self._queues.pop(key, None)
        self._dispatch()

    def _forget(self, key: ChatKey, turn: asyncio.Future[None]) -> None:
        queue = self._queues.get(key)
        if queue is None or turn not in queue:
            return
        was_head = queue[0] is turn
        queue.remove(turn)
        if was_head and key in self._ready:
            self._ready.remove(key)
            if queue:
                self._ready.append(key)
        if not queue and key not in self._running:
            self._queues.pop(key, None)


def _close(coroutine: Awaitable[Any]) -> None:
    """A coroutine that never ran (cancelled while waiting) is closed without a warning."""
    if isinstance(coroutine, Coroutine):
        coroutine.close()
