"""Inline mode for staff: "@botname Bærum" or "@botname besøksforbud" in any chat offers the
answer to paste: a place's card and its centre, and the statements that fit, with sources."""

from __future__ import annotations

import textwrap

from telegram import InlineQueryResultArticle, InputTextMessageContent, Update
from telegram.constants import ParseMode

from bot.answers.reply import Reply
from bot.tg.context import Context, answerer, lang_of

#: An inline result's title: the start of a statement's wording.
INLINE_TITLE = 80


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
