"""The figures the bot talks about (``MEASURES``), each picked out of the ``figures`` table by
its table, region and exact label, with its names in bokmål and English; and the topics they
are grouped under.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.catalog.models import Figure

CENTRE_COST_SSB: Final = (
    "Kostnad per innbygger til krisesenteret (kommunale utgifter til senteret / innbyggere i "
    "senterets kommuner), som omtalt i SSB-artikkel"
)
AGENCY_PREFIX: Final = "Antall sentre som deltok i samarbeid med: "
WOMEN: Final = "Krisesentre med tilbud til kvinner (43 sentre)"
MEN: Final = "Krisesentre med tilbud til menn (39 sentre)"
NATIONAL: Final = "Hele landet"
ALL_CENTRES: Final = "I alt (alle krisesentre)"
TOPICS: Final = ("spending", "centre_cost", "stays", "day_users", "centres", "cooperation")


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
