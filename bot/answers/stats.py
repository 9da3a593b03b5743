"""Statistics as replies: every figure with its unit, year, qualifier and source; the years
and topics that exist as choices; charts (PNG, cached in memory) whose caption carries the
numbers, for screen readers."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from typing import Any, Final

from bot.answers import charts
from bot.answers.actions import Action, encode
from bot.answers.reply import CAPTION_LIMIT, Button, Reply, fit
from bot.catalog.figures import AGENCIES, Question, Stats, StatsResult
from bot.catalog.measures import TOPICS, WOMEN, Measure
from bot.catalog.models import Figure
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import esc, link, number
from bot.understand.slots import centre_names, parse

CHART_TOPICS = {"spending", "centre_cost", "cooperation"}
#: Each statistics topic -> its name (message key).
TOPIC_NAMES: Final = {
    "spending": "stats_topic_spending",
    "centre_cost": "stats_topic_centre_cost",
    "stays": "stats_topic_stays",
    "day_users": "stats_topic_day_users",
    "centres": "stats_topic_centres",
    "cooperation": "stats_topic_cooperation",
}
#: A figure's qualifier (the figures table) -> the words before its number (message key).
QUALIFIERS: Final = {
    "": "q_exact",
    "exact": "q_exact",
    "approx": "q_approx",
    "less_than": "q_less_than",
    "more_than": "q_more_than",
    "nearly": "q_nearly",
    "derived": "q_derived",
}
#: A figure's unit (the figures table) -> its words (message key).
UNITS: Final = {
    "NOK": "unit_nok",
    "NOK per inhabitant": "unit_nok_per_inhabitant",
    "calls": "unit_calls",
    "centres": "unit_centres",
    "contacts": "unit_contacts",
    "days": "unit_days",
    "municipalities": "unit_municipalities",
    "percent": "unit_percent",
    "percent of NAV offices": "unit_percent_of_nav_offices",
    "percent of child welfare services": "unit_percent_of_child_welfare_services",
    "percent of crisis-centre offers": "unit_percent_of_crisis_centre_offers",
    "percent of municipalities": "unit_percent_of_municipalities",
    "persons": "unit_persons",
    "stays": "unit_stays",
    "stays (døgn)": "unit_stays_dogn",
    "text": "unit_text",
    "visits": "unit_visits",
}
YEAR_BUTTONS = 6


class StatsReplies:
    def __init__(self, stats: Stats, catalog: Catalog) -> None:
        self.stats = stats
        self.catalog = catalog
        self.centre_names = centre_names(catalog)
        self._chart = lru_cache(maxsize=64)(self._make_chart)

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
        return self.render(self.stats.answer(question), lang, chart, note)

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
            return self._missing(result, lang)
        lines = [self._title(result, lang)]
        lines += [self._line(m, f, lang) for m, f in result.figures if not self._is_part(m)]
        if not result.figures:
            lines.append(t(lang, "stats_none_for_centre"))
        lines += self._notes(result, lang)
        blocks = [t(lang, "lead_stats"), note, "\n".join(lines), t(lang, "footer")]
        html = "\n\n".join(b for b in blocks if b)
        figures = tuple(self._json(m, f, lang) for m, f in result.figures)
        png = self._chart(result.topic, result.year, lang, result.centre_ids) if chart else None
        return Reply("stats", html, lang, figures=figures, chart=png,
                     buttons=self._buttons(result, lang))  # fmt: skip

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

    def _missing(self, result: StatsResult, lang: str) -> Reply:
        topic = t(lang, TOPIC_NAMES[result.topic or ""])
        years = ", ".join(str(y) for y in result.years)
        body = t(lang, "stats_missing_year", year=result.missing_year, topic=topic, years=years)
        html = "\n\n".join([t(lang, "lead_stats"), body, t(lang, "footer")])
        choices = tuple(
            (Button(str(y), data=encode(Action.STATS_TOPIC, result.topic or "", y)),)
            for y in result.years[-YEAR_BUTTONS:]
        )
        return Reply("stats", html, lang, buttons=choices)

    def _title(self, result: StatsResult, lang: str) -> str:
        title = t(lang, TOPIC_NAMES[result.topic or ""])
        if result.centre_ids:
            names = [self.catalog.centres[cid].name for cid in result.centre_ids]
            title += f": {esc(' – '.join(names))}"
        return f"<b>{title}</b>" + (f" ({result.year})" if result.year else "")

    def _is_part(self, m: Measure) -> bool:
        """Denominators are shown inside the count they belong to ("32 av 43")."""
        return any(other.denominator == m.key for other in self.stats.measures)

    def _line(self, m: Measure, f: Figure, lang: str) -> str:
        name = getattr(m, lang)
        if m.topic == "centre_cost" and m.region is None:
            name = self._centre_label(f)
        value = self.value_text(m, f, lang)
        return f"• {esc(name)}: {value} ({f.year}) – {self.source(f, lang)}"

    def _centre_label(self, f: Figure) -> str:
        """The centre's name as we list it (plain text: escape it where it goes into HTML)."""
        centre = self.catalog.centres.get(f.centre_id)
        return centre.name if centre else f.region

    def value_text(self, m: Measure, f: Figure, lang: str) -> str:
        if f.value is None:
            return esc(f.value_text) if f.value_text else t(lang, "stats_no_value")
        unit = t(lang, UNITS[f.unit])
        qualifier = t(lang, QUALIFIERS[f.qualifier])
        amount = number(abs(f.value) if m.key.endswith("change") else f.value, lang)
        if m.key.endswith("change"):
            key = "stats_change_up" if f.value >= 0 else "stats_change_down"
            return t(lang, key, amount=f"{qualifier}{amount}", unit=unit)
        denominator = self.stats.denominator(m, f)
        if denominator and denominator.value:
            return t(lang, "stats_of", amount=f"{qualifier}{amount}",
                     total=number(denominator.value, lang), unit=unit)  # fmt: skip
        return f"{qualifier}{amount} {unit}".strip()

    def source(self, f: Figure, lang: str) -> str:
        label = t(lang, "src_ssb", table=f.table_id) if f.publisher == "SSB" else "Bufdir"
        if f.source_url.startswith("http"):
            return link(f.source_url, label)
        return esc(label) + " " + t(lang, "src_no_link")  # named by the source, link not known

    def centre_lines(self, centre_id: str, lang: str) -> list[str]:
        """The centre card's own figures: cost per inhabitant by year, with the sources."""
        costs = [f for _, f in self.stats.centre_costs_all() if f.centre_id == centre_id]
        if not costs:
            return []
        measure = self.stats.by_key["centre_cost"]
        items = ", ".join(f"{f.year}: {self.value_text(measure, f, lang)}" for f in costs)
        sources = ", ".join(sorted({self.source(f, lang) for f in costs}))
        return [t(lang, "card_figures"), t(lang, "card_cost", items=items) + " – " + sources]

    def _notes(self, result: StatsResult, lang: str) -> list[str]:
        if result.topic == "centre_cost" and result.year and not result.centre_ids:
            named = len(self.stats.centre_costs(result.year))
            return ["", t(lang, "stats_centres_named", count=named, year=result.year)]
        if result.topic == "cooperation" and result.year == 2020:
            return ["", t(lang, "stats_agencies_hint")]
        return []

    def _buttons(self, result: StatsResult, lang: str) -> tuple[tuple[Button, ...], ...]:
        topic = result.topic or ""
        years = result.years[-YEAR_BUTTONS:]
        rows: list[tuple[Button, ...]] = []
        if years:
            rows.append(
                tuple(Button(str(y), data=encode(Action.STATS_TOPIC, topic, y)) for y in years)
            )
        if topic in CHART_TOPICS:
            rows.append((Button(t(lang, "btn_chart"), data=_chart_data(topic, result)),))
        rows.append((Button(t(lang, "menu_stats"), data=encode(Action.STATS)),))
        return tuple(rows)

    def _json(self, m: Measure, f: Figure, lang: str) -> dict[str, Any]:
        return {
            "key": m.key,
            "measure": getattr(m, lang),
            "region": f.region,
            "year": f.year,
            "value": f.value if f.value is not None else (f.value_text or None),
            "unit": f.unit,
            "qualifier": f.qualifier or "exact",
            "source": f.source_url,
            "table": f.table_id,
            "centre": f.centre_id or None,
        }

    # -- charts --------------------------------------------------------------------------
    def bars(
        self, topic: str, year: int | None, lang: str, centre_ids: tuple[str, ...] = ()
    ) -> tuple[str, list[charts.Bar], str]:
        """(title, bars, source line) of a topic's chart; no bars when it has none. With
        ``centre_ids`` (the centres a question names) the bars are exactly those centres'
        figures that the text lists, each year named."""
        if topic == "centre_cost" and centre_ids:
            return self._named_centre_bars(year, lang, centre_ids)
        if topic == "spending":
            series = self.stats.series("spending_per_inhabitant")
            bars = [self._bar(str(f.year), f, lang) for f in series]
            return t(lang, "chart_spending"), bars, t(lang, "chart_src_12130")
        if topic == "centre_cost":
            chosen = year or max(self.stats.years_with_centres())
            rows = self.stats.centre_costs(chosen)
            bars = [self._bar(self._centre_label(f), f, lang) for _, f in rows]
            return t(lang, "chart_centre_cost", year=chosen), bars, t(lang, "chart_src_centres")
        if topic == "cooperation":
            agencies = sorted(self.stats.agencies(WOMEN), key=lambda nf: -(nf[1].value or 0))
            index = 0 if lang == "nb" else 1
            bars = [self._bar(AGENCIES[name][index], f, lang) for name, f in agencies]
            return t(lang, "chart_agencies"), bars, t(lang, "chart_src_bufdir")
        return "", [], ""

    def _named_centre_bars(
        self, year: int | None, lang: str, centre_ids: tuple[str, ...]
    ) -> tuple[str, list[charts.Bar], str]:
        question = Question("centre_cost", year, "", centre_ids, (year,) if year else ())
        rows = self.stats.answer(question).figures
        years = sorted({f.year for _, f in rows})
        named_year = len(years) > 1  # several years: each bar says its year
        bars = [self._bar(self._centre_label(f) + (f" ({f.year})" if named_year else ""), f, lang)
                for _, f in rows]  # fmt: skip
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]}–{years[-1]}" if years else ""
        return t(lang, "chart_centre_cost", year=span), bars, t(lang, "chart_src_centres")

    def _make_chart(
        self, topic: str, year: int | None, lang: str, centre_ids: tuple[str, ...] = ()
    ) -> bytes | None:
        title, bars, source = self.bars(topic, year, lang, centre_ids)
        if not bars:
            return None
        draw = charts.vertical if topic == "spending" else charts.horizontal
        return draw(bars, title, source)

    def _bar(self, label: str, f: Figure, lang: str) -> charts.Bar:
        value = f.value or 0.0
        exact = f.qualifier in {"", "exact"}
        qualifier = "" if exact else t(lang, QUALIFIERS[f.qualifier])
        return charts.Bar(label, value, f"{qualifier}{number(value, lang)}", exact)

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
        if reply.chart is None:
            return reply
        title, bars, source = self.bars(topic, year, lang, known)
        items = [esc(f"{b.label}: {b.text}") for b in bars]
        body = "\n".join([f"<b>{esc(title)}</b>", *items, esc(source)])
        caption = "\n\n".join([t(lang, "lead_stats"), body, t(lang, "footer")])
        return Reply("stats", fit(caption, CAPTION_LIMIT), lang, figures=reply.figures,
                     chart=reply.chart, buttons=reply.buttons)  # fmt: skip


def _chart_data(topic: str, result: StatsResult) -> str:
    """The chart button's callback data: topic, year and the centres named (when they fit)."""
    year = result.year or ""
    if result.centre_ids:
        try:
            return encode(Action.CHART, topic, year, ",".join(result.centre_ids))
        except ValueError:  # too many centres for 64 bytes: the chart of the year
            pass
    return encode(Action.CHART, topic, year) if year else encode(Action.CHART, topic)
