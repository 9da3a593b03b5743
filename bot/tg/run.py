"""Start the bot, keep it serving, stop it cleanly: long polling by default, or our webhook
server with a secret token.

Start-up needs only Telegram's ``getMe``. Its failure ends the program with a fixed message that
names the cause truthfully (python-telegram-bot's own text may contain the token): the token was
rejected (401/404), Telegram could not be reached (no connection, timeout), Telegram asks us to
wait (429), or Telegram answered with another error. Everything else Telegram is told at start
(the command menus, ``deleteWebhook`` for polling, ``setWebhook`` for the webhook) is done in the
background and retried with back-off; a failure there is a warning, never a stop.

A stop (SIGTERM, SIGINT) stops taking in updates (polling ends; the webhook answers 503, which
Telegram retries), answers what was accepted for up to ``STOP_GRACE_S`` (less than
``docker stop``'s 10 s), confirms to Telegram only what was answered, closes every connection
and exits.

With ``KRISEBOT_REDIS_URL`` set, Redis must answer before anything else (``StateUnavailable``:
a message naming the setting and the host, never the password). Start, stop, mode and state
backend are logged at INFO. ``KRISEBOT_HTTP_PORT`` serves ``/healthz`` and ``/metrics`` on
127.0.0.1 (``bot.tg.ops``; in webhook mode they are on the webhook port too).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import secrets
import signal
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from telegram import BotCommand
from telegram.error import (
    BadRequest,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)

from bot.answers import Answerer
from bot.config import Settings
from bot.state import State, ensure_reachable, open_state
from bot.text import t
from bot.tg import ops
from bot.tg import webhook as webhook_server
from bot.tg.app import ALLOWED_UPDATES, COMMANDS, AnyApp, build_application, liveness, processor
from bot.tg.polling import TOKEN_REFUSED_FOR_S, Poller, TokenRevoked
from bot.tg.privacy import configure_logging
from bot.tg.transport import ConnectionFailed

log = logging.getLogger(__name__)

#: How long a stop may spend answering accepted updates.
STOP_GRACE_S = 8.0
#: Background set-up calls: retried with back-off up to this many seconds apart.
SETUP_MAX_BACKOFF_S = 60.0


class StartFailed(Exception):
    """Start-up failed; ``key`` names the fixed message (``bot.text``), never the token."""

    key = "telegram_error"

    def __init__(self, **fields: object) -> None:
        super().__init__(self.key)
        self.fields = fields


class TokenRejected(StartFailed):
    """Telegram rejected the token (at start, or for minutes while running)."""

    key = "token_rejected"


class TelegramUnreachable(StartFailed):
    """No connection to Telegram at start-up."""

    key = "telegram_unreachable"


class TelegramRateLimited(StartFailed):
    """Telegram answered 429 to ``getMe``."""

    key = "telegram_rate_limited"


@dataclass(frozen=True)
class Webhook:
    url: str
    listen: str = "0.0.0.0"  # noqa: S104 - a webhook must listen beyond loopback
    port: int = 8443

    @property
    def path(self) -> str:
        return urlparse(self.url).path.lstrip("/") or "telegram"


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


def message(error: StartFailed, lang: str) -> str:
    """The fixed message for ``error`` in ``lang``."""
    return t(lang, error.key, **error.fields)


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


async def start(app: AnyApp) -> None:
    """``getMe`` (in ``initialize``) and the application's own start; errors named truly."""
    try:
        await app.initialize()
    except InvalidToken:
        raise TokenRejected from None
    except RetryAfter as error:
        raise TelegramRateLimited(seconds=_seconds(error.retry_after)) from None
    except (ConnectionFailed, TimedOut):
        raise TelegramUnreachable from None
    except TelegramError as error:
        raise StartFailed(error=_describe(error)) from None
    await app.start()


async def close(app: AnyApp) -> None:
    """Shut the application down, and its HTTP sessions even when start-up failed."""
    if app.running:
        await app.stop()
    if app._initialized:  # python-telegram-bot has no public flag
        await app.shutdown()
    for request in app.bot._request:  # opened before getMe: close them even if it failed
        await request.shutdown()


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
    telling = asyncio.create_task(setup(app, [_delete_webhook(app), *commands(app)]))
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
    register = _set_webhook(app, hook.url, secret)
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


Step = tuple[str, Callable[[], Awaitable[object]]]


def commands(app: AnyApp) -> list[Step]:
    """Command menus: bokmål for nb/nn/no, English for everyone else (as the replies)."""
    steps: list[Step] = []
    for lang, codes in (("en", [None]), ("nb", ["nb", "nn", "no"])):
        commands = [BotCommand(c, t(lang, f"cmd_{c}")) for c in COMMANDS]
        for code in codes:
            call = functools.partial(app.bot.set_my_commands, commands, language_code=code)
            steps.append(("setMyCommands", call))
    return steps


def _delete_webhook(app: AnyApp) -> Step:
    return ("deleteWebhook", app.bot.delete_webhook)


def _set_webhook(app: AnyApp, url: str, secret: str) -> Step:
    async def register() -> None:
        await app.bot.set_webhook(url, secret_token=secret, allowed_updates=ALLOWED_UPDATES)
        liveness(app).mode = "webhook"
        liveness(app).contact()

    return ("setWebhook", register)


async def setup(app: AnyApp, steps: list[Step]) -> None:
    """Each step in order, each retried with back-off until it succeeds (warnings only)."""
    for name, step in steps:
        attempt = 0
        while True:
            try:
                await step()
                break
            except TelegramError as error:
                wait = min(2.0 * 2**attempt, SETUP_MAX_BACKOFF_S)
                if isinstance(error, RetryAfter):
                    wait = max(wait, _seconds(error.retry_after))
                log.warning("%s failed (%s); retrying in %.0f s", name, _describe(error), wait)
                await asyncio.sleep(wait)
                attempt += 1


def _describe(error: TelegramError) -> str:
    """What happened, without python-telegram-bot's text (it may carry the URL)."""
    kinds: list[tuple[type[TelegramError], str]] = [
        (InvalidToken, "token refused (401/404)"),
        (RetryAfter, "rate-limited (429)"),
        (Forbidden, "forbidden (403)"),
        (BadRequest, "bad request (400)"),
        (Conflict, "conflict (409)"),
        (TimedOut, "timed out"),
        (ConnectionFailed, "no connection"),
        (NetworkError, "server error (5xx)"),  # what is left of NetworkError: an HTTP error
    ]
    for kind, text in kinds:
        if isinstance(error, kind):
            return text
    return "unreadable answer"


def _seconds(value: object) -> int:
    if isinstance(value, int | float):
        return int(value)
    total = getattr(value, "total_seconds", None)
    return int(total()) if callable(total) else 0
