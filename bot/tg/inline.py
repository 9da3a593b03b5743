"""Inline mode for staff: "@botname Bærum" in any chat offers the answer to paste."""

from __future__ import annotations

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.answers.reply import Reply
from bot.tg.context import Context, answerer, lang_of


async def inline_query(update: Update, context: Context) -> None:
    """Staff: "@botname Bærum" in any chat offers the answer to paste."""
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
    await query.answer(results, cache_time=300, is_personal=False)


def _article(result_id: str, title: str, reply: Reply) -> InlineQueryResultArticle:
    return InlineQueryResultArticle(
        id=result_id[:64],
        title=title,
        description=reply.text.splitlines()[2] if len(reply.text.splitlines()) > 2 else "",
        input_message_content=InputTextMessageContent(reply.html, parse_mode=ParseMode.HTML),
    )
