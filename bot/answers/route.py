"""The order of decisions for free text, as one table: the first rule whose test holds gives
the reply. Danger comes first and nothing overrules it.

What a message is (``Message.reading``) comes from three readers (``bot.understand.reading``):
the curated danger phrases, the models (intent, topic, language) and the matcher (which place).
Danger is the phrases *or* the model. Then a short follow-up to the last reply (``Context``);
then what the message is about: a statistics question, a place, something told, a question
(with a place named, its centre is offered too), small talk, or not understood (what the bot can
do, the likeliest topics, 112 and 116 006: never "not found" alone). The reply is in the
message's language (English for English and for languages the bot does not read) unless the
person chose one.

To add a kind of reply, add a ``Rule`` where it belongs in ``ROUTE``; its test and its reply
get the ``Message`` (the text, with what is understood of it computed once, when first asked).
The replies the rules give are built in ``bot.answers.routed``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING, Final

from bot.answers import talk
from bot.answers.context import Context
from bot.answers.reply import Reply
from bot.answers.routed import (
    danger,
    follow_up,
    labelled,
    named_place,
    place,
    question,
    small_talk,
    told,
    unknown,
)
from bot.catalog.models import Via
from bot.names import normalize
from bot.schema import NOT_MUNICIPALITIES
from bot.understand import slots
from bot.understand.classifier import Scores
from bot.understand.matching import Match
from bot.understand.reading import Reading, read
from bot.understand.retrieve import TopicPs

if TYPE_CHECKING:
    from bot.answers.answerer import Answerer

#: Ways a municipality is named outright (a statistics question "for Bodø").
NAMED: Final = {Via.OFFICIAL, Via.PARALLEL, Via.FORMER}


@dataclass
class Message:
    """A cleaned, non-empty message, and what the rules ask about it (each computed once).
    ``lang`` becomes the reply's language (see ``reply_lang``)."""

    text: str
    lang: str
    chart: bool
    core: Answerer
    context: Context | None = None
    chosen: bool = False

    def __post_init__(self) -> None:
        self.lang = reply_lang(self.reading, self.lang, self.chosen)

    @cached_property
    def match(self) -> Match:
        return self.core.matcher.resolve(self.text)

    @cached_property
    def scores(self) -> Scores | None:
        clf = self.core.classifier
        return clf.scores(self.text) if clf else None

    @cached_property
    def reading(self) -> Reading:
        return read(self.text, self.scores, self.match, self.core.danger.found(self.text))

    @property
    def likely(self) -> TopicPs:
        """The topic classifier's topics with their probabilities, best first."""
        return self.scores.topics if self.scores else ()

    @cached_property
    def knowledge(self) -> Reply | None:
        """The knowledge base's answer to a message no rule placed, if one clearly fits
        (``KnowledgeReplies.unplaced``)."""
        return self.core.knowledge_answer(self.text, self.lang, self.likely)

    @cached_property
    def clear_answer(self) -> Reply | None:
        """A statement's answer only when one clearly fits (never a topic page)."""
        return self.core.clear_answer(self.text, self.lang)

    @cached_property
    def centre_ids(self) -> tuple[str, ...]:
        """The centres named, by name, alias or short form ("Hallingdal", "Norasenteret")."""
        return slots.named_centres(self.text, self.core.stats.centre_names)

    @property
    def only_a_centre(self) -> bool:
        """The message is a centre's name and nothing more ("Norasenteret")."""
        return normalize(self.text) in self.core.stats.centre_names

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

    @property
    def own_postal_code(self) -> bool:
        """A place with its own postal code ("Gjerdrum 2022"), not a year."""
        postal = self.core.catalog.postal.get(f"{self.year:04d}") if self.year else None
        number = self.named_municipality
        return bool(postal and number and postal.municipality_number == number)

    @cached_property
    def county(self) -> str | None:
        """A county named by itself ("Nordland", "krisesentre i Finnmark")."""
        return slots.county_named(self.text, self.core.counties.names)

    @property
    def outside_code(self) -> bool:
        """A postal code outside every municipality (Svalbard, Jan Mayen)."""
        postal = self.core.catalog.postal.get(self.text.strip())
        return bool(postal and postal.municipality_number in NOT_MUNICIPALITIES)

    @cached_property
    def follow_up(self) -> Reply | None:
        return follow_up(self) if self.context is not None else None

    def intent(self, *intents: str) -> bool:
        return self.reading.intent in intents

    @property
    def about_a_place(self) -> bool:
        """Not a question, not something told: a name of a place (or of a centre, a county)."""
        return self.intent("centre", "clarify", "unknown", "smalltalk")


def reply_lang(reading: Reading, lang: str, chosen: bool) -> str:
    """The person's choice, else the message's language (bokmål/nynorsk -> bokmål)."""
    if chosen or reading.lang is None:
        return lang
    return "nb" if reading.lang in {"nb", "nn"} else "en"


@dataclass(frozen=True)
class Rule:
    name: str
    when: Callable[[Message], bool]
    then: Callable[[Message], Reply]


ROUTE: Final[tuple[Rule, ...]] = (
    Rule("danger", lambda m: m.intent("emergency"), lambda m: danger(m)),
    Rule("follow-up", lambda m: m.follow_up is not None, lambda m: m.follow_up or unknown(m)),
    Rule("other language", lambda m: m.reading.lang == "other",
         lambda m: talk.other_language(m.reading.intent, m.reading.confidence,
                                       named_place(m))),
    Rule("a place and its own postal code", lambda m: m.own_postal_code,
         lambda m: place(m, replace(m.reading, intent="centre"))),
    Rule("a county", lambda m: m.county is not None and m.year is None
         and not m.intent("help", "disclosure"),
         lambda m: labelled(m.core.counties.reply(m.county or "", m.lang), m.reading)),
    Rule("statistics", lambda m: m.intent("stats") or m.year_asks_statistics,
         lambda m: labelled(m.core.stats.answer(m.text, m.lang, m.chart, m.named_municipality),
                            m.reading)),
    Rule("outside municipalities", lambda m: m.outside_code,
         lambda m: m.core.outside_municipalities(m.text.strip(), m.lang)),
    Rule("a centre by its name",
         lambda m: bool(m.centre_ids) and (m.about_a_place or m.only_a_centre),
         lambda m: labelled(m.core.centre_card(m.centre_ids[0], m.lang), m.reading)),
    Rule("place", lambda m: m.intent("centre", "clarify"), lambda m: place(m, m.reading)),
    Rule("told", lambda m: m.intent("disclosure"), lambda m: told(m)),
    Rule("question", lambda m: m.intent("help"), lambda m: question(m)),
    Rule("small talk", lambda m: m.intent("smalltalk"), lambda m: small_talk(m)),
    Rule("a statement fits", lambda m: m.intent("unknown") and m.knowledge is not None,
         lambda m: m.knowledge or unknown(m)),
)  # fmt: skip


def route(message: Message) -> Reply:
    """The reply of the first rule that holds; "not understood" when none does."""
    for rule in ROUTE:
        if rule.when(message):
            return rule.then(message)
    return unknown(message)
