"""Key statistics: which figures exist, and questions about them answered with every figure's
unit, year, qualifier and source.

``MEASURES`` names, in bokmål and English, the figures the bot talks about, each picked out of
the ``figures`` table by its table, region and exact label. ``parse`` reads a question (topic,
year, highest/lowest, a centre); ``Stats.answer`` returns a ``StatsResult`` that the answer core
turns into text, buttons and a chart. A figure the data does not hold is never shown: the bot
says which years and measures exist instead, and offers them as choices.
"""

from __future__ import annotations

import re
import sqlite3
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Final

from bot.names import normalize

CENTRE_COST_SSB: Final = (
    "Kostnad per innbygger til krisesenteret (kommunale utgifter til senteret / innbyggere i "
    "senterets kommuner), som omtalt i SSB-artikkel"
)
AGENCY_PREFIX: Final = "Antall sentre som deltok i samarbeid med: "
WOMEN: Final = "Krisesentre med tilbud til kvinner (43 sentre)"
MEN: Final = "Krisesentre med tilbud til menn (39 sentre)"
NATIONAL: Final = "Hele landet"
ALL_CENTRES: Final = "I alt (alle krisesentre)"


@dataclass(frozen=True)
class Figure:
    table_id: str
    publisher: str
    region: str
    year: int
    measure: str
    value: float | None
    value_text: str
    unit: str
    qualifier: str
    status: str
    source_url: str
    centre_id: str


@dataclass(frozen=True)
class Measure:
    """A figure the bot talks about: where it is (table, region, label) and its names."""

    key: str
    topic: str
    table: str
    labels: tuple[str, ...]
    nb: str
    en: str
    region: str | None = None  # None: any region (per-centre measures)
    denominator: str = ""  # key of the measure a count is "out of"

    def matches(self, f: Figure) -> bool:
        return (
            f.table_id == self.table
            and f.measure in self.labels
            and (self.region is None or f.region == self.region)
        )


def _m(key: str, topic: str, table: str, label: str | tuple[str, ...], nb: str, en: str,
       region: str | None = NATIONAL, denominator: str = "") -> Measure:  # fmt: skip
    labels = (label,) if isinstance(label, str) else label
    return Measure(key, topic, table, labels, nb, en, region, denominator)


KS_NAT = "krisesenterstatistikk_national"
KS_COOP = "krisesenterstatistikk_samarbeid"
BUFDIR_CENTRE = "bufdir_okonomi_og_organisering"

MEASURES: Final[tuple[Measure, ...]] = (
    # Spending
    _m("spending_per_inhabitant", "spending", "12130",
       "Kommunale utgifter til krisesentertilbud per innbygger, hele landet (totale utgifter / "
       "folkemengde)", "Kommunenes utgifter per innbygger, hele landet",
       "Municipal spending per inhabitant, whole country"),
    _m("spending_change", "spending", "12130",
       "Endring i kommunale utgifter til krisesentertilbud per innbygger fra året før, hele "
       "landet", "Endring per innbygger fra året før",
       "Change per inhabitant from the year before"),
    _m("spending_total", "spending", "11678", "Kommunale utgifter (kr)",
       "Kommunenes utgifter i alt", "Municipal spending in total", ALL_CENTRES),
    _m("spending_total_change", "spending", "11678",
       "Endring i kommunale utgifter fra året før", "Endring i utgiftene i alt fra året før",
       "Change in total spending from the year before", ALL_CENTRES),
    _m("spending_over_200", "spending", "12130",
       "Antall kommuner med utgifter over 200 kr per innbygger",
       "Kommuner med utgifter over 200 kr per innbygger",
       "Municipalities spending over NOK 200 per inhabitant", "Alle kommuner"),
    _m("spending_highest_municipality", "spending", "12130",
       "Kommunens utgifter til krisesenter per innbygger", "Høyeste kommune, per innbygger",
       "Highest municipality, per inhabitant", "Alle kommuner: høyeste kommune"),
    _m("spending_lowest_municipality", "spending", "12130",
       "Kommunens utgifter til krisesenter per innbygger", "Laveste kommune, per innbygger",
       "Lowest municipality, per inhabitant", "Alle kommuner: laveste kommune"),
    # Cost per inhabitant, per centre
    _m("centre_cost", "centre_cost", "11678", CENTRE_COST_SSB,
       "Kostnad per innbygger i senterets kommuner", "Cost per inhabitant of the centre's "
       "municipalities", None),
    _m("centre_cost_bufdir", "centre_cost", BUFDIR_CENTRE,
       ("Kostnad pr. innbygger i kroner", "Kostnad pr. innbygger, i kroner"),
       "Kostnad per innbygger i senterets kommuner", "Cost per inhabitant of the centre's "
       "municipalities", None),
    _m("centre_cost_highest", "centre_cost", "11678", CENTRE_COST_SSB, "Høyeste senter",
       "Highest centre", "Alle krisesentre: høyeste senter"),
    _m("centre_cost_lowest", "centre_cost", "11678", CENTRE_COST_SSB, "Laveste senter",
       "Lowest centre", "Alle krisesentre: laveste senter"),
    # Residents and stays
    _m("adult_residents", "stays", KS_NAT, "Voksne beboere", "Voksne beboere",
       "Adult residents"),
    _m("adult_stays", "stays", KS_NAT, "Opphold, voksne", "Opphold, voksne", "Stays, adults"),
    _m("children_residents", "stays", KS_NAT, "Barn som bodde på krisesenter",
       "Barn som bodde på krisesenter", "Children who stayed at a crisis centre"),
    _m("men_residents", "stays", KS_NAT, ("Menn som bodde på krisesenter", "Voksne beboere, menn"),
       "Menn som bodde på krisesenter", "Men who stayed at a crisis centre"),
    _m("average_stay", "stays", KS_NAT, "Gjennomsnittlig lengde på krisesenteropphold",
       "Gjennomsnittlig lengde på et opphold", "Average length of a stay"),
    _m("overnight_adults", "stays", "11678", "Overnattingsdøgn, voksne",
       "Overnattingsdøgn, voksne", "Overnight stays, adults", ALL_CENTRES),
    _m("overnight_children", "stays", "11678", "Overnattingsdøgn, barn",
       "Overnattingsdøgn, barn", "Overnight stays, children", ALL_CENTRES),
    # Day users
    _m("day_users", "day_users", KS_NAT, "Dagbrukere", "Dagbrukere", "Day users"),
    _m("day_visits", "day_users", KS_NAT, "Dagsbesøk", "Dagsbesøk", "Day visits"),
    _m("phone_talks", "day_users", KS_NAT, "Enesamtaler på telefon", "Enesamtaler på telefon",
       "One-to-one phone conversations"),
    # Number of centres
    _m("centres_ssb", "centres", "11678", "Antall krisesentre", "Antall krisesentre (SSB)",
       "Number of crisis centres (SSB)", ALL_CENTRES),
    _m("centres_bufdir", "centres", KS_NAT,
       ("Antall krisesentre (Bufdir-telling)", "Antall krisesentre", "Antall krisesentertilbud",
        "Antall krisesentre med tilbud til kvinner og menn"),
       "Antall krisesentre (Bufdir)", "Number of crisis centres (Bufdir)"),
    # Cooperation
    _m("coop_barnevern", "cooperation", "12991",
       "Andel barneverntjenester med etablert samarbeid med krisesentertilbudet",
       "Barneverntjenester som samarbeider med krisesentertilbudet",
       "Child welfare services cooperating with the crisis-centre service", "Alle kommuner"),
    _m("coop_nav", "cooperation", "12991",
       "Andel NAV-kontor med etablert samarbeid med krisesentertilbudet",
       "NAV-kontor som samarbeider med krisesentertilbudet",
       "NAV offices cooperating with the crisis-centre service", "Alle kommuner"),
    _m("coop_housing", "cooperation", "12991",
       "Andel kommuner med samarbeid mellom krisesentertilbudet og kommunalt boligkontor",
       "Kommuner der boligkontoret samarbeider med krisesentertilbudet",
       "Municipalities whose housing office cooperates with the crisis-centre service",
       "Alle kommuner"),
    _m("coop_municipal_barnevern", "cooperation", "12991",
       "Andel kommuner med samarbeid mellom krisesentertilbudet og barneverntjenesten",
       "Kommuner der barnevernet samarbeider med krisesentertilbudet",
       "Municipalities whose child welfare service cooperates with the crisis-centre service",
       "Alle kommuner"),
    _m("coop_municipal_nav", "cooperation", "12991",
       "Andel kommuner med samarbeid mellom krisesentertilbudet og NAV",
       "Kommuner der NAV samarbeider med krisesentertilbudet",
       "Municipalities where NAV cooperates with the crisis-centre service", "Alle kommuner"),
    _m("coop_formal", "cooperation", "12991",
       "Andel kommuner med formalisert samarbeid mellom krisesentertilbudet og helse-, omsorgs- "
       "og velferdstjenester", "Kommuner med formalisert samarbeid med helse, omsorg og velferd",
       "Municipalities with formal cooperation with health, care and welfare services",
       "Alle kommuner"),
    _m("centres_women", "cooperation", KS_COOP, "Antall sentre (nevner)",
       "Krisesentre med tilbud til kvinner", "Crisis centres with services for women", WOMEN),
    _m("centres_men", "cooperation", KS_COOP, "Antall sentre (nevner)",
       "Krisesentre med tilbud til menn", "Crisis centres with services for men", MEN),
    _m("forums_women", "cooperation", KS_COOP,
       "Antall sentre som deltok i etablerte samarbeidsfora i kommunen",
       "Kvinnesentre som deltok i kommunens samarbeidsfora",
       "Women's centres taking part in municipal cooperation forums", WOMEN, "centres_women"),
    _m("forums_men", "cooperation", KS_COOP,
       "Antall sentre som deltok i etablerte samarbeidsfora i kommunen",
       "Mannssentre som deltok i kommunens samarbeidsfora",
       "Men's centres taking part in municipal cooperation forums", MEN, "centres_men"),
)  # fmt: skip
BY_KEY: Final = {m.key: m for m in MEASURES}
TOPICS: Final = ("spending", "centre_cost", "stays", "day_users", "centres", "cooperation")

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


def _pattern(*words: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(normalize(w)) for w in words)
    return re.compile(r"\b(?:" + alternatives + r")")


TOPIC_WORDS: Final = {
    "cooperation": _pattern("samarbeid", "samarbeider", "barnevern", "nav", "samarbeidsfora",
                            "forum", "politi", "cooperat", "child welfare", "police"),
    "day_users": _pattern("dagbruker", "dagsbesok", "dagtilbud", "enesamtale", "day user",
                          "day visit", "phone conversation"),
    "centres": _pattern("antall krisesentre", "hvor mange krisesentre", "how many crisis",
                        "number of crisis", "number of centres", "how many centres"),
    "stays": _pattern("overnatting", "beboer", "opphold", "bodde", "barn som", "resident",
                      "overnight", "stay", "stays"),
    "centre_cost": _pattern("dyrest", "billigst", "most expensive", "cheapest", "per senter",
                            "hvert senter", "hvilket senter", "hvilket krisesenter",
                            "which centre", "per centre", "each centre"),
    "spending": _pattern("kostnad", "kostet", "koster", "kostar", "utgift", "penger", "kroner",
                         "per innbygger", "cost", "spend", "spent", "expenditure",
                         "per inhabitant"),
}  # fmt: skip
HIGH: Final = _pattern("dyrest", "hoyest", "mest", "storst", "highest", "most", "top", "largest")
LOW: Final = _pattern("billigst", "lavest", "minst", "lowest", "cheapest", "least")
YEAR: Final = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


@dataclass(frozen=True)
class Question:
    topic: str | None
    year: int | None = None
    order: str = ""  # "high", "low" or ""
    centre_ids: tuple[str, ...] = ()  # every centre named, in the order named ("compare A and B")
    years: tuple[int, ...] = ()  # every year named ("2021 and 2022")


@dataclass(frozen=True)
class StatsResult:
    """What the answer core renders: the figures, what was missing, and the choices."""

    topic: str | None
    year: int | None
    figures: tuple[tuple[Measure, Figure], ...] = ()
    missing_year: int | None = None
    years: tuple[int, ...] = ()
    centre_ids: tuple[str, ...] = ()


def load_figures(conn: sqlite3.Connection) -> tuple[Figure, ...]:
    rows = conn.execute(
        "SELECT table_id, publisher, region_label, year, measure, value, value_text, unit, "
        "qualifier, status, source_url, centre_id FROM figures ORDER BY rowid"
    ).fetchall()
    return tuple(_figure(r) for r in rows if r[3] is not None)


def _figure(r: tuple[object, ...]) -> Figure:
    text = [str(v) if v is not None else "" for v in r]
    value = None if r[5] is None else float(str(r[5]))
    return Figure(text[0], text[1], text[2], int(text[3]), text[4], value, text[6], text[7],
                  text[8], text[9], text[10], text[11])  # fmt: skip


def parse(text: str, centre_names: dict[str, str]) -> Question:
    """Topic, years, highest/lowest and the centres named in a statistics question."""
    norm = normalize(text)
    centre_ids = _named_centres(norm, centre_names)
    order = "high" if HIGH.search(norm) else "low" if LOW.search(norm) else ""
    topic = next((topic for topic, pattern in TOPIC_WORDS.items() if pattern.search(norm)), None)
    if topic == "spending" and (order or centre_ids):
        topic = "centre_cost"
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(text)))
    return Question(topic, years[0] if years else None, order, centre_ids, years)


def _named_centres(norm: str, centre_names: dict[str, str]) -> tuple[str, ...]:
    """The centres whose name or alias stands in ``norm``, in the order they stand there."""
    found: dict[str, int] = {}
    for name, cid in centre_names.items():
        at = norm.find(name)
        if at >= 0:
            found[cid] = min(at, found.get(cid, at))
    return tuple(sorted(found, key=found.__getitem__))


class Stats:
    """The figures in memory, indexed by measure."""

    def __init__(self, figures: Iterable[Figure]) -> None:
        self.figures = tuple(figures)
        self.by_measure: dict[str, list[Figure]] = defaultdict(list)
        for f in self.figures:
            for m in MEASURES:
                if m.matches(f):
                    self.by_measure[m.key].append(f)

    def years(self, topic: str) -> tuple[int, ...]:
        keys = [m.key for m in MEASURES if m.topic == topic]
        return tuple(sorted({f.year for k in keys for f in self.by_measure[k]}))

    def answer(self, q: Question) -> StatsResult:
        if q.topic is None:
            return StatsResult(None, q.year)
        years = self.years(q.topic)
        missing = next((y for y in q.years or (q.year,) if y is not None and y not in years), None)
        if missing is not None:
            return StatsResult(q.topic, None, missing_year=missing, years=years)
        if q.topic == "centre_cost":
            return self._centre_cost(q, years)
        return self._topic(q, years)

    def _topic(self, q: Question, years: tuple[int, ...]) -> StatsResult:
        picked: list[tuple[Measure, Figure]] = []
        for m in (m for m in MEASURES if m.topic == q.topic):
            wanted = set(q.years or ((q.year,) if q.year else ()))
            series = [f for f in self.by_measure[m.key] if not wanted or f.year in wanted]
            if not wanted and series and m.key != "spending_per_inhabitant":
                series = [max(series, key=lambda f: f.year)]  # the newest of each measure
            picked += [(m, f) for f in series]
        year = q.year if len(q.years) < 2 else None  # two years: a comparison, no single year
        return StatsResult(q.topic, year, tuple(picked), years=years)

    def _centre_cost(self, q: Question, years: tuple[int, ...]) -> StatsResult:
        year = q.year or max(self.years_with_centres() or years)
        rows = self.centre_costs(year)
        if q.centre_ids:
            return self._named_centre_costs(q, years)
        if q.order == "low":
            rows = sorted(rows, key=lambda mf: mf[1].value or 0)
        extremes = [
            (BY_KEY[key], f)
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
        return StatsResult("centre_cost", None, tuple(rows), years=years, centre_ids=q.centre_ids)

    def centre_costs(self, year: int) -> list[tuple[Measure, Figure]]:
        """Named centres' cost per inhabitant in ``year``, highest first (SSB before Bufdir)."""
        seen: dict[str, tuple[Measure, Figure]] = {}
        for key in ("centre_cost", "centre_cost_bufdir"):
            for f in self.by_measure[key]:
                single = f.centre_id or f.table_id == BUFDIR_CENTRE  # SSB rows: named only
                if f.year == year and f.value is not None and single:
                    seen.setdefault(f.centre_id or f.region, (BY_KEY[key], f))
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


def build_stats(conn: sqlite3.Connection) -> Stats:
    return Stats(load_figures(conn))
