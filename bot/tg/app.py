"""Build the Application: handlers, Defaults (HTML, protect_content), a rate limiter that also
retries transient failures (and notices replies sent twice), updates processed concurrently
across chats but in order within one (also across replicas sharing Redis), the aiohttp
transport, the per-chat state, the deletion sweeper, metrics, command menus per language, and
the one error handler."""

from __future__ import annotations

from typing import Any

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    Defaults,
    InlineQueryHandler,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.answers import Answerer
from bot.config import Settings
from bot.state import MemoryState, State
from bot.text import t
from bot.tg import handlers as h
from bot.tg.deeplinks import START_WITH_PAYLOAD
from bot.tg.deletion import Deleter, WatchingRateLimiter
from bot.tg.delivery import TELEGRAM_MAX_RATE
from bot.tg.metrics import Metrics
from bot.tg.ordering import OrderedIntake, SharedOrderProcessor
from bot.tg.transport import AiohttpRequest

#: Ask Telegram for these updates only.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
COMMANDS = ("start", "slett", "glem", "hjelp")
PRIVATE = filters.ChatType.PRIVATE


def build_application(
    settings: Settings,
    answerer: Answerer,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: bool = True,
    max_rate: float = TELEGRAM_MAX_RATE,
    state: State | None = None,
    sweep_interval: float = 2.0,
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot. ``max_rate`` 0 lifts the 30 messages/s cap (for the load benchmark only).
    ``state`` defaults to this process's memory; the sweeper runs every ``sweep_interval`` s."""
    state = state or MemoryState()
    metrics = Metrics()
    builder = (
        Application.builder()
        .token(settings.token)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                protect_content=True,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .post_init(_post_init)
        .concurrent_updates(SharedOrderProcessor(state, metrics))
        .update_queue(OrderedIntake(state))
    )
    if rate_limiter:
        limiter = WatchingRateLimiter(state, metrics, overall_max_rate=max_rate)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if request is None:
        request, get_updates_request = AiohttpRequest(), AiohttpRequest(connection_pool_size=1)
    builder = builder.request(request).get_updates_request(get_updates_request or request)
    app = builder.build()
    app.bot_data.update(
        answerer=answerer, state=state, metrics=metrics, deleter=Deleter(state, metrics)
    )
    register(app, sweep_interval)
    return app


def register(app: Application[Any, Any, Any, Any, Any, Any], sweep_interval: float = 2.0) -> None:
    app.add_handler(TypeHandler(Update, h.remember_incoming), group=-1)
    app.add_handler(
        CommandHandler("start", h.start_deep_link, filters=PRIVATE & START_WITH_PAYLOAD)
    )
    app.add_handler(CommandHandler("start", h.start, filters=PRIVATE))
    app.add_handler(CommandHandler(["hjelp", "help"], h.help_command, filters=PRIVATE))
    app.add_handler(CommandHandler("slett", h.delete_conversation, filters=PRIVATE))
    app.add_handler(CommandHandler("glem", h.forget, filters=PRIVATE))
    app.add_handler(MessageHandler(PRIVATE & filters.LOCATION, h.shared_location))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, h.text))
    app.add_handler(MessageHandler(PRIVATE, h.anything_else))
    app.add_handler(MessageHandler(~PRIVATE, h.group))
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_handler(InlineQueryHandler(h.inline_query))
    app.add_error_handler(h.on_error)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            h.sweep, interval=sweep_interval, first=min(sweep_interval, 0.5), name="sweep",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )  # fmt: skip


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Command menus: bokmål for nb/nn/no, English for everyone else (as the replies)."""
    for lang, codes in (("en", [None]), ("nb", ["nb", "nn", "no"])):
        commands = [BotCommand(c, t(lang, f"cmd_{c}")) for c in COMMANDS]
        for code in codes:
            await app.bot.set_my_commands(commands, language_code=code)
