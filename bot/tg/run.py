"""Start the bot: long polling by default, or our webhook server with a secret token.

A rejected token or an unreachable Telegram at start-up ends the program with a fixed message
(python-telegram-bot's own exception text may contain the token or the URL with it). Once
running, network failures are retried: the polling loop retries forever, sending retries a few
times (``bot.tg.delivery``). With ``KRISEBOT_REDIS_URL`` set, Redis must answer at start-up
(``StateUnavailable``, a message naming the setting, never the password). Start, stop, mode and
state backend are logged at INFO; in polling mode ``KRISEBOT_HTTP_PORT`` serves ``/healthz``
and ``/metrics`` on 127.0.0.1 (``bot.tg.ops``).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from dataclasses import dataclass
from urllib.parse import urlparse

from telegram.error import InvalidToken, NetworkError

from bot.answers import Answerer
from bot.config import Settings
from bot.state import ensure_reachable, open_state
from bot.tg import ops
from bot.tg import webhook as webhook_server
from bot.tg.app import ALLOWED_UPDATES, build_application
from bot.tg.privacy import configure_logging

log = logging.getLogger(__name__)


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
    if settings.redis_url:
        asyncio.run(_check_state(settings.redis_url))
    app = build_application(settings, answerer, state=open_state(settings.redis_url))
    mode = "polling" if webhook is None else "webhook"
    log.info("krisebot starting: %s, state in %s", mode, app.bot_data["state"].name)
    if settings.http_port:
        ops.serve_locally(app, settings.http_port)
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
    finally:
        log.info("krisebot stopped")


async def _check_state(redis_url: str) -> None:
    """Redis answers, or ``StateUnavailable`` (its own client, closed in this event loop)."""
    state = open_state(redis_url)
    try:
        await ensure_reachable(state)
    finally:
        await state.close()


async def _serve_webhook(app: webhook_server.AnyApp, hook: Webhook, secret: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    await webhook_server.serve(
        app, hook.url, hook.path, secret, hook.listen, hook.port, ALLOWED_UPDATES, stop
    )
