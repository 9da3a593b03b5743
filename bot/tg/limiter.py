"""Telegram's rate limit, 429s waited out, transient failures retried for a bounded time.

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
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from aiolimiter import AsyncLimiter
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

#: Telegram allows a bot about 30 messages per second in all.
TELEGRAM_MAX_RATE = 30.0
#: How long a failing call is retried (transient errors and 429s) before it counts as failed.
RETRY_FOR_S = 60.0
FIRST_BACKOFF_S, MAX_BACKOFF_S = 0.5, 5.0
#: Calls whose failures the caller handles itself (start-up, the polling loop).
NOT_RETRIED = frozenset({"getMe", "getUpdates"})

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
