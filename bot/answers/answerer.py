"""The answer core's construction and entry points: text, a location or a button in, one
``Reply`` out, never an exception.

Telegram (``bot.tg``) and the terminal (``krisebot ask``/``chat``) are two thin shells over
``Answerer``. Every reply starts with a neutral line (it shows in notification previews) and
ends with 112 and 116 006. Facts come from the catalog with their sources; where we do not know,
the reply says so and points to 116 006. The order of decisions is ``bot.answers.route``; each
kind of reply is built in its own module (centre, help, stats, safety).
"""

from __future__ import annotations

from dataclasses import replace

from bot.answers import safety
from bot.answers.actions import Pressed
from bot.answers.centre import CentreReplies
from bot.answers.context import Context
from bot.answers.county import CountyReplies
from bot.answers.help import HELP_PAGE, HelpReplies
from bot.answers.knowledge import KnowledgeReplies
from bot.answers.press import press
from bot.answers.reply import Button, Reply
from bot.answers.route import Message, route
from bot.answers.stats import StatsReplies
from bot.answers.talk import Short
from bot.catalog.figures import Stats
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import esc
from bot.understand.classifier import Classifier
from bot.understand.danger import Danger
from bot.understand.matching import Candidate, Match, Matcher, clean
from bot.understand.retrieve import TopicPs

#: A message of this many words or fewer names a topic ("barn", "voldsalarm") rather than
#: asking a question: it gets the topic's help lines, not a statement.
TOPIC_WORDS = 1
#: Inline mode offers at most this many statements for a query.
INLINE_STATEMENTS = 5


class Answerer:
    """Answers for one ``Catalog``; build once, use from any number of handlers."""

    def __init__(
        self,
        catalog: Catalog,
        stats: Stats | None = None,
        knowledge: KnowledgeReplies | None = None,
        classifier: Classifier | None = None,
    ) -> None:
        self.catalog = catalog
        self.matcher = Matcher(catalog)
        self.classifier = classifier  # None: the danger phrases and the matcher alone
        self.danger: Danger = Danger(catalog.danger_phrases)
        self.stats: StatsReplies = StatsReplies(stats or Stats((), ()), catalog)
        self.centres: CentreReplies = CentreReplies(catalog, self.stats)
        self.counties: CountyReplies = CountyReplies(catalog)
        self.helps = HelpReplies(catalog)
        self.knowledge = knowledge

    # -- entry points --------------------------------------------------------------------
    def answer(
        self,
        text: str,
        lang: str,
        chart: bool = False,
        context: Context | None = None,
        chosen: bool = False,
    ) -> Reply:
        """Free text in, one reply out. Never raises for any input. ``context``: what the
        conversation holds (a bare "Bodø" answers the last question); ``chosen``: the person
        chose ``lang``, else the reply follows the message's own language."""
        text = clean(text)
        if not text:
            return self.unknown(lang)
        return route(Message(text, lang, chart, self, context, chosen))

    def location(self, lat: float, lon: float, lang: str) -> Reply:
        """A shared location: the municipality it is in (roughly) and the nearest centres."""
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return self.unknown(lang)
        muni, _ = self.catalog.municipality_at(lat, lon)
        via = t(lang, "via_location", muni=esc(muni.name))
        return self.centres.place(muni.number, lang, via, (lat, lon)).reply(lang)

    def press(self, pressed: Pressed | None, lang: str) -> Reply:
        """A button (``bot.answers.actions.decode``) -> the reply it asks for
        (``bot.answers.press``). The shell's own actions (language, deletion) never come here."""
        return press(self, pressed, lang)

    # -- replies by kind -----------------------------------------------------------------
    def municipality(self, number: str, lang: str, via: Candidate | None = None) -> Reply:
        """A municipality's centre and the nearest ones (``via``: how it was found)."""
        if number not in self.catalog.municipalities:
            return self.unknown(lang)
        line = self.centres.via_line(number, via.via, via.term, lang) if via else ""
        return self.centres.place(number, lang, line).reply(lang)

    def from_match(self, match: Match, lang: str) -> Reply:
        best = match.best
        return self.municipality(best.number, lang, best) if best else self.unknown(lang)

    def centre_card(self, centre_id: str, lang: str) -> Reply:
        return self.centres.card(centre_id, lang) or self.unknown(lang)

    def help(self, topic: str, lang: str, question: str = "", likely: TopicPs = ()) -> Reply:
        """A help question answered from the knowledge base with the statements that fit it
        (``likely``: the classifier's likeliest topics with probabilities). A bare topic word,
        or no knowledge base, gets the topic's help lines (a taxonomy topic without a page of
        its own gets the page that covers it, ``HELP_PAGE``)."""
        if self.knowledge is None or len(question.split()) <= TOPIC_WORDS:
            reply = self.helps.topic(HELP_PAGE.get(topic, topic), lang)
        else:
            reply = self.knowledge.help(question, topic, lang, likely)
        return replace(reply, topic=topic)

    def short_answer(self, question: str, likely: TopicPs, lang: str) -> Short:
        """The statement that answers what a disclosure says, when one clearly does."""
        return self.knowledge.short(question, likely, lang) if self.knowledge else None

    def statement_cards(self, text: str, lang: str, limit: int = INLINE_STATEMENTS) -> list[Reply]:
        """The statements that fit ``text``, each a card with its source (inline mode)."""
        return self.knowledge.cards(clean(text), lang, limit) if self.knowledge else []

    def nearby(self, number: str, lang: str) -> Reply:
        return self.centres.nearby(number, lang) or self.unknown(lang)

    def knowledge_answer(self, question: str, lang: str, likely: TopicPs = ()) -> Reply | None:
        """An answer when a statement clearly fits a question no rule placed (``likely``: the
        classifier's likeliest topics with probabilities)."""
        return self.knowledge.unplaced(question, lang, likely) if self.knowledge else None

    def clear_answer(self, question: str, lang: str) -> Reply | None:
        """An answer only when one statement clearly fits (``KnowledgeReplies.confident``)."""
        return self.knowledge.confident(question, lang) if self.knowledge else None

    def emergency(self, lang: str, match: Match | None = None) -> Reply:
        """The emergency numbers; below them the centre of a place named, if any."""
        best = match.best if match else None
        if best is not None:
            line = self.centres.via_line(best.number, best.via, best.term, lang)
            return safety.emergency(lang, place=self.centres.place(best.number, lang, line))
        if match and match.status == "ambiguous":
            return safety.emergency(lang, question=self.clarify(match, lang))
        return safety.emergency(lang)

    def clarify(self, match: Match, lang: str) -> Reply:
        return safety.clarify(match, lang)

    def outside_municipalities(self, code: str, lang: str) -> Reply:
        return safety.outside_municipalities(code, self.catalog.postal[code].place, lang)

    def start(self, lang: str) -> Reply:
        return safety.start(lang)

    def menu_buttons(self, lang: str) -> tuple[tuple[Button, ...], ...]:
        return safety.menu_buttons(lang)

    def find_prompt(self, lang: str) -> Reply:
        return safety.find_prompt(lang)

    def unknown(self, lang: str) -> Reply:
        return safety.unknown(lang)

    def error(self, lang: str) -> Reply:
        return safety.error(lang)

    def stats_overview(self, lang: str) -> Reply:
        return self.stats.overview(lang)
