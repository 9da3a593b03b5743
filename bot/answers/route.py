"""The order of decisions for free text, as one table: the first rule whose test holds gives
the reply. Danger comes first and nothing overrules it.

To add a kind of reply, add a ``Rule`` where it belongs in ``ROUTE``; its test and its reply
get the ``Message`` (the text, with what is understood of it computed once, when first asked).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Final

from bot.answers.reply import Reply
from bot.catalog.models import Via
from bot.schema import NOT_MUNICIPALITIES
from bot.understand import intents
from bot.understand.matching import Match

if TYPE_CHECKING:
    from bot.answers.answerer import Answerer

#: Ways a municipality is named outright (a statistics question "for Bodø").
NAMED: Final = {Via.OFFICIAL, Via.PARALLEL, Via.FORMER}


@dataclass
class Message:
    """A cleaned, non-empty message, and what the rules ask about it (each computed once)."""

    text: str
    lang: str
    chart: bool
    core: Answerer

    @cached_property
    def match(self) -> Match:
        return self.core.matcher.resolve(self.text)

    @cached_property
    def topic(self) -> str | None:
        return intents.help_topic(self.text)

    @cached_property
    def knowledge(self) -> Reply | None:
        """The knowledge base's answer when one statement clearly fits (no topic needed)."""
        return self.core.knowledge_answer(self.text, self.lang)

    @property
    def only_fuzzy(self) -> bool:
        """Every candidate is a guess at a typo ("barn" is a word here, not "Beiarn")."""
        return all(c.via == Via.FUZZY for c in self.match.candidates)

    @property
    def named_municipality(self) -> str | None:
        """A municipality named outright; never a year read as a postal code, never a guess."""
        best = self.match.best
        return best.number if best and best.via in NAMED else None

    @property
    def outside_code(self) -> bool:
        """A postal code outside every municipality (Svalbard, Jan Mayen)."""
        postal = self.core.catalog.postal.get(self.text.strip())
        return bool(postal and postal.municipality_number in NOT_MUNICIPALITIES)


@dataclass(frozen=True)
class Rule:
    name: str
    when: Callable[[Message], bool]
    then: Callable[[Message], Reply]


ROUTE: Final[tuple[Rule, ...]] = (
    Rule("danger", lambda m: m.core.danger.found(m.text),
         lambda m: m.core.emergency(m.lang, m.match)),
    Rule("statistics", lambda m: intents.is_stats(m.text),
         lambda m: m.core.stats.answer(m.text, m.lang, m.chart, m.named_municipality)),
    Rule("outside municipalities", lambda m: m.outside_code,
         lambda m: m.core.outside_municipalities(m.text.strip(), m.lang)),
    Rule("help topic over a guessed place", lambda m: bool(m.topic) and m.only_fuzzy,
         lambda m: m.core.help(m.topic or "", m.lang, m.text)),
    Rule("municipality", lambda m: m.match.status == "found" and m.match.best is not None,
         lambda m: m.core.from_match(m.match, m.lang)),
    Rule("shared name", lambda m: m.match.status == "ambiguous",
         lambda m: m.core.clarify(m.match, m.lang)),
    Rule("help topic", lambda m: bool(m.topic),
         lambda m: m.core.help(m.topic or "", m.lang, m.text)),
    Rule("a statement fits", lambda m: m.knowledge is not None,
         lambda m: m.knowledge or m.core.unknown(m.lang)),
)  # fmt: skip


def route(message: Message) -> Reply:
    """The reply of the first rule that holds; "not understood" when none does."""
    for rule in ROUTE:
        if rule.when(message):
            return rule.then(message)
    return message.core.unknown(message.lang)
