"""Getting replies out when Telegram misbehaves, and keeping each chat's replies in order.

``RetryingRateLimiter`` is python-telegram-bot's ``AIORateLimiter`` (Telegram's limits; on a
429 it waits ``retry_after`` and tries again) plus a few retries, with a short back-off, for the
transient failures it leaves alone: 5xx answers, timeouts, connection resets and unreadable
responses. A person who wrote for help should get the answer, not an error, because a proxy
hiccuped once. Refusals (400, 403, 401) are never retried. A timeout can mean that Telegram did
get the message; then the person sees it twice, which we prefer to not seeing it at all.

``ChatOrderedProcessor`` lets updates from different chats run at the same time (one slow
chat never holds up another) while the updates of one chat run strictly one after the other,
so replies arrive in the order the person wrote and ``/slett`` sees every earlier message. The
per-chat locks live in memory only and are dropped as soon as a chat is idle.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Coroutine
from typing import Any

from telegram import Update
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

#: Telegram allows a bot about 30 messages per second in all.
TELEGRAM_MAX_RATE = 30.0


def is_transient(error: BaseException) -> bool:
    """5xx, timeouts, resets (``NetworkError`` but not a 400) and unreadable responses."""
    if isinstance(error, BadRequest):
        return False
    return isinstance(error, NetworkError) or type(error) is TelegramError


class RetryingRateLimiter(AIORateLimiter):
    """``AIORateLimiter`` that also retries transient failures a few times."""

    def __init__(
        self,
        overall_max_rate: float = TELEGRAM_MAX_RATE,
        retries: int = 3,
        backoff_s: float = 0.5,
        max_retries: int = 3,
    ) -> None:
        super().__init__(overall_max_rate=overall_max_rate, max_retries=max_retries)
        self.retries = retries
        self.backoff_s = backoff_s

    async def process_request(  # type: ignore[override]
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]] | None:
        for attempt in range(self.retries + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except TelegramError as error:
                if attempt == self.retries or not is_transient(error):
                    raise
                log.warning("%s failed (%s); retrying", endpoint, type(error).__name__)
                await asyncio.sleep(self.backoff_s * 2**attempt)
        raise AssertionError("unreachable")  # pragma: no cover


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in order within a chat."""

    def __init__(self, max_concurrent_updates: int = 64) -> None:
        super().__init__(max_concurrent_updates)
        self._locks: dict[tuple[str, int], asyncio.Lock] = {}
        self._waiting: dict[tuple[str, int], int] = {}

    async def do_process_update(
        self, update: object, coroutine: Awaitable[Any] | Coroutine[Any, Any, Any]
    ) -> None:
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock = self._locks.setdefault(key, asyncio.Lock())
        self._waiting[key] = self._waiting.get(key, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._waiting[key] -= 1
            if not self._waiting[key]:
                del self._waiting[key], self._locks[key]

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None


def _chat_key(update: object) -> tuple[str, int] | None:
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    user = update.effective_user
    return ("user", user.id) if user is not None else None  # inline queries: per user
