"""Topic pages: a topic's statements as short lines, paged under Telegram's 4 096 characters
with a "Vis mer" button; the index of topics (the menu's "Spørsmål og svar"); the honest "not
sure" page where the material runs out; a help line's card; and the buttons under an answer.

Every line shown is a curated statement with its source named and linked
(``statement_block``, ``page_line``). ``bot.answers.knowledge`` builds on these to answer a
question.
"""

from __future__ import annotations

from typing import Final

from bot.answers.actions import Action, encode
from bot.answers.help import DELETE_TOPIC, delete_button, helpline_block
from bot.answers.reply import Button, Reply
from bot.answers.sources import year_suffix
from bot.catalog.knowledge import KnowledgeBase, Statement
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import esc, link

#: Telegram's limit for a message; a page stays well under it, footer included.
MESSAGE_LIMIT: Final = 4096
PAGE_BUDGET: Final = 3500


class TopicPages:
    """The knowledge base's pages for one catalog (its help lines)."""

    def __init__(self, knowledge: KnowledgeBase, catalog: Catalog) -> None:
        self.knowledge = knowledge
        self.catalog = catalog

    def buttons(self, topic: str, lang: str, more: bool = True) -> tuple[tuple[Button, ...], ...]:
        """ "Mer om …" (unless ``more`` is False: on the topic's own page), "Finn krisesenter",
        the topic's help line; about phone safety, "Slett samtalen" first (someone who asks how
        to hide this chat can do it at once)."""
        found = self.knowledge.topics[topic]
        label = t(lang, "kb_more", title=found.title(lang))
        rows = [
            *([(delete_button(lang),)] if topic == DELETE_TOPIC else []),
            *([(Button(label, data=encode(Action.TOPIC, topic, 0)),)] if more else []),
            (Button(t(lang, "menu_find"), data=encode(Action.FIND)),),
        ]  # fmt: skip
        line = self.catalog.helplines.get(found.helpline_id)
        if line and line.number:
            label = t(lang, "kb_helpline", name=line.name, number=line.number)
            rows.append((Button(label, data=encode(Action.HELPLINE, line.id)),))
        return tuple(rows)

    def page(self, topic: str, number: int, lang: str, lead: str = "") -> Reply:
        """Page ``number`` (from 0) of a topic's statements as short lines."""
        found = self.knowledge.topics.get(topic)
        if found is None or number < 0:
            return self.not_sure("overview", lang)
        lines = [page_line(s, lang) for s in self.knowledge.in_topic(topic)]
        pages = paginate(lines, PAGE_BUDGET - len(lead))
        number = min(number, len(pages) - 1)
        head = [lead] if lead else [t(lang, "lead_kb_page")]
        title = t(lang, "kb_page_title", title=esc(found.title(lang)), page=number + 1,
                  pages=len(pages))  # fmt: skip
        blocks = [*head, title, "\n".join(pages[number]), t(lang, "footer")]
        rows: list[tuple[Button, ...]] = []
        if number + 1 < len(pages):
            rows.append(
                (Button(t(lang, "kb_show_more"), data=encode(Action.TOPIC, topic, number + 1)),)
            )
        rows += self.buttons(topic, lang, more=False)
        return Reply("help", "\n\n".join(blocks), lang, buttons=tuple(rows))

    def not_sure(self, topic: str, lang: str) -> Reply:
        """ "I have no certain information on that here" + 116 006 and dinutvei.no, then the
        topic's page."""
        lead = t(lang, "lead_kb_not_sure") + "\n\n" + t(lang, "kb_not_sure")
        return self.page(topic, 0, lang, lead=lead)

    def index(self, lang: str) -> Reply:
        """Every topic as a button (the menu's "Spørsmål og svar")."""
        rows = tuple(
            (Button(topic.title(lang), data=encode(Action.TOPIC, topic.id, 0)),)
            for topic in self.knowledge.topics.values()
            if topic.statement_ids
        )
        blocks = [t(lang, "lead_kb_index"), t(lang, "kb_index_body"), t(lang, "footer")]
        return Reply("help", "\n\n".join(blocks), lang, buttons=rows)

    def helpline(self, helpline_id: str, lang: str) -> Reply | None:
        line = self.catalog.helplines.get(helpline_id)
        if line is None:
            return None
        blocks = [t(lang, "lead_help"), helpline_block(line, lang), t(lang, "footer")]
        return Reply("help", "\n\n".join(blocks), lang)


def source_line(statement: Statement, lang: str) -> str:
    title = link(statement.source_url, statement.source_title)
    return t(lang, "kb_source", source=title + year_suffix(statement.source_year))


def statement_block(statement: Statement, lang: str) -> str:
    """The statement in the bot's words, then its source named and linked."""
    return esc(statement.text(lang)) + "\n" + source_line(statement, lang)


def page_line(statement: Statement, lang: str) -> str:
    """A short line for a topic page: the wording and a linked source."""
    source = link(statement.source_url) + year_suffix(statement.source_year)
    return f"• {esc(statement.text(lang))} ({source})"


def paginate(lines: list[str], budget: int) -> list[list[str]]:
    """``lines`` in pages of at most ``budget`` characters (a longer line gets its own page)."""
    pages: list[list[str]] = [[]]
    used = 0
    for line in lines:
        if pages[-1] and used + len(line) + 1 > budget:
            pages.append([])
            used = 0
        pages[-1].append(line)
        used += len(line) + 1
    return pages
