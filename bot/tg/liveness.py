"""Is the bot in touch with Telegram? One small object that the delivery side updates and a
health check reads (``app.bot_data["liveness"]``; ``bot.tg.app.liveness(app)``).

Polling marks every answered ``getUpdates`` (a long poll answers at least every
``bot.tg.polling.POLL_TIMEOUT_S``, updates or not); the webhook marks a registered webhook.
The bot counts as healthy while it is not stopping, Telegram answered within
``MAX_SILENCE_S`` (polling), and Telegram is not refusing the token (401/404 while running;
the poller retries those for a while before it gives up and the process exits non-zero).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Final

#: Longer than a long poll plus a retry or two.
MAX_SILENCE_S: Final = 60.0


@dataclass
class Liveness:
    """Times are ``time.monotonic()`` seconds."""

    mode: str = "starting"  # "polling" or "webhook" once running
    last_contact: float | None = None  # Telegram last answered getUpdates / setWebhook
    token_refused_since: float | None = None
    failures: int = 0  # consecutive failed polls
    received: int = 0  # updates taken in since start
    stopping: bool = False
    started: float = field(default_factory=time.monotonic)

    def contact(self) -> None:
        """Telegram answered."""
        self.last_contact = time.monotonic()
        self.token_refused_since = None
        self.failures = 0

    def failed(self, token_refused: bool = False) -> None:
        """A poll failed; ``token_refused`` for 401/404."""
        self.failures += 1
        if token_refused and self.token_refused_since is None:
            self.token_refused_since = time.monotonic()

    def healthy(self, now: float | None = None) -> bool:
        """Updates can reach the bot now."""
        now = time.monotonic() if now is None else now
        if self.stopping or self.token_refused_since is not None or self.last_contact is None:
            return False
        if self.mode == "webhook":
            return True  # registered; Telegram calls us when someone writes
        return now - self.last_contact <= MAX_SILENCE_S

    def snapshot(self, now: float | None = None) -> dict[str, object]:
        """For a health endpoint: no ids, no text, just the state."""
        now = time.monotonic() if now is None else now
        since = None if self.last_contact is None else round(now - self.last_contact, 1)
        return {
            "healthy": self.healthy(now),
            "mode": self.mode,
            "seconds_since_telegram": since,
            "failures": self.failures,
            "updates_received": self.received,
            "token_refused": self.token_refused_since is not None,
            "stopping": self.stopping,
        }
