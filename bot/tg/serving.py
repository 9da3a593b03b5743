"""Serving until a stop, by long polling or by our webhook server, and the graceful stop.

A stop (SIGTERM, SIGINT) stops taking in updates (polling ends; the webhook answers 503, which
Telegram retries), answers what was accepted for up to ``STOP_GRACE_S`` (less than
``docker stop``'s 10 s), confirms to Telegram only what was answered, and returns; closing the
connections is ``bot.tg.startup.close``.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from bot.tg import webhook as webhook_server
from bot.tg.app import ALLOWED_UPDATES, AnyApp, liveness, processor
from bot.tg.polling import TOKEN_REFUSED_FOR_S, Poller, TokenRevoked
from bot.tg.startup import TokenRejected, commands, delete_webhook, set_webhook, setup

log = logging.getLogger(__name__)

#: How long a stop may spend answering accepted updates.
STOP_GRACE_S = 8.0


@dataclass(frozen=True)
class Webhook:
    url: str
    listen: str = "0.0.0.0"  # noqa: S104 - a webhook must listen beyond loopback
    port: int = 8443

    @property
    def path(self) -> str:
        return urlparse(self.url).path.lstrip("/") or "telegram"


async def serve_polling(
    app: AnyApp,
    stop: asyncio.Event,
    grace_s: float = STOP_GRACE_S,
    token_refused_for_s: float = TOKEN_REFUSED_FOR_S,
) -> None:
    """Poll until ``stop`` is set (or the token stays refused), then stop gracefully."""
    intake = processor(app).intake
    poller = Poller(
        app, intake, liveness(app), ALLOWED_UPDATES, token_refused_for_s=token_refused_for_s
    )
    telling = asyncio.create_task(setup(app, [delete_webhook(app), *commands(app)]))
    polling = asyncio.create_task(poller.run())
    stopping = asyncio.create_task(stop.wait())
    try:
        await asyncio.wait({polling, stopping}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        liveness(app).stopping = True
        for task in (polling, stopping, telling):
            task.cancel()
        unanswered = await _finish_accepted(app, grace_s)
        await poller.confirm_answered(unanswered)
    if not polling.cancelled() and isinstance(polling.exception(), TokenRevoked):
        raise TokenRejected from None


async def serve_webhook(
    app: AnyApp,
    hook: Webhook,
    secret: str,
    stop: asyncio.Event,
    grace_s: float = STOP_GRACE_S,
    extra_routes: Sequence[webhook_server.Route] = (),
) -> None:
    """Serve the webhook (and ``extra_routes``) until ``stop`` is set, then stop gracefully."""
    server = webhook_server.make_server(app, hook.path, secret, extra_routes=extra_routes)
    server.listen_on(hook.port, hook.listen)  # ready before Telegram is told where to send
    register = set_webhook(app, hook.url, secret)
    telling = asyncio.create_task(setup(app, [register, *commands(app)]))
    try:
        await stop.wait()
    finally:
        liveness(app).stopping = True
        telling.cancel()
        server.begin_shutdown()  # 503 from now on; no new connections
        await _finish_accepted(app, grace_s)
        await server.close_all()


async def _finish_accepted(app: AnyApp, grace_s: float) -> set[int]:
    """Answer what was accepted, for at most ``grace_s``; then give up on the rest. Returns
    the ids of the updates given up on."""
    updates = processor(app)
    unanswered: set[int] = set()
    if not await updates.intake.drained(grace_s):
        unanswered = set(updates.intake.unfinished)
        log.warning("stop: %d updates still unanswered after %.0f s", len(unanswered), grace_s)
        updates.cancel_all()
    if app.running:
        await app.stop()
    return unanswered
