"""What the person asks to be forgotten: ``/slett`` (delete the messages, and say truthfully
what was done), ``/glem`` (the language choice and the context) and automatic deletion, with
the sweeper that carries it out (``bot.tg.deletion``)."""

from __future__ import annotations

from telegram import ReplyKeyboardRemove, Update

from bot.answers.reply import Reply
from bot.text import t
from bot.tg.context import Context, chat_id_of, deleter, lang_of, send, state

#: A clean /slett confirmation is deleted after a few seconds; one that asks the person to
#: act stays a minute, long enough to read.
WARNING_STAYS_S = 60.0


async def delete_conversation(update: Update, context: Context) -> None:
    """/slett: delete every message the bot may, say truthfully what it did, then delete the
    confirmation too (soon, or after a minute when it asks the person to act)."""
    chat_id, lang = chat_id_of(update), await lang_of(update, context)
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
    chat_id = chat_id_of(update)
    await state(context).forget(chat_id)
    context.arrival = None  # out of date: the language is Telegram's again
    lang, minutes = await lang_of(update, context), await state(context).auto(chat_id)
    text = t(lang, "forgotten")
    if minutes:
        text += "\n\n" + t(lang, "forgotten_auto", minutes=minutes)
    message = await context.bot.send_message(chat_id, text)
    await deleter(context).remember(chat_id, [message.message_id])


async def auto_delete(update: Update, context: Context, minutes_text: str) -> None:
    """Delete this chat's messages automatically N minutes after they were sent."""
    chat_id, lang = chat_id_of(update), await lang_of(update, context)
    minutes = int(minutes_text) if minutes_text.isdigit() else 0
    await deleter(context).set_auto(chat_id, minutes)
    body = t(lang, "auto_on", minutes=minutes) if minutes else t(lang, "auto_off")
    html = "\n\n".join([t(lang, "lead_settings"), body, t(lang, "footer")])
    await send(update, context, Reply("help", html, lang))


async def sweep(context: Context) -> None:
    """Every few seconds: deletions that are due (automatic, promised, retried)."""
    await deleter(context).sweep(context.bot)
