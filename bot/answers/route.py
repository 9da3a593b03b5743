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
from bot.understand import intents, slots
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

    @cached_property
    def centre_ids(self) -> tuple[str, ...]:
        """The centres named, by name, alias or short form ("Hallingdal", "Norasenteret")."""
        return slots.named_centres(self.text, self.core.stats.centre_names)

    @cached_property
    def year(self) -> int | None:
        found = slots.years(self.text)
        return found[0] if found else None

    @cached_property
    def place(self) -> Match:
        """The place the text names, its years taken out ("Oslo 2022" -> Oslo)."""
        if self.year is None:
            return self.match
        return self.core.matcher.resolve(slots.without_years(self.text))

    @property
    def named_municipality(self) -> str | None:
        """A municipality named outright; never a year read as a postal code, never a guess."""
        best = self.place.best
        return best.number if best and best.via in NAMED else None

    @property
    def year_asks_statistics(self) -> bool:
        """A year next to a centre or a named place ("Hallingdal 2022", "Oslo 2022") asks for
        figures; but "Gjerdrum 2022" is a postal code with its own place's name."""
        if self.year is None:
            return False
        if self.centre_ids:
            return True
        number = self.named_municipality
        postal = self.core.catalog.postal.get(f"{self.year:04d}")
        return number is not None and not (postal and postal.municipality_number == number)

    @cached_property
    def county(self) -> str | None:
        """A county named by itself ("Nordland", "krisesentre i Finnmark")."""
        return slots.county_named(self.text, self.core.centres.counties)

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
    Rule("a year next to a centre or a place", lambda m: m.year_asks_statistics,
         lambda m: m.core.stats.answer(m.text, m.lang, m.chart, m.named_municipality)),
    Rule("outside municipalities", lambda m: m.outside_code,
         lambda m: m.core.outside_municipalities(m.text.strip(), m.lang)),
    Rule("a centre by its name", lambda m: bool(m.centre_ids),
         lambda m: m.core.centre_card(m.centre_ids[0], m.lang)),
    Rule("a county", lambda m: m.county is not None,
         lambda m: m.core.centres.county(m.county or "", m.lang)),
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
