"""Build the Application: handlers, Defaults (HTML, protect_content), the delivery limiter
(rate limit, 429s waited out, transient failures retried for a minute), the fair per-chat
update processor with its intake (in order per chat also across replicas sharing Redis,
``bot.tg.ordering``), the liveness signal, the aiohttp transport, the per-chat state and the
deletion sweeper (``bot.state``, ``bot.tg.deletion``), metrics, JobQueue and the one error
handler. No Updater: ``bot.tg.polling`` fetches updates (``bot.tg.serving`` starts it)."""

from __future__ import annotations

from typing import Any, cast

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
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
from bot.tg import forgetting, inline
from bot.tg import handlers as h
from bot.tg.context import Context
from bot.tg.deeplinks import START_WITH_PAYLOAD
from bot.tg.deletion import Deleter
from bot.tg.delivery import FairChatProcessor
from bot.tg.limiter import RETRY_FOR_S, TELEGRAM_MAX_RATE
from bot.tg.liveness import Liveness
from bot.tg.metrics import Metrics
from bot.tg.ordering import OrderedIntake, SharedOrderProcessor
from bot.tg.resent import WatchingRateLimiter
from bot.tg.transport import AiohttpRequest

#: Ask Telegram for these updates only.
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY, Update.INLINE_QUERY]
COMMANDS = ("start", "slett", "glem", "hjelp")
PRIVATE = filters.ChatType.PRIVATE
AnyApp = Application[Any, Any, Any, Any, Any, Any]


def build_application(
    settings: Settings,
    answerer: Answerer,
    request: BaseRequest | None = None,
    get_updates_request: BaseRequest | None = None,
    rate_limiter: bool = True,
    max_rate: float = TELEGRAM_MAX_RATE,
    retry_for_s: float = RETRY_FOR_S,
    state: State | None = None,
    sweep_interval: float = 2.0,
) -> AnyApp:
    """The bot. ``max_rate`` 0 lifts the 30 messages/s cap (for the load benchmark only).
    ``state`` defaults to this process's memory; the sweeper runs every ``sweep_interval`` s."""
    state = state or MemoryState()
    metrics = Metrics()
    builder = (
        Application.builder()
        .token(settings.token)
        .updater(None)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                protect_content=True,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .context_types(ContextTypes(context=Context))
        .concurrent_updates(SharedOrderProcessor(state, metrics))
        .update_queue(OrderedIntake(state))
    )
    if rate_limiter:
        limiter = WatchingRateLimiter(
            state, metrics, overall_max_rate=max_rate, retry_for_s=retry_for_s
        )
        builder = builder.rate_limiter(limiter)
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if request is None:
        request, get_updates_request = AiohttpRequest(), AiohttpRequest(connection_pool_size=1)
    builder = builder.request(request).get_updates_request(get_updates_request or request)
    app = builder.build()
    app.bot_data.update(
        answerer=answerer, state=state, metrics=metrics, deleter=Deleter(state, metrics),
        liveness=Liveness(),
    )  # fmt: skip
    register(app, sweep_interval)
    return app


def liveness(app: AnyApp) -> Liveness:
    """Whether updates can reach the bot now (read by a health check)."""
    return cast(Liveness, app.bot_data["liveness"])


def processor(app: AnyApp) -> FairChatProcessor:
    """The update processor (and, through it, the intake of accepted updates)."""
    return cast(FairChatProcessor, app.update_processor)


def register(app: AnyApp, sweep_interval: float = 2.0) -> None:
    app.add_handler(TypeHandler(Update, h.remember_incoming), group=-1)
    app.add_handler(
        CommandHandler("start", h.start_deep_link, filters=PRIVATE & START_WITH_PAYLOAD)
    )
    app.add_handler(CommandHandler("start", h.start, filters=PRIVATE))
    app.add_handler(CommandHandler(["hjelp", "help"], h.help_command, filters=PRIVATE))
    app.add_handler(CommandHandler("slett", forgetting.delete_conversation, filters=PRIVATE))
    app.add_handler(CommandHandler("glem", forgetting.forget, filters=PRIVATE))
    app.add_handler(MessageHandler(PRIVATE & filters.LOCATION, h.shared_location))
    app.add_handler(MessageHandler(PRIVATE & filters.TEXT & ~filters.COMMAND, h.text))
    app.add_handler(MessageHandler(PRIVATE, h.anything_else))
    app.add_handler(MessageHandler(~PRIVATE, h.group))
    app.add_handler(CallbackQueryHandler(h.button))
    app.add_handler(InlineQueryHandler(inline.inline_query))
    app.add_error_handler(h.on_error)
    if app.job_queue is not None:
        app.job_queue.run_repeating(
            forgetting.sweep, interval=sweep_interval, first=min(sweep_interval, 0.5), name="sweep",
            job_kwargs={"max_instances": 1, "coalesce": True, "misfire_grace_time": None},
        )  # fmt: skip
