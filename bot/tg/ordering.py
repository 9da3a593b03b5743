"""Each person's replies in order, also across replicas sharing one Redis.

``OrderedIntake`` is the application's update queue: before an update is queued (the webhook
answers Telegram only after that), it is entered in its chat's pending list in the state; the
poller enters each ``getUpdates`` batch at once (``put_all``).
``SharedOrderProcessor`` then answers it only in its turn: holding the chat's short-lived lock,
once no earlier update of that chat is pending on any replica. It asks only once the chat's
turn in this process has come (``FairChatProcessor.handle``), so one chat's backlog never
polls the state. Within one process, python-telegram-bot's concurrency is kept: other chats are
never held up.
An update of a private chat arrives as its turn is granted, in the same call (``State.turn``
with ``Arriving``: its id kept, what answering it needs read); its handlers find that
``Arrival`` with ``arrived``, and the ``Turn`` it holds with ``held`` (a reply's write then goes
with the turn's release: ``Deleter.remember``).
The processor also times each answer for the metrics.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Coroutine, Sequence
from contextvars import ContextVar
from typing import Any

from telegram import Update
from telegram.constants import ChatType

from bot.state import Arrival, Arriving, State, Turn
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


def arriving(update: Update) -> Arriving | None:
    """What arrives with an update of a private chat: its message's id (a button press has
    none: the message a button sits on is the bot's own, already kept). None elsewhere."""
    message, chat, user = update.message, update.effective_chat, update.effective_user
    if chat is None or user is None or chat.type != ChatType.PRIVATE:
        return None
    return Arriving(chat.id, user.id, (message.message_id,) if message else ())


#: The update being answered in this task: its id, its chat's id, and the turn it holds.
_HELD: ContextVar[tuple[int, int | None, Turn] | None] = ContextVar("held", default=None)


def arrived(update: Update) -> Arrival | None:
    """The ``Arrival`` of ``update`` read when its turn was granted, if it was."""
    now = _HELD.get()
    return now[2].arrival if now is not None and now[0] == update.update_id else None


def held(chat_id: int) -> Turn | None:
    """The turn this task holds for ``chat_id``'s update, while it is open."""
    now = _HELD.get()
    return now[2] if now is not None and now[1] == chat_id and not now[2].closed else None


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

    async def do_process_update(
        self, update: object, coroutine: Awaitable[Any] | Coroutine[Any, Any, Any]
    ) -> None:
        started = time.perf_counter()
        await super().do_process_update(update, coroutine)
        if isinstance(update, Update) and order_key(update) is not None:
            self.metrics.latency.observe(time.perf_counter() - started)

    async def handle(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Within the chat's turn in this process (so only one of a chat's updates at a time
        asks the state: a backlog never floods Redis with polls), wait for its turn across
        replicas."""
        key = order_key(update)
        if key is None or not isinstance(update, Update):
            await coroutine
            return
        chat = update.effective_chat.id if update.effective_chat else None
        async with self.state.turn(key, update.update_id, arriving(update)) as turn:
            token = _HELD.set((update.update_id, chat, turn))
            try:
                await coroutine
            finally:
                _HELD.reset(token)
