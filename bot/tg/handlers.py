"""The conversation's handlers: short, and all of them thin. They read the language, ask the
answer core and send the reply (``bot.tg.context.send``, which remembers the ids ``/slett`` may
delete). Per-chat state lives behind ``bot.state`` (this process's memory, or Redis); ``/slett``,
``/glem`` and automatic deletion in ``bot.tg.forgetting``; inline mode in ``bot.tg.inline``."""

from __future__ import annotations

import logging

from telegram import ReplyKeyboardRemove, Update
from telegram.constants import ChatType
from telegram.error import TelegramError

from bot.answers.actions import ASKS_WHERE, Action, decode
from bot.text import t
from bot.tg import conversation, deeplinks
from bot.tg.context import (
    Context,
    answerer,
    chat_id_of,
    deleter,
    lang_of,
    language,
    send,
    state,
)
from bot.tg.forgetting import auto_delete, delete_conversation
from bot.tg.keyboards import location, with_inline
from bot.tg.ordering import arrived, arriving

log = logging.getLogger(__name__)


async def remember_incoming(update: Update, context: Context) -> None:
    """Runs first for every update in a private chat. A message's id is kept before any reply
    is tried, so that /slett may delete it later; in the same round trip the state says what
    answering needs (``Arrival``: the language, the conversation context). Both were done as
    the update's turn was granted (``ordering.arrived``), else they are done now."""
    if (coming := arriving(update)) is not None:
        context.arrival = await deleter(context).arrive(coming, arrived(update))


async def start(update: Update, context: Context) -> None:
    await send(update, context, answerer(context).start(await lang_of(update, context)))


async def start_deep_link(update: Update, context: Context) -> None:
    """``/start m_3201`` or ``/start c_<centre>`` from a poster's link: that card at once."""
    payload = context.args[0] if context.args else ""
    lang = await lang_of(update, context)
    await send(update, context, deeplinks.reply_for(answerer(context), payload, lang))


async def help_command(update: Update, context: Context) -> None:
    await send(update, context, answerer(context).help("overview", await lang_of(update, context)))


async def text(update: Update, context: Context) -> None:
    message, chat_id = update.effective_message, chat_id_of(update)
    lang, chosen = await language(update, context)
    before = await conversation.recall(state(context), chat_id, context.arrival)
    words = message.text or "" if message else ""
    reply = answerer(context).answer(words, lang, context=before, chosen=chosen)
    keyboard = location(reply.lang) if reply.intent == "unknown" or reply.asks_place else None
    await send(update, context, reply, keyboard, conversation.record(reply, before))


async def shared_location(update: Update, context: Context) -> None:
    message = update.effective_message
    point = message.location if message else None
    lang = await lang_of(update, context)
    if point is None:
        await send(update, context, answerer(context).unknown(lang))
        return
    reply = answerer(context).location(point.latitude, point.longitude, lang)
    after = await conversation.follow(state(context), chat_id_of(update), reply, context.arrival)
    await send(update, context, reply, ReplyKeyboardRemove(), after)


async def anything_else(update: Update, context: Context) -> None:
    """Stickers, photos, voice: every input gets a calm answer with the numbers."""
    lang = await lang_of(update, context)
    await send(update, context, answerer(context).unknown(lang), location(lang))


async def button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    pressed, lang = decode(query.data or ""), await lang_of(update, context)
    action = pressed.action if pressed else None
    if action == Action.LANGUAGE:
        await switch_language(update, context)
    elif action == Action.DELETE:
        await delete_conversation(update, context)
    elif pressed and action == Action.AUTO_DELETE:
        await auto_delete(update, context, pressed.arg)
    else:
        reply, chat_id = answerer(context).press(pressed, lang), chat_id_of(update)
        after = await conversation.follow(state(context), chat_id, reply, context.arrival)
        await send(update, context, reply, location(lang) if action in ASKS_WHERE else None, after)


async def switch_language(update: Update, context: Context) -> None:
    lang = "en" if await lang_of(update, context) == "nb" else "nb"
    if update.effective_user is not None:
        await state(context).set_lang(update.effective_user.id, lang)
        context.arrival = None  # out of date
    menu = answerer(context).start(lang)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_text(menu.html, api_kwargs=with_inline(menu))
    else:
        await send(update, context, menu)


async def group(update: Update, context: Context) -> None:
    """Outside private chats: say one line, once, and nothing more."""
    chat_id = chat_id_of(update)
    if not await state(context).tell_once(chat_id):
        return
    await context.bot.send_message(chat_id, t(await lang_of(update, context), "group_only_private"))


async def on_error(update: object, context: Context) -> None:
    """One error handler: log the kind of error only; the person gets a calm reply."""
    error = context.error
    log.error("handler failed: %s", type(error).__name__ if error else "unknown")
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    try:
        await send(update, context, answerer(context).error(await lang_of(update, context)))
    except TelegramError as exc:
        log.error("could not send the error reply: %s", type(exc).__name__)
