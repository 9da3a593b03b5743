"""Start the bot: long polling by default, or our webhook server with a secret token.

A rejected token or an unreachable Telegram at start-up ends the program with a fixed message
(python-telegram-bot's own exception text may contain the token or the URL with it). Once
running, network failures are retried: the polling loop retries forever, sending retries a few
times (``bot.tg.delivery``).
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import signal
from dataclasses import dataclass
from urllib.parse import urlparse

from telegram.error import InvalidToken, NetworkError

from bot.answers import Answerer
from bot.config import Settings
from bot.tg import webhook as webhook_server
from bot.tg.app import ALLOWED_UPDATES, build_application
from bot.tg.privacy import configure_logging


class TokenRejected(Exception):
    """Telegram rejected the token. The message never contains it."""


class TelegramUnreachable(Exception):
    """Telegram could not be reached at start-up. The message never contains the token."""


@dataclass(frozen=True)
class Webhook:
    url: str
    listen: str = "0.0.0.0"  # noqa: S104 - a webhook must listen beyond loopback
    port: int = 8443

    @property
    def path(self) -> str:
        return urlparse(self.url).path.lstrip("/") or "telegram"


def run(settings: Settings, answerer: Answerer, webhook: Webhook | None = None) -> None:
    configure_logging(settings.log_level)
    app = build_application(settings, answerer)
    try:
        if webhook is None:
            app.run_polling(allowed_updates=ALLOWED_UPDATES)
        else:
            secret = settings.webhook_secret or secrets.token_urlsafe(32)
            asyncio.run(_serve_webhook(app, webhook, secret))
    except InvalidToken:
        raise TokenRejected from None
    except NetworkError:
        raise TelegramUnreachable from None


async def _serve_webhook(app: webhook_server.AnyApp, hook: Webhook, secret: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await webhook_server.serve(
        app, hook.url, hook.path, secret, hook.listen, hook.port, ALLOWED_UPDATES, stop
    )
