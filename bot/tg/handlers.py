"""The handlers: short, and all of them thin. They read the language, ask the answer core,
send the reply, and remember the message ids that ``/slett`` may delete. Per-chat state lives
behind ``bot.state`` (this process's memory, or Redis); deletion in ``bot.tg.deletion``."""

from __future__ import annotations

import logging
import textwrap
from typing import Any, cast

from telegram import (
    InlineQueryResultArticle,
    InputTextMessageContent,
    Message,
    ReplyKeyboardMarkup,
    ReplyKeyboardRemove,
    Update,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import CallbackContext, ExtBot

from bot.answers import Answerer
from bot.answers.actions import ASKS_WHERE, Action, decode
from bot.answers.reply import Reply
from bot.state import State
from bot.text import lang_for, t
from bot.tg import conversation, deeplinks
from bot.tg.deletion import Deleter
from bot.tg.keyboards import inline, location
from bot.tg.metrics import Metrics

log = logging.getLogger(__name__)
Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]
#: A clean /slett confirmation is deleted after a few seconds; one that asks the person to
#: act stays a minute, long enough to read.
WARNING_STAYS_S = 60.0
#: An inline result's title: the start of a statement's wording.
INLINE_TITLE = 80


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


def _chat_id(update: Update) -> int:
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
    chat_id = _chat_id(update)
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


async def remember_incoming(update: Update, context: Context) -> None:
    """Runs first for every private message: its id may be deleted by /slett later.
    (Not for button presses: the message a button sits on is the bot's own, already kept.)"""
    message, chat = update.message, update.effective_chat
    if message and chat and chat.type == ChatType.PRIVATE:
        await deleter(context).remember(chat.id, [message.message_id])


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
    message, chat_id = update.effective_message, _chat_id(update)
    lang, chosen = await language(update, context)
    before = await conversation.recall(state(context), chat_id)
    words = message.text or "" if message else ""
    reply = answerer(context).answer(words, lang, context=before, chosen=chosen)
    await conversation.remember(state(context), chat_id, reply, before)
    asks = reply.intent == "unknown" or reply.asks_place
    await send(update, context, reply, location(reply.lang) if asks else None)


async def shared_location(update: Update, context: Context) -> None:
    message = update.effective_message
    point = message.location if message else None
    lang = await lang_of(update, context)
    if point is None:
        await send(update, context, answerer(context).unknown(lang))
        return
    reply = answerer(context).location(point.latitude, point.longitude, lang)
    await conversation.follow(state(context), _chat_id(update), reply)
    await send(update, context, reply, ReplyKeyboardRemove())


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
        reply = answerer(context).press(pressed, lang)
        await conversation.follow(state(context), _chat_id(update), reply)
        await send(update, context, reply, location(lang) if action in ASKS_WHERE else None)


async def switch_language(update: Update, context: Context) -> None:
    lang = "en" if await lang_of(update, context) == "nb" else "nb"
    if update.effective_user is not None:
        await state(context).set_lang(update.effective_user.id, lang)
    menu = answerer(context).start(lang)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_text(menu.html, reply_markup=inline(menu))
    else:
        await send(update, context, menu)


async def delete_conversation(update: Update, context: Context) -> None:
    """/slett: delete every message the bot may, say truthfully what it did, then delete the
    confirmation too (soon, or after a minute when it asks the person to act)."""
    chat_id, lang = _chat_id(update), await lang_of(update, context)
    await state(context).clear_context(chat_id)
    report = await deleter(context).delete_all(context.bot, chat_id)
    confirm = await context.bot.send_message(
        chat_id, report.text(lang), reply_markup=ReplyKeyboardRemove()
    )
    stays = None if report.clean else WARNING_STAYS_S
    await deleter(context).confirm(chat_id, confirm.message_id, stays)


async def forget(update: Update, context: Context) -> None:
    """/glem: forget the language choice and the conversation context. The message ids stay,
    so that /slett can still delete the messages, and the reply says so."""
    chat_id = _chat_id(update)
    await state(context).forget(chat_id)
    lang, minutes = await lang_of(update, context), await state(context).auto(chat_id)
    text = t(lang, "forgotten")
    if minutes:
        text += "\n\n" + t(lang, "forgotten_auto", minutes=minutes)
    message = await context.bot.send_message(chat_id, text)
    await deleter(context).remember(chat_id, [message.message_id])


async def auto_delete(update: Update, context: Context, minutes_text: str) -> None:
    """Delete this chat's messages automatically N minutes after they were sent."""
    chat_id, lang = _chat_id(update), await lang_of(update, context)
    minutes = int(minutes_text) if minutes_text.isdigit() else 0
    await deleter(context).set_auto(chat_id, minutes)
    body = t(lang, "auto_on", minutes=minutes) if minutes else t(lang, "auto_off")
    html = "\n\n".join([t(lang, "lead_settings"), body, t(lang, "footer")])
    await send(update, context, Reply("help", html, lang))


async def sweep(context: Context) -> None:
    """Every few seconds: deletions that are due (automatic, promised, retried)."""
    await deleter(context).sweep(context.bot)


async def group(update: Update, context: Context) -> None:
    """Outside private chats: say one line, once, and nothing more."""
    chat_id = _chat_id(update)
    if not await state(context).tell_once(chat_id):
        return
    await context.bot.send_message(chat_id, t(await lang_of(update, context), "group_only_private"))


async def inline_query(update: Update, context: Context) -> None:
    """Staff: "@botname Bærum" or "@botname besøksforbud" in any chat offers the answer to
    paste: a place's card and its centre, and the statements that fit, each with its source."""
    query = update.inline_query
    if query is None:
        return
    lang = await lang_of(update, context)
    core = answerer(context)
    match = core.matcher.resolve(query.query)
    numbers = [c.number for c in match.candidates][:5]
    results = []
    for number in numbers:
        reply = core.municipality(number, lang)
        results.append(_article(f"m{number}", reply.municipality.name if reply.municipality
                                else number, reply))  # fmt: skip
        for hit in reply.centres[:1] if len(numbers) == 1 else ():
            results.append(_article(f"c{hit.id}", hit.name, core.centre_card(hit.id, lang)))
    results += [_statement(card) for card in core.statement_cards(query.query, lang)]
    await query.answer(results, cache_time=300, is_personal=False)


def _article(result_id: str, title: str, reply: Reply, line: int = 2) -> InlineQueryResultArticle:
    lines = reply.text.splitlines()
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title,
        description=lines[line] if len(lines) > line else "",
        input_message_content=InputTextMessageContent(reply.html, parse_mode=ParseMode.HTML),
    )


def _statement(card: Reply) -> InlineQueryResultArticle:
    """A statement to paste: its wording as the title, its source as the description."""
    title = textwrap.shorten(card.text.splitlines()[0], INLINE_TITLE, placeholder=" …")
    return _article(f"s{card.statements[0]}", title, card, line=1)


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
