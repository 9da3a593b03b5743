"""The handlers: short, and all of them thin. They read the language, ask the answer core,
send the reply, and remember the message ids (in memory) that ``/slett`` may delete."""

from __future__ import annotations

import logging
from collections.abc import Sequence
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
from telegram.ext import CallbackContext, ExtBot, JobQueue

from bot.answers import Answerer
from bot.answers.actions import ASKS_WHERE, Action, decode
from bot.answers.reply import Reply
from bot.text import lang_for, t
from bot.tg import conversation, deeplinks
from bot.tg.keyboards import inline, location
from bot.tg.privacy import MessageLog

log = logging.getLogger(__name__)
Context = CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]
DELETE_CHUNK = 100


def answerer(context: Context) -> Answerer:
    return cast(Answerer, context.bot_data["answerer"])


def messages(context: Context) -> MessageLog:
    return cast(MessageLog, context.bot_data["messages"])


def jobs(context: Context) -> JobQueue[Any]:
    queue = context.job_queue
    if queue is None:
        raise RuntimeError("the application was built without a JobQueue")
    return queue


def lang_of(update: Update, context: Context) -> str:
    chosen = (context.user_data or {}).get("lang")
    if chosen:
        return str(chosen)
    user = update.effective_user
    return lang_for(user.language_code if user else None)


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
    messages(context).add(chat_id, message.message_id)
    return message


async def remember_incoming(update: Update, context: Context) -> None:
    """Runs first for every private message: its id may be deleted by /slett later.
    (Not for button presses: the message a button sits on is the bot's own, already kept.)"""
    message, chat = update.message, update.effective_chat
    if message and chat and chat.type == ChatType.PRIVATE:
        messages(context).add(chat.id, message.message_id)


async def start(update: Update, context: Context) -> None:
    await send(update, context, answerer(context).start(lang_of(update, context)))


async def start_deep_link(update: Update, context: Context) -> None:
    """``/start m_3201`` or ``/start c_<centre>`` from a poster's link: that card at once."""
    payload = context.args[0] if context.args else ""
    lang = lang_of(update, context)
    await send(update, context, deeplinks.reply_for(answerer(context), payload, lang))


async def help_command(update: Update, context: Context) -> None:
    await send(update, context, answerer(context).help("overview", lang_of(update, context)))


async def text(update: Update, context: Context) -> None:
    message = update.effective_message
    lang, chosen = lang_of(update, context), bool((context.user_data or {}).get("lang"))
    before = conversation.recall(context.chat_data)
    words = message.text or "" if message else ""
    reply = answerer(context).answer(words, lang, context=before, chosen=chosen)
    conversation.remember(context.chat_data, reply, before)
    asks = reply.intent == "unknown" or reply.asks_place
    await send(update, context, reply, location(reply.lang) if asks else None)


async def shared_location(update: Update, context: Context) -> None:
    message = update.effective_message
    point = message.location if message else None
    lang = lang_of(update, context)
    if point is None:
        await send(update, context, answerer(context).unknown(lang))
        return
    reply = answerer(context).location(point.latitude, point.longitude, lang)
    conversation.remember(context.chat_data, reply, conversation.recall(context.chat_data))
    await send(update, context, reply, ReplyKeyboardRemove())


async def anything_else(update: Update, context: Context) -> None:
    """Stickers, photos, voice: every input gets a calm answer with the numbers."""
    lang = lang_of(update, context)
    await send(update, context, answerer(context).unknown(lang), location(lang))


async def button(update: Update, context: Context) -> None:
    query = update.callback_query
    if query is None:
        return
    await query.answer()
    pressed, lang = decode(query.data or ""), lang_of(update, context)
    action = pressed.action if pressed else None
    if action == Action.LANGUAGE:
        await switch_language(update, context)
    elif action == Action.DELETE:
        await delete_conversation(update, context)
    elif pressed and action == Action.AUTO_DELETE:
        await auto_delete(update, context, pressed.arg)
    else:
        reply = answerer(context).press(pressed, lang)
        conversation.remember(context.chat_data, reply, conversation.recall(context.chat_data))
        await send(update, context, reply, location(lang) if action in ASKS_WHERE else None)


async def switch_language(update: Update, context: Context) -> None:
    lang = "en" if lang_of(update, context) == "nb" else "nb"
    if context.user_data is not None:
        context.user_data["lang"] = lang
    menu = answerer(context).start(lang)
    query = update.callback_query
    if query and query.message:
        await query.edit_message_text(menu.html, reply_markup=inline(menu))
    else:
        await send(update, context, menu)


async def delete_ids(bot: ExtBot[None], chat_id: int, ids: Sequence[int]) -> None:
    """Delete in chunks of 100; if a chunk fails, one by one, ignoring what is gone."""
    for start_at in range(0, len(ids), DELETE_CHUNK):
        chunk = list(ids[start_at : start_at + DELETE_CHUNK])
        try:
            await bot.delete_messages(chat_id, chunk)
        except TelegramError:
            for message_id in chunk:
                try:
                    await bot.delete_message(chat_id, message_id)
                except TelegramError:
                    continue


async def delete_conversation(update: Update, context: Context) -> None:
    """/slett: delete every message the bot may, confirm with one line, delete that too."""
    chat_id = _chat_id(update)
    conversation.forget(context.chat_data)
    await delete_ids(context.bot, chat_id, messages(context).take(chat_id))
    confirm = await context.bot.send_message(
        chat_id, t(lang_of(update, context), "deleted"), reply_markup=ReplyKeyboardRemove()
    )
    delay = float(context.bot_data.get("confirm_delete_after", 5.0))
    jobs(context).run_once(_delete_one, when=delay, chat_id=chat_id, data=confirm.message_id)


async def _delete_one(context: Context) -> None:
    job = context.job
    if job is not None and job.chat_id is not None:
        await delete_ids(context.bot, job.chat_id, [int(str(job.data))])


async def forget(update: Update, context: Context) -> None:
    """/glem: forget the language choice, the conversation, the message ids and any automatic
    deletion."""
    chat_id = _chat_id(update)
    if context.user_data is not None:
        context.user_data.clear()
    conversation.forget(context.chat_data)
    messages(context).forget(chat_id)
    _cancel_auto(context, chat_id)
    await context.bot.send_message(chat_id, t(lang_of(update, context), "forgotten"))


def _auto_name(chat_id: int) -> str:
    return f"auto-delete-{chat_id}"


def _cancel_auto(context: Context, chat_id: int) -> None:
    for job in jobs(context).get_jobs_by_name(_auto_name(chat_id)):
        job.schedule_removal()


async def auto_delete(update: Update, context: Context, minutes_text: str) -> None:
    """Delete this chat's messages automatically N minutes after they were sent."""
    chat_id, lang = _chat_id(update), lang_of(update, context)
    minutes = int(minutes_text) if minutes_text.isdigit() else 0
    _cancel_auto(context, chat_id)
    if minutes:
        interval = float(context.bot_data.get("sweep_interval", 60.0))
        jobs(context).run_repeating(
            _sweep, interval=interval, first=interval, chat_id=chat_id,
            data=minutes * 60, name=_auto_name(chat_id),
        )  # fmt: skip
    body = t(lang, "auto_on", minutes=minutes) if minutes else t(lang, "auto_off")
    html = "\n\n".join([t(lang, "lead_settings"), body, t(lang, "footer")])
    await send(update, context, Reply("help", html, lang))


async def _sweep(context: Context) -> None:
    job = context.job
    if job is None or job.chat_id is None:
        return
    old = messages(context).take_older_than(job.chat_id, float(str(job.data)))
    await delete_ids(context.bot, job.chat_id, old)


async def expire_ids(context: Context) -> None:
    """Now and then: forget ids older than Telegram lets a bot delete."""
    messages(context).sweep()


async def group(update: Update, context: Context) -> None:
    """Outside private chats: say one line, once, and nothing more."""
    if context.chat_data is None or context.chat_data.get("told"):
        return
    context.chat_data["told"] = True
    chat_id = _chat_id(update)
    await context.bot.send_message(chat_id, t(lang_of(update, context), "group_only_private"))


async def inline_query(update: Update, context: Context) -> None:
    """Staff: "@botname Bærum" in any chat offers the answer to paste."""
    query = update.inline_query
    if query is None:
        return
    lang = lang_of(update, context)
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
    await query.answer(results, cache_time=300, is_personal=False)


def _article(result_id: str, title: str, reply: Reply) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title,
        description=reply.text.splitlines()[2] if len(reply.text.splitlines()) > 2 else "",
        input_message_content=InputTextMessageContent(reply.html, parse_mode=ParseMode.HTML),
    )


async def on_error(update: object, context: Context) -> None:
    """One error handler: log the kind of error only; the person gets a calm reply."""
    error = context.error
    log.error("handler failed: %s", type(error).__name__ if error else "unknown")
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    try:
        await send(update, context, answerer(context).error(lang_of(update, context)))
    except TelegramError as exc:
        log.error("could not send the error reply: %s", type(exc).__name__)
