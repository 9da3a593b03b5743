"""Every statistics measure the bot holds can be asked for in words, and a question naming one
measure answers that measure (not the whole topic). Questions in our own words, bokmål, nynorsk
and English; run through the whole answer core over the real database."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.answers import Answerer
from bot.understand import measure_words
from bot.understand.slots import parse

MEASURES = Path(__file__).resolve().parents[1] / "data" / "curated" / "measures.csv"

#: measure key -> questions naming it (each must answer with that measure's figure).
ASKED: dict[str, tuple[str, ...]] = {
    "spending_per_inhabitant": ("hva bruker kommunene per innbygger på krisesentre",
                                "what do municipalities spend per inhabitant on shelters"),
    "spending_change": ("hvor stor var økningen i kommunenes utgifter fra året før",
                        "how much did municipal spending on crisis centres change"),
    "spending_total": ("hvor mye penger brukte kommunene totalt på krisesentre",
                       "total municipal spending on crisis centres"),
    "spending_total_change": ("endring i de totale utgiftene til krisesentrene",
                              "change in total spending on crisis centres"),
    "spending_over_200": ("hvor mange kommuner bruker over 200 kr per innbygger",
                          "how many municipalities spend more than 200 kroner per inhabitant"),
    "spending_highest_municipality": ("hvilken kommune har høyest utgifter per innbygger",
                                      "which municipality spends most per inhabitant"),
    "spending_lowest_municipality": ("kva kommune har lågast utgifter per innbyggar",
                                     "which municipality spends the least per inhabitant"),
    "centre_cost_highest": ("hvilket krisesenter er dyrest per innbygger",
                            "which crisis centre is the most expensive"),
    "centre_cost_lowest": ("hvilket krisesenter er billigst",
                           "which centre has the lowest cost per inhabitant"),
    "adult_residents": ("hvor mange voksne bodde på krisesenter i fjor",
                        "how many adults stayed at crisis centres"),
    "adult_stays": ("hvor mange opphold hadde krisesentrene",
                    "number of stays at crisis centres"),
    "children_residents": ("hvor mange barn bodde på krisesentre",
                           "kor mange born budde på krisesenter",
                           "how many children lived in a crisis centre"),
    "men_residents": ("hvor mange menn bodde på krisesenter",
                      "how many men stayed at a shelter"),
    "average_stay": ("hvor lenge bor man i gjennomsnitt på et krisesenter",
                     "average length of a stay at a crisis centre"),
    "overnight_adults": ("hvor mange overnattingsdøgn hadde voksne på krisesentrene",
                         "overnight stays for adults at crisis centres"),
    "overnight_children": ("antall overnattingsdøgn for barn på krisesenter",
                           "how many nights did children spend at shelters"),
    "day_users": ("hvor mange dagbrukere hadde krisesentrene",
                  "how many day users did the crisis centres have"),
    "day_visits": ("hvor mange dagsbesøk var det på krisesentrene",
                   "number of day visits to crisis centres"),
    "phone_talks": ("hvor mange samtaler på telefon hadde krisesentrene",
                    "how many phone calls did the crisis centres take"),
    "centres_ssb": ("hvor mange krisesentre er det ifølge SSB",
                    "how many crisis centres are there according to SSB"),
    "centres_bufdir": ("antall krisesentre i Bufdir sin statistikk",
                       "how many shelters does Bufdir count"),
    "centres_women": ("hvor mange krisesentre har tilbud til kvinner",
                      "how many centres have services for women"),
    "centres_men": ("hvor mange krisesentre har tilbud til menn",
                    "how many shelters take in men"),
    "coop_barnevern": ("samarbeider barnevernet med krisesentrene",
                       "do child welfare services cooperate with crisis centres"),
    "coop_nav": ("hvor mange NAV-kontor samarbeider med krisesenteret",
                 "how many NAV offices cooperate with the crisis centres"),
    "coop_municipal_barnevern": ("i hvor mange kommuner samarbeider barnevernet med krisesenteret",
                                 "municipalities where child welfare works with the shelter"),
    "coop_municipal_nav": ("kor mange kommunar har samarbeid mellom NAV og krisesenteret",
                           "in how many municipalities does NAV cooperate with the shelter"),
    "coop_housing": ("samarbeid mellom boligkontoret og krisesenteret",
                     "does the housing office cooperate with the crisis centre"),
    "coop_formal": ("formalisert samarbeid med helse og omsorg",
                    "formal cooperation with health and welfare services"),
    "forums_women": ("hvor mange kvinnesentre deltok i samarbeidsfora",
                     "how many women's centres took part in cooperation forums"),
    "forums_men": ("hvor mange sentre for menn var med i samarbeidsforum",
                   "how many centres for men took part in cooperation forums"),
    "forums_women_change": ("endring i antall kvinnesentre i samarbeidsfora",),
    "agency_barnehus_women": ("hvor mange krisesentre for kvinner samarbeidet med barnehuset",
                              "how many women's shelters work with the Children's House"),
    "agency_barnehus_men": ("samarbeid med statens barnehus, sentre for menn",),
    "agency_police_women": ("hvor mange kvinnesentre samarbeider med politiet",),
    "agency_police_men": ("how many centres for men cooperate with the police",),
    "agency_familievern_women": ("samarbeider krisesentrene med familievernet",),
    "agency_mental_health_men": ("samarbeid med psykisk helse, mannssentre",),
    "agency_substance_women": ("samarbeid med rusomsorgen for kvinnesentrene",),
    "agency_housing_men": ("hvor mange mannssentre samarbeidet med boligkontoret",),
    "agency_sexual_assault_women": ("samarbeider krisesentra med overgrepsmottaket",
                                    "do shelters cooperate with sexual assault centres"),
    "agency_nav_men": ("hvor mange sentre for menn samarbeidet med NAV",),
    "agency_barnevern_women": ("hvor mange kvinnesentre samarbeidet med barnevernet",),
    "contact_nav": ("har krisesentrene faste kontaktpersoner i NAV",
                    "do shelters have a fixed contact person at NAV"),
    "contact_police": ("har krisesentrene en fast kontaktperson hos politiet",),
    "agreement_barnevern": ("har krisesentrene skriftlig avtale med barnevernet",
                            "written agreement between shelters and child welfare"),
}  # fmt: skip

#: Measures answered only as part of another (a denominator, or one per centre by name).
ANSWERED_WITHIN = {"centre_cost", "centre_cost_bufdir"}
#: The agencies' other region: every agency is asked in at least one region above.
AGENCY_PAIRS = {k for k in measure_words.RULES if k.startswith("agency_")}


def _keys() -> list[str]:
    with MEASURES.open(encoding="utf-8", newline="") as handle:
        return [row["key"] for row in csv.DictReader(handle)]


def test_every_measure_has_words() -> None:
    assert sorted(measure_words.RULES) == sorted(_keys())


def test_every_measure_is_asked_in_these_tests() -> None:
    asked = set(ASKED) | ANSWERED_WITHIN
    missing = [k for k in _keys() if k not in asked and k not in AGENCY_PAIRS]
    agencies = {k.rsplit("_", 1)[0] for k in AGENCY_PAIRS}
    assert missing == []
    assert agencies == {k.rsplit("_", 1)[0] for k in ASKED if k.startswith("agency_")}


@pytest.mark.parametrize(
    ("key", "question"), [(k, q) for k, qs in ASKED.items() for q in qs]
)  # fmt: skip
def test_a_question_naming_a_measure_answers_it(
    answerer: Answerer, key: str, question: str
) -> None:
    reply = answerer.answer(question, "nb")
    keys = {f["key"] for f in reply.figures}
    assert reply.intent == "stats", reply.text[:200]
    assert key in keys, (keys, reply.text[:300])
    if not key.startswith("centre_cost"):  # the centres' list is one measure per centre
        assert len(keys) <= 4, keys  # that measure (and its kin), not the whole topic


def test_the_issue_question_answers_barnehus(answerer: Answerer) -> None:
    """ "How many barnehus did the women's centres cooperate with": 38 of 43 (Bufdir 2020)."""
    reply = answerer.answer("hvor mange barnehus samarbeidet kvinnesentrene med i 2020", "nb")
    assert [(f["key"], f["value"], f["year"]) for f in reply.figures] == [
        ("agency_barnehus_women", 38, 2020)
    ]
    assert "38 av 43" in reply.text


def test_a_topic_without_a_measure_named_shows_no_detail(answerer: Answerer) -> None:
    reply = answerer.answer("samarbeid med andre tjenester", "nb")
    keys = {f["key"] for f in reply.figures}
    assert "coop_nav" in keys
    assert not any(k.startswith(("agency_", "contact_", "agreement_")) for k in keys)


@pytest.mark.parametrize(
    ("bokmal", "nynorsk"),
    [
        ("hvor mange bodde på krisesenter i 2023", "kor mange budde på krisesenter i 2023"),
        ("hvor mange beboere var det i 2023", "kor mange bebuarar var det i 2023"),
        ("hvor mange dagbrukere var det i 2022", "kor mange dagbrukarar var det i 2022"),
        ("hvor mange krisesentre finnes det", "kor mange krisesenter finst det"),
        ("hvor mye penger brukte kommunene i 2022", "kor mykje pengar brukte kommunane i 2022"),
    ],
)
def test_a_statistics_question_in_nynorsk_finds_the_same_topic(bokmal: str, nynorsk: str) -> None:
    expected = parse(bokmal, {}).topic
    assert expected is not None
    assert parse(nynorsk, {}).topic == expected
