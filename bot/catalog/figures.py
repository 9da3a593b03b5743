"""Key statistics in memory: the figures indexed by measure, and a ``Question`` (topic, years,
highest/lowest, centres) answered with a ``StatsResult`` that the answer core renders.

Which figures exist is ``bot.catalog.measures``. A figure the data does not hold is never
shown: the result says which years exist instead, and the reply offers them as choices.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from bot.catalog.measures import AGENCY_PREFIX, BUFDIR_CENTRE, KS_COOP, WOMEN, Measure
from bot.catalog.models import Figure

#: Agencies in the Bufdir cooperation table, with their names in both languages.
AGENCIES: Final = {
    "NAV": ("NAV", "NAV"),
    "barneverntjenesten": ("barnevernet", "child welfare"),
    "politi": ("politiet", "the police"),
    "familievernet": ("familievernet", "family counselling"),
    "psykisk helsetjeneste": ("psykisk helse", "mental health"),
    "rusomsorg": ("rusomsorgen", "substance abuse services"),
    "boligkontor": ("boligkontoret", "the housing office"),
    "barnehus": ("Statens barnehus", "Children's House"),
    "overgrepsmottak": ("overgrepsmottak", "sexual assault centres"),
}


@dataclass(frozen=True)
class Question:
    topic: str | None
    year: int | None = None
    order: str = ""  # "high", "low" or ""
    centre_ids: tuple[str, ...] = ()  # every centre named, in the order named ("compare A and B")
    years: tuple[int, ...] = ()  # every year named ("2021 and 2022")
    measures: tuple[str, ...] = ()  # the measures named ("barnehus"); none: the topic's own


@dataclass(frozen=True)
class StatsResult:
    """What the answer core renders: the figures, what was missing, and the choices."""

    topic: str | None
    year: int | None
    figures: tuple[tuple[Measure, Figure], ...] = ()
    missing_year: int | None = None
    years: tuple[int, ...] = ()
    centre_ids: tuple[str, ...] = ()


class Stats:
    """The figures in memory, indexed by measure."""

    def __init__(self, figures: Iterable[Figure], measures: Iterable[Measure]) -> None:
        self.figures = tuple(figures)
        self.measures = tuple(measures)
        self.by_key = {m.key: m for m in self.measures}
        self.by_measure: dict[str, list[Figure]] = defaultdict(list)
        for f in self.figures:
            for m in self.measures:
                if m.matches(f):
                    self.by_measure[m.key].append(f)

    def years(self, topic: str) -> tuple[int, ...]:
        keys = [m.key for m in self.measures if m.topic == topic]
        return tuple(sorted({f.year for k in keys for f in self.by_measure[k]}))

    def answer(self, q: Question) -> StatsResult:
        if q.topic is None:
            return StatsResult(None, q.year)
        years = self.years(q.topic)
        if q.topic != "centre_cost" and q.measures:  # the years of the measures asked for
            keys = [m.key for m in self._asked(q)]
            years = tuple(sorted({f.year for k in keys for f in self.by_measure[k]}))
        missing = next((y for y in q.years or (q.year,) if y is not None and y not in years), None)
        if missing is not None:
            return StatsResult(q.topic, None, missing_year=missing, years=years)
        if q.topic == "centre_cost":
            return self._centre_cost(q, years)
        return self._topic(q, years)

    def _topic(self, q: Question, years: tuple[int, ...]) -> StatsResult:
        picked: list[tuple[Measure, Figure]] = []
        for m in self._asked(q):
            wanted = set(q.years or ((q.year,) if q.year else ()))
            series = [f for f in self.by_measure[m.key] if not wanted or f.year in wanted]
            if not wanted and series and m.key != "spending_per_inhabitant":
                series = [max(series, key=lambda f: f.year)]  # the newest of each measure
            picked += [(m, f) for f in series]
        year = q.year if len(q.years) < 2 else None  # two years: a comparison, no single year
        return StatsResult(q.topic, year, tuple(picked), years=years)

    def _asked(self, q: Question) -> list[Measure]:
        """The measures a question names, or the topic's own (those not shown only on
        request); denominators named come along inside their counts."""
        if q.measures:
            named = [m for m in self.measures if m.key in q.measures and m.topic == q.topic]
            if named:
                return named
        return [m for m in self.measures if m.topic == q.topic and not m.detail]

    def _centre_cost(self, q: Question, years: tuple[int, ...]) -> StatsResult:
        year = q.year or max(self.years_with_centres() or years)
        rows = self.centre_costs(year)
        if q.centre_ids:
            return self._named_centre_costs(q, years)
        if q.order == "low":
            rows = sorted(rows, key=lambda mf: mf[1].value or 0)
        extremes = [
            (self.by_key[key], f)
            for key in ("centre_cost_highest", "centre_cost_lowest")
            for f in self.by_measure[key]
            if f.year == year
        ]
        return StatsResult("centre_cost", year, tuple(rows + extremes), years=years)

    def _named_centre_costs(self, q: Question, years: tuple[int, ...]) -> StatsResult:
        """One centre's figures over the years, or several centres side by side, by year."""
        wanted = set(q.years)
        rows = [
            (m, f)
            for m, f in self.centre_costs_all()
            if f.centre_id in q.centre_ids and (not wanted or f.year in wanted)
        ]
        rows.sort(key=lambda mf: (mf[1].year, q.centre_ids.index(mf[1].centre_id)))
        year = q.year if len(q.years) == 1 else None  # one year asked: the title says it
        return StatsResult("centre_cost", year, tuple(rows), years=years, centre_ids=q.centre_ids)

    def centre_costs(self, year: int) -> list[tuple[Measure, Figure]]:
        """Named centres' cost per inhabitant in ``year``, highest first (SSB before Bufdir)."""
        seen: dict[str, tuple[Measure, Figure]] = {}
        for key in ("centre_cost", "centre_cost_bufdir"):
            for f in self.by_measure[key]:
                single = f.centre_id or f.table_id == BUFDIR_CENTRE  # SSB rows: named only
                if f.year == year and f.value is not None and single:
                    seen.setdefault(f.centre_id or f.region, (self.by_key[key], f))
        return sorted(seen.values(), key=lambda mf: (-(mf[1].value or 0), mf[1].region))

    def centre_costs_all(self) -> list[tuple[Measure, Figure]]:
        out = []
        for year in sorted({f.year for k in ("centre_cost", "centre_cost_bufdir")
                            for f in self.by_measure[k]}):  # fmt: skip
            out += self.centre_costs(year)
        return out

    def years_with_centres(self) -> tuple[int, ...]:
        return tuple(sorted({f.year for m, f in self.centre_costs_all()}))

    def agencies(self, region: str = WOMEN) -> list[tuple[str, Figure]]:
        """Bufdir 2020: how many centres cooperated with each agency (of 43 or 39)."""
        return [
            (f.measure.removeprefix(AGENCY_PREFIX), f)
            for f in self.figures
            if f.table_id == KS_COOP and f.region == region
            and f.measure.startswith(AGENCY_PREFIX)
        ]  # fmt: skip

    def series(self, key: str) -> list[Figure]:
        return sorted(self.by_measure[key], key=lambda f: f.year)

    def denominator(self, m: Measure, f: Figure) -> Figure | None:
        if not m.denominator:
            return None
        return next((d for d in self.by_measure[m.denominator] if d.year == f.year), None)
