"""Knowledge replies: the answer to the question asked, a topic's page, and honesty where the
material runs out.

* ``answer``: the 1-3 statements that fit the question best (``bot.understand.retrieve``), each
  in the bot's words with its source named and linked; buttons "Mer om …" (the topic page),
  "Finn krisesenter" and the topic's help line.
* ``page``: a topic's statements as short lines, paged under Telegram's 4 096 characters with a
  "Vis mer" button.
* ``not_sure``: below the retrieval threshold the bot does not guess: it says it has no certain
  information, points to 116 006 and dinutvei.no, and shows the topic's page.

No advice without a source: every line shown is a curated statement with its source row.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from bot.answers.actions import Action, encode
from bot.answers.help import DELETE_TOPIC, delete_button, helpline_block
from bot.answers.reply import Button, Reply
from bot.answers.sources import year_suffix
from bot.catalog.knowledge import KnowledgeBase, Statement
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import esc, link
from bot.understand.retrieve import THRESHOLD, Retriever, TopicPs

#: Telegram's limit for a message; a page stays well under it, footer included.
MESSAGE_LIMIT: Final = 4096
PAGE_BUDGET: Final = 3500
#: The keyword topics of ``bot.understand.intents`` that are not taxonomy topics.
TOPIC_GROUPS: Final = {"police_legal": ("police", "protection", "legal_help")}
#: A question whose topic gave no answer (or that has no topic) is answered from another topic
#: only when a statement fits this well; the routed topic may be wrong (keyword topics).
CONFIDENT: Final = 0.55
#: ... and when the statement model does not speak against it (its decision value at least this):
#: a near example alone also matched "hva betyr lol" or "jeg vil bestille time hos frisøren". On
#: the curated questions held out in five folds, this keeps 85 % of such answers right (66 %
#: without) and answers 3 of 503 curated non-help messages (64 without).
CONFIDENT_FIT: Final = -0.2
#: A statement is added to a reply to something told only when it fits this well (the person
#: told, rather than asked: a statement must clearly answer what they wrote).
SHORT_THRESHOLD: Final = 0.45


class KnowledgeReplies:
    """Replies from the knowledge base for one catalog (its help lines)."""

    def __init__(
        self,
        knowledge: KnowledgeBase,
        retriever: Retriever,
        catalog: Catalog,
        help_topic: Callable[[str], str | None] | None = None,
    ) -> None:
        self.knowledge = knowledge
        self.retriever = retriever
        self.catalog = catalog
        self.help_topic = help_topic or (lambda _: None)

    def unplaced(self, question: str, lang: str) -> Reply | None:
        """A message no other rule placed: a clear answer from any topic, or, when the topic
        classifier reads a help question, the answer within its topic (or that topic's page)."""
        found = self.confident(question, lang)
        if found is not None:
            return found
        topic = self.help_topic(question)
        return self.help(question, topic, lang) if topic else None

    def topics_for(self, topic: str | None) -> tuple[str, ...]:
        """The knowledge topics a routed topic stands for (none for an unknown one)."""
        if topic is None:
            return ()
        if topic in self.knowledge.topics:
            return (topic,)
        return TOPIC_GROUPS.get(topic, ())

    def help(self, question: str, topic: str, lang: str, likely: TopicPs = ()) -> Reply:
        """Answer ``question`` from the likeliest topics (``likely``: the classifier's topics
        with probabilities; ``topic`` alone when none); below the threshold, or when the
        evidence does not settle the topic, the honest topic page."""
        statements = self.find(question, likely or self.sure_of(topic))
        if statements:
            return self.answer(statements, lang)
        topics = self.topics_for(topic) or ("overview",)
        return self.not_sure(topics[0], lang)

    def find(self, question: str, likely: TopicPs, threshold: float = THRESHOLD) -> list[Statement]:
        """The statements that answer ``question`` (``Retriever.answer``), or []."""
        expanded = tuple((k, p) for t, p in likely for k in self.topics_for(t))
        return [h.statement for h in self.retriever.answer(question, expanded, threshold)]

    def short(self, question: str, likely: TopicPs, lang: str) -> tuple[str, str] | None:
        """The one statement that answers what a disclosure says (its block and id), if any."""
        found = self.find(question, likely, SHORT_THRESHOLD)
        return (statement_block(found[0], lang), found[0].id) if found else None

    def cards(self, question: str, lang: str, limit: int) -> list[Reply]:
        """The statements that fit ``question`` best, each as a card to paste into another
        chat (inline mode): the wording, its source named and linked, 112 and 116 006."""
        return [self.card(h.statement, lang) for h in self.retriever.best(question, limit)]

    def card(self, statement: Statement, lang: str) -> Reply:
        html = statement_block(statement, lang) + "\n\n" + t(lang, "footer")
        return Reply("help", html, lang, topic=statement.topic, statements=(statement.id,))

    def sure_of(self, topic: str) -> TopicPs:
        return ((topic, 1.0),)

    def confident(self, question: str, lang: str) -> Reply | None:
        """An answer from any topic when one statement clearly fits (else ``None``)."""
        hits = self.retriever.search(question)
        if not hits or hits[0].score < CONFIDENT or hits[0].fit < CONFIDENT_FIT:
            return None
        topic = hits[0].statement.topic
        return self.answer([h.statement for h in hits if h.statement.topic == topic], lang)

    def answer(self, statements: list[Statement], lang: str) -> Reply:
        topic = statements[0].topic
        blocks = [t(lang, "lead_kb")]
        blocks += [statement_block(s, lang) for s in statements]
        blocks.append(t(lang, "footer"))
        return Reply(
            "help",
            "\n\n".join(blocks),
            lang,
            buttons=self.buttons(topic, lang),
            statements=tuple(s.id for s in statements),
        )

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
