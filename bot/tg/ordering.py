"""Each person's replies in order, also across replicas sharing one Redis.

``OrderedIntake`` is the application's update queue: before an update is queued (the webhook
answers Telegram only after that), it is entered in its chat's pending list in the state; the
poller enters each ``getUpdates`` batch at once (``put_all``).
``SharedOrderProcessor`` then answers it only in its turn: holding the chat's short-lived lock,
once no earlier update of that chat is pending on any replica. Within this process a chat's
updates wait in line first, so that only one of them at a time polls the state for the turn.
Within one process, python-telegram-bot's concurrency is kept: other chats are never held up.
The processor also times each answer for the metrics.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Awaitable, Coroutine, Sequence
from contextlib import AsyncExitStack, asynccontextmanager
from typing import Any

from telegram import Update

from bot.state import State
from bot.tg.delivery import FairChatProcessor
from bot.tg.metrics import Metrics


def order_key(update: object) -> str | None:
    """A chat (``c<id>``), or a user for updates without a chat (inline queries)."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return f"c{update.effective_chat.id}"
    user = update.effective_user
    return f"u{user.id}" if user is not None else None


class OrderedIntake(asyncio.Queue[object]):
    """The update queue: every update is entered in its chat's pending list first."""

    def __init__(self, state: State) -> None:
        super().__init__()
        self.state = state

    async def put(self, item: object) -> None:
        await self.put_all([item])

    async def put_all(self, items: Sequence[object]) -> None:
        """Queue ``items`` in order, all entered in their chats' pending lists first, in one
        call to the state (the poller's batch: one Redis round trip instead of one each)."""
        arrived = [
            (key, item.update_id)
            for item in items
            if isinstance(item, Update) and (key := order_key(item)) is not None
        ]
        if arrived:
            await self.state.enqueue(arrived)
        for item in items:
            await super().put(item)


class SharedOrderProcessor(FairChatProcessor):
    """``FairChatProcessor`` (fair, in order within this process) that also waits for the
    chat's turn across replicas, and times each answer."""

    def __init__(self, state: State, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = state
        self.metrics = metrics
        self._lines: dict[str, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(
        self, update: object, coroutine: Awaitable[Any] | Coroutine[Any, Any, Any]
    ) -> None:
        key = order_key(update)
        if key is None or not isinstance(update, Update):
            await super().do_process_update(update, coroutine)
            return
        async with AsyncExitStack() as held:
            try:
                await held.enter_async_context(self._line(key))
                await held.enter_async_context(self.state.turn(key, update.update_id))
            except BaseException:  # cancelled while waiting: never ran, but accounted for
                if isinstance(coroutine, Coroutine):
                    coroutine.close()
                self.intake.done(update)
                raise
            started = time.perf_counter()
            await super().do_process_update(update, coroutine)
            self.metrics.latency.observe(time.perf_counter() - started)

    @asynccontextmanager
    async def _line(self, key: str) -> AsyncIterator[None]:
        """This process's updates of ``key`` wait here in arrival order (``asyncio.Lock`` wakes
        its waiters first come, first served), so that only the first of them asks the state
        for its turn: a backlog of one chat never floods Redis with polls."""
        lock, waiting = self._lines.get(key, (asyncio.Lock(), 0))
        self._lines[key] = (lock, waiting + 1)
        try:
            async with lock:
                yield
        finally:
            lock, waiting = self._lines[key]
            if waiting > 1:
                self._lines[key] = (lock, waiting - 1)
            else:
                del self._lines[key]
