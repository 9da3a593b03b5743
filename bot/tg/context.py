"""What every handler shares: the bot's parts from ``bot_data``, the person's language, and
``send`` (a reply out, its id remembered for ``/slett``, the reply counted).

``Context`` is python-telegram-bot's ``CallbackContext``, one per update and shared by the
handler groups that handle it (``Application.process_update`` builds it once), carrying the
``Arrival`` read when the update arrived (with its turn, ``bot.tg.ordering``; kept there by
``handlers.remember_incoming``): the language and the conversation context come from there, not
from another read."""

from __future__ import annotations

from typing import Any, cast

from telegram import Message, ReplyKeyboardMarkup, ReplyKeyboardRemove, Update
from telegram.ext import CallbackContext, ExtBot

from bot.answers import Answerer
from bot.answers.reply import Reply
from bot.state import Arrival, State
from bot.text import lang_for
from bot.tg.deletion import Deleter
from bot.tg.keyboards import with_inline
from bot.tg.metrics import Metrics


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """One update's context (see the module docstring)."""

    #: What the state held when the update arrived; None until read, or once out of date.
    arrival: Arrival | None = None


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
    user, arrival = update.effective_user, context.arrival
    if arrival is not None:
        chosen = arrival.lang
    else:
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
    conversation: bytes | None = None,
) -> Message:
    """Send a reply (text, or a photo with the figures as caption) with ``keyboard``, else the
    reply's own buttons (``bot.tg.keyboards``), and remember its id, with the chat's new
    ``conversation`` context record (if any) in the same write."""
    chat_id = chat_id_of(update)
    buttons = {} if keyboard else with_inline(reply)
    if reply.chart:
        message = await context.bot.send_photo(
            chat_id, reply.chart, caption=reply.caption_html, reply_markup=keyboard,
            api_kwargs=buttons,
        )  # fmt: skip
    else:
        message = await context.bot.send_message(
            chat_id, reply.html, reply_markup=keyboard, api_kwargs=buttons
        )
    await deleter(context).remember(chat_id, [message.message_id], conversation)
    metrics(context).reply(reply.intent, getattr(reply, "topic", None))
    return message
