"""What every handler shares: the bot's parts from ``bot_data``, the person's language, and
``send`` (a reply out, its id remembered for ``/slett``, the reply counted)."""

from __future__ import annotations

from typing import Any, cast

from telegram import Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import CallbackContext, ExtBot

from bot.answers import Answerer
from bot.answers.reply import Reply
from bot.state import State
from bot.text import lang_for
from bot.tg.deletion import Deleter
from bot.tg.keyboards import inline
from bot.tg.metrics import Metrics

Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]


def answerer(context: Context) -> Answerer:
    return cast(Answerer, context.bot_data["answerer"])


def state(context: Context) -> State:
    return cast(State, context.bot_data["state"])


def deleter(context: Context) -> Deleter:
    return cast(Deleter, context.bot_data["deleter"])


def metrics(context: Context) -> Metrics:
    return cast(Metrics, context.bot_data["metrics"])


async def language(update: Update, context: Context) -> tuple[str, bool]:
    """The reply language and whether the person chose it (the button), in one read: the
    chosen language, else their Telegram language's (and then a message's own language may
    still win)."""
    user = update.effective_user
    chosen = await state(context).lang(user.id) if user else None
    return chosen or lang_for(user.language_code if user else None), bool(chosen)


async def lang_of(update: Update, context: Context) -> str:
    """The language the person chose, else their Telegram language's."""
    return (await language(update, context))[0]


def chat_id_of(update: Update) -> int:
    chat = update.effective_chat
    if chat is None:
        raise ValueError("update without a chat")
    return chat.id


async def send(
    update: Update,
    context: Context,
    reply: Reply,
    keyboard: ReplyKeyboardMarkup | ReplyKeyboardRemove | None = None,
) -> Message:
    """Send a reply (text, or a photo with the figures as caption) and remember its id."""
    chat_id = chat_id_of(update)
    markup = keyboard or inline(reply)
    if reply.chart:
        message = await context.bot.send_photo(
            chat_id, reply.chart, caption=reply.caption_html, reply_markup=markup
        )
    else:
        message = await context.bot.send_message(chat_id, reply.html, reply_markup=markup)
    await deleter(context).remember(chat_id, [message.message_id])
    metrics(context).reply(reply.intent, getattr(reply, "topic", None))
    return message
