"""Noticing a reply sent twice: after an unclear failure Telegram may have delivered the first copy.

``WatchingRateLimiter`` wraps the ``DeliveryLimiter``. When a send is retried after a failure
that may still have delivered the message (``maybe_delivered``), the copy whose id we know is
marked in the state, so that its deletion also covers the unknown first copy
(``bot.tg.deletion``). It also counts Telegram's errors and the retries for the metrics.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram.error import NetworkError, TelegramError, TimedOut

from bot.state import State
from bot.tg.limiter import DeliveryLimiter, is_transient
from bot.tg.metrics import Metrics

log = logging.getLogger(__name__)


class WatchingRateLimiter(DeliveryLimiter):
    """``DeliveryLimiter`` that notices a reply sent again after an ambiguous failure (a
    timeout, a reset, a 5xx: Telegram may have delivered the first copy) and marks the copy
    it knows, so that its deletion also covers the unknown first copy. It also counts
    Telegram's errors and the retries for the metrics."""

    def __init__(self, state: State, metrics: Metrics, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.state = state
        self.metrics = metrics

    async def process_request(
        self,
        callback: Any,
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        attempts: list[BaseException | None] = []

        async def watched(*a: Any, **k: Any) -> Any:
            if attempts:
                self.metrics.telegram_retries.labels(endpoint).inc()
            try:
                result = await callback(*a, **k)
            except TelegramError as error:
                attempts.append(error)
                self.metrics.telegram_errors.labels(endpoint, type(error).__name__).inc()
                raise
            attempts.append(None)
            return result

        result = await super().process_request(
            watched, args, kwargs, endpoint, data, rate_limit_args
        )
        if endpoint in SEND_ENDPOINTS and any(maybe_delivered(a) for a in attempts[:-1]):
            await self._mark(data, result)
        return result

    async def _mark(self, data: dict[str, Any], result: object) -> None:
        chat_id, message_id = str(data.get("chat_id", "")), _message_id(result)
        if chat_id.lstrip("-").isdigit() and message_id is not None:
            log.warning("a reply was sent again after an unclear failure; marked for deletion")
            await self.state.mark_duplicate(int(chat_id), message_id)


SEND_ENDPOINTS = frozenset({"sendMessage", "sendPhoto"})


def maybe_delivered(error: BaseException | None) -> bool:
    """A failure after which Telegram may still have delivered the message: a read timeout,
    or the connection lost after the request went out. Not a refusal, not an HTTP status
    (Telegram answered that it failed), not a connection that was never made."""
    if isinstance(error, TimedOut):
        return True
    if not isinstance(error, NetworkError) or not is_transient(error):
        return False
    return error.message.startswith("aiohttp.") and "Connector" not in error.message


def _message_id(result: object) -> int | None:
    if isinstance(result, dict) and isinstance(result.get("message_id"), int):
        return int(result["message_id"])
    return None
