"""Build the Application: handlers, Defaults (HTML, protect_content), a rate limiter that also
retries transient failures, updates processed concurrently across chats but in order within
one, the aiohttp transport, JobQueue, command menus per language, and the one error handler."""

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
from bot.text import t
from bot.tg import handlers as h
from bot.tg.deeplinks import START_WITH_PAYLOAD
from bot.tg.delivery import TELEGRAM_MAX_RATE, ChatOrderedProcessor, RetryingRateLimiter
from bot.tg.privacy import MessageLog
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
) -> Application[Any, Any, Any, Any, Any, Any]:
    """The bot. ``max_rate`` 0 lifts the 30 messages/s cap (for the load benchmark only)."""
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
        .concurrent_updates(ChatOrderedProcessor())
    )
    if rate_limiter:
        limiter = RetryingRateLimiter(overall_max_rate=max_rate)
        builder = builder.rate_limiter(limiter)  # type: ignore[arg-type]
    if settings.base_url:
        builder = builder.base_url(settings.base_url)
    if request is None:
        request, get_updates_request = AiohttpRequest(), AiohttpRequest(connection_pool_size=1)
    builder = builder.request(request).get_updates_request(get_updates_request or request)
    app = builder.build()
    app.bot_data.update(
        answerer=answerer, messages=MessageLog(), confirm_delete_after=5.0, sweep_interval=60.0
    )
    register(app)
    return app


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
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
        app.job_queue.run_repeating(h.expire_ids, interval=3600, first=3600, name="expire-ids")


async def _post_init(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Command menus: bokmål for nb/nn/no, English for everyone else (as the replies)."""
    for lang, codes in (("en", [None]), ("nb", ["nb", "nn", "no"])):
        commands = [BotCommand(c, t(lang, f"cmd_{c}")) for c in COMMANDS]
        for code in codes:
            await app.bot.set_my_commands(commands, language_code=code)
