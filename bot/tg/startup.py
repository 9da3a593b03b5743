"""Start-up and what Telegram is told at start, with errors named truly; closing at the end.

Start-up needs only Telegram's ``getMe``. Its failure ends the program with a fixed message that
names the cause truthfully (python-telegram-bot's own text may contain the token): the token was
rejected (401/404), Telegram could not be reached (no connection, timeout), Telegram asks us to
wait (429), or Telegram answered with another error. Everything else Telegram is told at start
(the command menus, ``deleteWebhook`` for polling, ``setWebhook`` for the webhook) is done in the
background and retried with back-off (``setup``); a failure there is a warning, never a stop.
Serving also sets the cyclic garbage collector's young generation to ``YOUNG_GENERATION``.
"""

from __future__ import annotations

import asyncio
import functools
import gc
import logging
from collections.abc import Awaitable, Callable

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

from bot.text import t
from bot.tg.app import ALLOWED_UPDATES, COMMANDS, AnyApp, liveness
from bot.tg.transport import ConnectionFailed

log = logging.getLogger(__name__)

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


def message(error: StartFailed, lang: str) -> str:
    """The fixed message for ``error`` in ``lang``."""
    return t(lang, error.key, **error.fields)


#: Objects allocated (net) before the cyclic garbage collector looks at the young generation
#: (Python's default: 700). An update makes many short-lived objects that reference counting
#: frees; at 700 the collector ran every ~8 updates, ~0.14 ms of CPU per update (about 6 %) in
#: ``bench/bench_load.py``; at 10 000, ~0.01 ms. Cycles are still collected, somewhat later.
YOUNG_GENERATION = 10_000


async def start(app: AnyApp) -> None:
    """``getMe`` (in ``initialize``) and the application's own start; errors named truly."""
    gc.set_threshold(YOUNG_GENERATION, *gc.get_threshold()[1:])
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


def delete_webhook(app: AnyApp) -> Step:
    return ("deleteWebhook", app.bot.delete_webhook)


def set_webhook(app: AnyApp, url: str, secret: str) -> Step:
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
