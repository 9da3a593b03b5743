"""Statistics as charts: which topics have one, the bars of each (labels and values in words),
the PNG (drawn by ``bot.answers.charts``, cached in memory) and its caption, which carries the
numbers for screen readers."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from bot.answers import charts
from bot.answers.actions import Action, encode
from bot.answers.figure_words import FigureWords, qualifier
from bot.answers.reply import CAPTION_LIMIT, Reply, fit
from bot.catalog.figures import AGENCIES, Question, StatsResult
from bot.catalog.measures import WOMEN
from bot.catalog.models import Figure
from bot.text import t
from bot.text.format import esc, number

#: The statistics topics that have a chart.
CHART_TOPICS: Final = {"spending", "centre_cost", "cooperation"}


class StatsCharts:
    """The charts of one ``Stats`` (through its ``FigureWords``)."""

    def __init__(self, words: FigureWords) -> None:
        self.words = words
        self.stats = words.stats
        self.png = lru_cache(maxsize=64)(self._make_chart)

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
            bars = [self._bar(self.words.centre_label(f), f, lang) for _, f in rows]
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
        label = self.words.centre_label
        bars = [self._bar(label(f) + (f" ({f.year})" if named_year else ""), f, lang)
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
        words = "" if exact else qualifier(f, lang)
        return charts.Bar(label, value, f"{words}{number(value, lang)}", exact)

    def as_photo(
        self, reply: Reply, topic: str, year: int | None, lang: str, centre_ids: tuple[str, ...]
    ) -> Reply:
        """A statistics reply drawn with its chart -> the chart as a photo whose caption
        carries the numbers; the reply itself when there is no chart."""
        if reply.chart is None:
            return reply
        title, bars, source = self.bars(topic, year, lang, centre_ids)
        items = [esc(f"{b.label}: {b.text}") for b in bars]
        body = "\n".join([f"<b>{esc(title)}</b>", *items, esc(source)])
        caption = "\n\n".join([t(lang, "lead_stats"), body, t(lang, "footer")])
        return Reply("stats", fit(caption, CAPTION_LIMIT), lang, figures=reply.figures,
                     chart=reply.chart, buttons=reply.buttons)  # fmt: skip


def chart_data(topic: str, result: StatsResult) -> str:
    """The chart button's callback data: topic, year and the centres named (when they fit)."""
    year = result.year or ""
    if result.centre_ids:
        try:
            return encode(Action.CHART, topic, year, ",".join(result.centre_ids))
        except ValueError:  # too many centres for 64 bytes: the chart of the year
            pass
    return encode(Action.CHART, topic, year) if year else encode(Action.CHART, topic)
