"""Getting every reply out, in order per chat and fairly between chats, with a bounded backlog.

``DeliveryLimiter`` sits under every Bot API call (python-telegram-bot's ``BaseRateLimiter``):

* Telegram's overall limit (30 messages/s) for calls that send to a chat;
* a 429 is waited out for as long as Telegram says (``retry_after``), and all sending pauses
  meanwhile, as Telegram asks;
* transient failures (5xx, timeouts, connection resets, unreadable answers) are retried with
  exponential back-off (0.5 s doubling, at most ``MAX_BACKOFF_S`` apart) for up to
  ``RETRY_FOR_S`` (one minute) from the first attempt. After that the error reaches the error
  handler, which tries the calm error reply with the emergency numbers (with the same minute).
  Refusals (400, 401, 403, 404) are never retried. A timeout can mean that Telegram did get the
  message; then the person sees it twice, which we prefer to not seeing it at all.
* ``getMe`` and ``getUpdates`` are not retried here: start-up and the polling loop
  (``bot.tg.polling``) decide themselves what a failure means.

``Intake`` counts the updates accepted from Telegram and not yet answered, so that polling and
the webhook accept more only when there is room (``MAX_IN_FLIGHT``; a crash can lose at most
those). A chat's updates beyond ``PER_CHAT_SHARE`` count once more only towards the hard cap
``MAX_ACCEPTED``: one person's flood never stops the bot from taking in other people's messages.

``FairChatProcessor`` runs at most ``SLOTS`` updates at once. Each chat has its own queue and
runs one update at a time (strict order per chat, so ``/slett`` sees every earlier message);
chats with work take turns for the slots round-robin. An update waiting for its chat's turn
holds no slot, so one chat's backlog or slow sends never delay another person.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from typing import Any

from aiolimiter import AsyncLimiter
from telegram import Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

#: Telegram allows a bot about 30 messages per second in all.
TELEGRAM_MAX_RATE = 30.0
#: How long a failing call is retried (transient errors and 429s) before it counts as failed.
RETRY_FOR_S = 60.0
FIRST_BACKOFF_S, MAX_BACKOFF_S = 0.5, 5.0
#: Calls whose failures the caller handles itself (start-up, the polling loop).
NOT_RETRIED = frozenset({"getMe", "getUpdates"})
#: Updates handled at the same time.
SLOTS = 64
#: Updates accepted from Telegram but not yet answered (each chat counts at most PER_CHAT_SHARE).
MAX_IN_FLIGHT = 128
PER_CHAT_SHARE = 8
#: Hard cap on accepted, unanswered updates, floods included.
MAX_ACCEPTED = 512
UNBOUNDED = 1 << 30

JSONResult = bool | dict[str, Any] | list[dict[str, Any]]
Callback = Callable[..., Coroutine[Any, Any, JSONResult]]


def is_transient(error: BaseException) -> bool:
    """5xx, timeouts, resets (``NetworkError`` but not a 400) and unreadable responses."""
    if isinstance(error, BadRequest):
        return False
    return isinstance(error, NetworkError) or type(error) is TelegramError


def backoff(attempt: int) -> float:
    """Seconds to wait before retry number ``attempt`` (0-based): 0.5, 1, 2, 4, 5, 5, ..."""
    return float(min(FIRST_BACKOFF_S * 2**attempt, MAX_BACKOFF_S))


class DeliveryLimiter(BaseRateLimiter[None]):
    """Telegram's rate limit, 429s waited out, transient failures retried for a bounded time."""

    def __init__(
        self, overall_max_rate: float = TELEGRAM_MAX_RATE, retry_for_s: float = RETRY_FOR_S
    ) -> None:
        self.retry_for_s = retry_for_s
        self._limiter = AsyncLimiter(overall_max_rate, 1) if overall_max_rate else None
        self._resume = asyncio.Event()
        self._resume.set()

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callback,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> JSONResult:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + (0.0 if endpoint in NOT_RETRIED else self.retry_for_s)
        attempt = 0
        while True:
            try:
                return await self._once(callback, args, kwargs, "chat_id" in data)
            except RetryAfter as error:
                wait = error.retry_after
                seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
                if loop.time() + seconds > deadline:
                    raise
                log.warning("%s: Telegram asks to wait %.0f s; waiting", endpoint, seconds)
                await self._pause(seconds + 0.1)
            except TelegramError as error:
                if not is_transient(error) or loop.time() + backoff(attempt) > deadline:
                    raise
                log.warning("%s failed (%s); retrying", endpoint, type(error).__name__)
                await asyncio.sleep(backoff(attempt))
                attempt += 1

    async def _once(
        self, callback: Callback, args: Any, kwargs: dict[str, Any], to_chat: bool
    ) -> JSONResult:
        await self._resume.wait()
        if self._limiter is None or not to_chat:
            return await callback(*args, **kwargs)
        async with self._limiter:
            return await callback(*args, **kwargs)

    async def _pause(self, seconds: float) -> None:
        """Hold every call for ``seconds`` (a 429 is about the whole bot)."""
        self._resume.clear()
        try:
            await asyncio.sleep(seconds)
        finally:
            self._resume.set()


ChatKey = tuple[str, int]


def chat_key(update: object) -> ChatKey | None:
    """The chat an update belongs to (inline queries: the user); ``None`` for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    user = update.effective_user
    return ("user", user.id) if user is not None else None


def _key_or_own(update: object) -> ChatKey:
    key = chat_key(update)
    if key is not None:
        return key
    return ("update", update.update_id if isinstance(update, Update) else id(update))


@dataclass
class Intake:
    """Accepted-but-unanswered updates: what polling and the webhook may still take in."""

    max_in_flight: int = MAX_IN_FLIGHT
    per_chat_share: int = PER_CHAT_SHARE
    max_accepted: int = MAX_ACCEPTED
    total: int = 0
    counted: int = 0  # the total with each chat capped at per_chat_share
    per_chat: dict[ChatKey, int] = field(default_factory=dict)
    unfinished: set[int] = field(default_factory=set)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def room(self) -> int:
        return max(0, min(self.max_in_flight - self.counted, self.max_accepted - self.total))

    def take(self, update: object) -> None:
        key = _key_or_own(update)
        held = self.per_chat.get(key, 0)
        self.per_chat[key] = held + 1
        self.total += 1
        self.counted += held < self.per_chat_share
        if isinstance(update, Update):
            self.unfinished.add(update.update_id)

    def done(self, update: object) -> None:
        key = _key_or_own(update)
        held = self.per_chat.pop(key, 0)
        if held == 0:
            return  # never taken (a test feeding the processor directly)
        if held > 1:
            self.per_chat[key] = held - 1
        self.total -= 1
        self.counted -= held <= self.per_chat_share
        if isinstance(update, Update):
            self.unfinished.discard(update.update_id)
        self._changed.set()

    async def wait_for_room(self) -> None:
        """Until at least one more update may be accepted."""
        while not self.room():
            self._changed.clear()
            await self._changed.wait()

    async def drained(self, timeout: float) -> bool:
        """Until every accepted update is answered (True), or ``timeout`` passed (False)."""
        try:
            async with asyncio.timeout(timeout):
                while self.total:
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            return False
        return True


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
        key = _key_or_own(update)
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        try:
            await self._turn(key)
            try:
                await coroutine
            finally:
                self._release(key)
        finally:
            _close(coroutine)
            self.intake.done(update)
            if task is not None:
                self._tasks.discard(task)

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
