"""Run the bot: start, serve until SIGTERM/SIGINT, stop cleanly; long polling by default, or
our webhook server with a secret token.

The steps live beside this module: ``bot.tg.startup`` (``getMe`` with errors named truly, what
Telegram is told at start, closing), ``bot.tg.serving`` (polling or the webhook until a stop,
then the graceful stop). With ``KRISEBOT_REDIS_URL`` set, Redis must answer before anything else
(``StateUnavailable``: a message naming the setting and the host, never the password). Start,
stop, mode and state backend are logged at INFO. ``KRISEBOT_HTTP_PORT`` serves ``/healthz`` and
``/metrics`` on 127.0.0.1 (``bot.tg.ops``; in webhook mode they are on the webhook port too).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import signal
from collections.abc import Sequence

from bot.answers import Answerer
from bot.config import Settings
from bot.state import State, ensure_reachable, open_state
from bot.tg import ops
from bot.tg import webhook as webhook_server
from bot.tg.app import AnyApp, build_application
from bot.tg.privacy import configure_logging
from bot.tg.serving import Webhook, serve_polling, serve_webhook
from bot.tg.startup import close, start

log = logging.getLogger(__name__)


def run(
    settings: Settings,
    answerer: Answerer,
    webhook: Webhook | None = None,
    extra_routes: Sequence[webhook_server.Route] = (),
) -> None:
    """Serve until SIGTERM/SIGINT; raise a ``StartFailed`` for the CLI to print.
    ``extra_routes`` are served beside the webhook (webhook mode only)."""
    configure_logging(settings.log_level)
    state = open_state(settings.redis_url)
    app = build_application(settings, answerer, state=state)
    secret = settings.webhook_secret or secrets.token_urlsafe(32)
    mode = "polling" if webhook is None else "webhook"
    log.info("krisebot starting: %s, state in %s", mode, state.name)
    routes = [*ops.routes(app), *extra_routes]
    try:
        asyncio.run(_main(app, webhook, secret, routes, state, settings.http_port))
    finally:
        log.info("krisebot stopped")


async def _main(
    app: AnyApp,
    hook: Webhook | None,
    secret: str,
    routes: Sequence[webhook_server.Route],
    state: State,
    http_port: int = 0,
) -> None:
    stop = _stop_on_signals()
    local = None
    try:
        await ensure_reachable(state)
        await start(app)
        local = ops.listen_locally(app, http_port) if http_port else None
        if hook is None:
            await serve_polling(app, stop)
        else:
            await serve_webhook(app, hook, secret, stop, extra_routes=routes)
    finally:
        if local is not None:
            local.stop()
        await close(app)
        await state.close()


def _stop_on_signals() -> asyncio.Event:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    return stop
