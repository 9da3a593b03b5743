"""Statistics as replies: every figure with its unit, year, qualifier and source; the years
and topics that exist as choices. The figures' words are ``bot.answers.figure_words``; the charts
``bot.answers.stats_charts``."""

from __future__ import annotations

from dataclasses import replace
from typing import Final

from bot.answers.actions import Action, encode
from bot.answers.figure_words import FigureWords, as_json, source
from bot.answers.reply import Button, Reply
from bot.answers.stats_charts import CHART_TOPICS, StatsCharts, chart_data
from bot.catalog.figures import Question, Stats, StatsResult
from bot.catalog.measures import TOPICS, Measure
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import esc
from bot.understand.slots import centre_names, parse

#: Each statistics topic -> its name (message key).
TOPIC_NAMES: Final = {
    "spending": "stats_topic_spending",
    "centre_cost": "stats_topic_centre_cost",
    "stays": "stats_topic_stays",
    "day_users": "stats_topic_day_users",
    "centres": "stats_topic_centres",
    "cooperation": "stats_topic_cooperation",
}
YEAR_BUTTONS = 6


class StatsReplies:
    """The statistics replies of one ``Stats``: a question in words, a topic and year, the
    overview, the centre card's figures and the chart as a photo."""

    def __init__(self, stats: Stats, catalog: Catalog) -> None:
        self.stats = stats
        self.catalog = catalog
        self.centre_names = centre_names(catalog)
        self.words = FigureWords(stats, catalog)
        self.charts = StatsCharts(self.words)

    # -- entry points --------------------------------------------------------------------
    def answer(
        self, text: str, lang: str, chart: bool = False, municipality: str | None = None
    ) -> Reply:
        """A question in words. ``municipality`` (a number) is one named in it, if any: we hold
        no figures per municipality, so its centre's figures answer, and the reply says so."""
        question = parse(text, self.centre_names)
        note = ""
        if municipality and not question.centre_ids:
            question, note = self._for_municipality(question, municipality, lang)
        if question.topic is None and question.centre_ids:
            question = replace(question, topic="centre_cost")
        question = self._measure_topic(question)
        return self.render(self.stats.answer(question), lang, chart, note)

    def _measure_topic(self, q: Question) -> Question:
        """A question naming a measure ("barnehus", "dagbrukere") is about that measure's
        topic when its words named no topic, or one none of the named measures belongs to."""
        topics = [self.stats.by_key[k].topic for k in q.measures if k in self.stats.by_key]
        if topics and (q.topic is None or q.topic not in topics) and not q.centre_ids:
            return replace(q, topic=topics[0])
        return q

    def _for_municipality(self, q: Question, number: str, lang: str) -> tuple[Question, str]:
        muni = esc(self.catalog.municipalities[number].name)
        agreement = self.catalog.agreements.get(number)
        if agreement is None:
            return q, t(lang, "stats_muni_no_centre", muni=muni)
        if q.topic not in {None, "spending", "centre_cost"}:
            return q, t(lang, "stats_muni_national")
        centre = self.catalog.centres[agreement.centre_id]
        note = t(lang, "stats_muni_centre", muni=muni, centre=esc(centre.name))
        return replace(q, topic="centre_cost", centre_ids=(centre.id,)), note

    def topic(self, topic: str, year: int | None, lang: str, chart: bool = False) -> Reply:
        if topic not in TOPICS:
            return self.overview(lang)
        return self.render(self.stats.answer(Question(topic, year)), lang, chart)

    # -- rendering -----------------------------------------------------------------------
    def render(self, result: StatsResult, lang: str, chart: bool, note: str = "") -> Reply:
        if result.topic is None:
            return self.overview(lang, note)
        if result.missing_year is not None:
            return _missing(result, lang)
        lines = [self._title(result, lang)]
        shown = {m.key for m, _ in result.figures}
        lines += [self.words.line(m, f, lang) for m, f in result.figures
                  if not self._is_part(m, shown)]  # fmt: skip
        if not result.figures:
            lines.append(t(lang, "stats_none_for_centre"))
        lines += self._notes(result, lang)
        blocks = [t(lang, "lead_stats"), note, "\n".join(lines), t(lang, "footer")]
        html = "\n\n".join(b for b in blocks if b)
        figures = tuple(as_json(m, f, lang) for m, f in result.figures)
        png = self.charts.png(result.topic, result.year, lang, result.centre_ids) if chart else None
        return Reply("stats", html, lang, figures=figures, chart=png,
                     buttons=_buttons(result, lang))  # fmt: skip

    def overview(self, lang: str, note: str = "") -> Reply:
        lines = [note, ""] if note else []
        lines.append(t(lang, "stats_intro"))
        for topic in TOPICS:
            years = self.stats.years(topic)
            span = f"{years[0]}–{years[-1]}" if years else "–"
            lines.append(t(lang, "stats_line", measure=t(lang, TOPIC_NAMES[topic]), years=span))
        lines.append(t(lang, "stats_hint"))
        html = "\n\n".join([t(lang, "lead_stats"), "\n".join(lines), t(lang, "footer")])
        buttons = tuple(
            (Button(t(lang, TOPIC_NAMES[tp]), data=encode(Action.STATS_TOPIC, tp)),)
            for tp in TOPICS
        )
        return Reply("stats", html, lang, buttons=buttons)

    def _title(self, result: StatsResult, lang: str) -> str:
        title = t(lang, TOPIC_NAMES[result.topic or ""])
        if result.centre_ids:
            names = [self.catalog.centres[cid].name for cid in result.centre_ids]
            title += f": {esc(' – '.join(names))}"
        return f"<b>{title}</b>" + (f" ({result.year})" if result.year else "")

    def _is_part(self, m: Measure, shown: set[str]) -> bool:
        """Denominators are shown inside the count they belong to ("32 av 43"), when that count
        is shown; asked for alone, they are a figure of their own."""
        return any(o.denominator == m.key and o.key in shown for o in self.stats.measures)

    def centre_lines(self, centre_id: str, lang: str) -> list[str]:
        """The centre card's own figures: cost per inhabitant by year, with the sources."""
        costs = [f for _, f in self.stats.centre_costs_all() if f.centre_id == centre_id]
        if not costs:
            return []
        measure = self.stats.by_key["centre_cost"]
        items = ", ".join(f"{f.year}: {self.words.value(measure, f, lang)}" for f in costs)
        sources = ", ".join(sorted({source(f, lang) for f in costs}))
        return [t(lang, "card_figures"), t(lang, "card_cost", items=items) + " – " + sources]

    def _notes(self, result: StatsResult, lang: str) -> list[str]:
        if result.topic == "centre_cost" and result.year and not result.centre_ids:
            named = len(self.stats.centre_costs(result.year))
            return ["", t(lang, "stats_centres_named", count=named, year=result.year)]
        if result.topic == "cooperation" and result.year == 2020:
            return ["", t(lang, "stats_agencies_hint")]
        return []

    def chart_reply(
        self, topic: str, year: int | None, lang: str, centre_ids: tuple[str, ...] = ()
    ) -> Reply:
        """The chart as a photo; its caption carries the numbers, for screen readers.
        ``centre_ids``: the centres the question named (the chart shows only them)."""
        known = tuple(c for c in centre_ids if c in self.catalog.centres)
        if known and topic == "centre_cost":
            question = Question(topic, year, "", known, (year,) if year else ())
            reply = self.render(self.stats.answer(question), lang, chart=True)
        else:
            known, reply = (), self.topic(topic, year, lang, chart=True)
        return self.charts.as_photo(reply, topic, year, lang, known)


def _missing(result: StatsResult, lang: str) -> Reply:
    """The year asked for has no figures: the years that do, as buttons."""
    topic = t(lang, TOPIC_NAMES[result.topic or ""])
    years = ", ".join(str(y) for y in result.years)
    body = t(lang, "stats_missing_year", year=result.missing_year, topic=topic, years=years)
    html = "\n\n".join([t(lang, "lead_stats"), body, t(lang, "footer")])
    choices = tuple(
        (Button(str(y), data=encode(Action.STATS_TOPIC, result.topic or "", y)),)
        for y in result.years[-YEAR_BUTTONS:]
    )
    return Reply("stats", html, lang, buttons=choices)


def _buttons(result: StatsResult, lang: str) -> tuple[tuple[Button, ...], ...]:
    """Below a statistics reply: its recent years, its chart (if any), the statistics menu."""
    topic = result.topic or ""
    years = result.years[-YEAR_BUTTONS:]
    rows: list[tuple[Button, ...]] = []
    if years:
        rows.append(tuple(Button(str(y), data=encode(Action.STATS_TOPIC, topic, y)) for y in years))
    if topic in CHART_TOPICS:
        rows.append((Button(t(lang, "btn_chart"), data=chart_data(topic, result)),))
    rows.append((Button(t(lang, "menu_stats"), data=encode(Action.STATS)),))
    return tuple(rows)
