"""Start the bot: long polling by default, or a webhook with a secret token. A rejected token
ends the program with a fixed message (python-telegram-bot's own text contains the token)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from urllib.parse import urlparse

from telegram.error import InvalidToken

from bot.answers import Answerer
from bot.config import Settings
from bot.tg.app import ALLOWED_UPDATES, build_application
from bot.tg.privacy import configure_logging


class TokenRejected(Exception):
    """Telegram rejected the token. The message never contains it."""


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
            app.run_webhook(
                listen=webhook.listen,
                port=webhook.port,
                url_path=webhook.path,
                webhook_url=webhook.url,
                secret_token=settings.webhook_secret or secrets.token_urlsafe(32),
                allowed_updates=ALLOWED_UPDATES,
            )
    except InvalidToken:
        raise TokenRejected from None
