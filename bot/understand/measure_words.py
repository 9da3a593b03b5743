"""Which statistics measure a question names ("barnehus", "average stay", "i alt").

Every measure in ``data/curated/measures.csv`` has a rule here (a test keeps the two in step):
the word groups that must all stand in the question, and groups that must not ("!change").
When two named measures are one inside the other (``spending_total`` and
``spending_total_change``), the more specific wins; a level brings its change along (``KIN``).
Text is normalised with ``bot.names.normalize`` (lowercase ASCII), so "økning" is written
"okning"; a word matches at the start of a word ("barnevern" also matches
"barneverntjenesten"), and a word written with a trailing space only as a whole word ("nav "
is not "navn").
"""

from __future__ import annotations

import re
from typing import Final

from bot.names import normalize


def _words(*words: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(normalize(w)) for w in words)
    return re.compile(r"\b(?:" + alternatives + r")")


GROUPS: Final = {
    "change": _words("endring", "endret", "okning", "okte", "okt ", "auke", "auka", "nedgang",
                     "vekst", "fra aret for", "fra i fjor", "change", "increase", "decrease",
                     "grew", "growth", "went up", "went down", "compared to the year before"),
    "total": _words("i alt", "totalt", "total", "samlet", "til sammen", "tilsammen",
                    "til saman", "samla", "in all", "altogether", "all together", "overall"),
    "per_inhabitant": _words("per innbygger", "pr innbygger", "per innbyggar", "per inhabitant",
                             "per capita", "per person", "per head", "per resident"),
    "over200": _words("over 200", "mer enn 200", "meir enn 200", "more than 200", "above 200",
                      "200 kr", "200 kroner", "200 nok"),
    "muni_pick": _words("hvilken kommune", "hvilke kommune", "kva kommune", "kva for kommune",
                        "which municipality", "what municipality", "kommunen som", "kommunen med",
                        "the municipality that", "the municipality with"),
    "high": _words("hoyest", "hogst", "mest", "storst", "dyrest", "highest", "most", "largest"),
    "low": _words("lavest", "lagast", "minst", "billigst", "lowest", "least", "smallest"),
    "adult": _words("voksne", "voksen", "vaksne", "vaksen", "adult", "grown up", "grownup"),
    "child": _words("barn ", "barna", "born ", "borna", "unger", "ungar", "kids", "child"),
    "man": _words("menn", "mannlige", "mannlege", "mannssent", "mannesent", "for men", "men s ",
                  "men ", "male"),
    "woman": _words("kvinne", "women", "female"),
    "resident": _words("beboer", "bebuar", "bodde", "budde", "bor ", "resident", "stayed",
                       "lived", "living", "boende"),
    "stay_count": _words("opphold", "stays", "antall opphold"),
    "average_len": _words("gjennomsnitt", "snitt", "lengde", "hvor lenge", "kor lenge",
                          "varighet", "hvor mange dager", "kor mange dagar", "how long",
                          "average", "length", "how many days", "duration"),
    "night": _words("overnatting", "overnattingsdogn", "dogn", "nights", "overnight",
                    "bed nights", "netter", "netter "),
    "day_user": _words("dagbruker", "dagbrukar", "day user", "dagtilbud", "day service"),
    "day_visit": _words("dagsbesok", "dagbesok", "day visit", "besok", "visits"),
    "phone": _words("telefon", "phone", "ringte", "calls", "called", "samtaler"),
    "ssb": _words("ssb", "statistisk sentralbyra", "statistics norway"),
    "bufdir": _words("bufdir", "barne ungdoms og familiedirektoratet"),
    "barnevern": _words("barnevern", "child welfare", "child protection", "cps "),
    "nav": _words("nav "),
    "housing": _words("bolig", "husbank", "housing"),
    "formal": _words("formalis", "formell", "formelt", "helse omsorg", "omsorg", "velferd",
                     "health and care", "health and welfare", "formal"),
    "forum": _words("samarbeidsfora", "samarbeidsforum", "fora", "forum", "forums", "nettverk"),
    "centre_count": _words("hvor mange krisesentre", "hvor mange sentre", "antall sentre",
                           "antall krisesentre", "kor mange krisesenter", "kor mange sentre",
                           "how many centres", "how many crisis centres", "how many shelters",
                           "number of centres"),
    "familievern": _words("familievern", "family counselling", "family counseling",
                          "family welfare"),
    "mental_health": _words("psykisk helse", "psykiatri", "dps ", "mental health", "psychiatr"),
    "police": _words("politi", "police", "lensmann"),
    "substance": _words("rus ", "rusomsorg", "ruste", "substance", "addiction", "alcohol", "drug"),
    "barnehus": _words("barnehus", "statens barnehus", "children s house", "childrens house",
                       "barnahus"),
    "sexual_assault": _words("overgrepsmottak", "sexual assault", "rape centre",
                             "voldtektsmottak"),
    "contact": _words("kontaktperson", "fast kontakt", "faste kontakt", "contact person",
                      "fixed contact", "named contact"),
    "agreement": _words("avtale", "skriftlig", "written agreement", "agreement", "contract"),
}  # fmt: skip

_AGENCIES: Final = ("nav", "barnevern", "familievern", "mental_health", "police", "substance",
                    "housing", "barnehus", "sexual_assault")  # fmt: skip

#: Measure key -> the groups that must stand in the question ("!group": must not).
RULES: Final[dict[str, tuple[str, ...]]] = {
    "spending_per_inhabitant": ("per_inhabitant", "!change", "!over200", "!muni_pick"),
    "spending_change": ("change", "!total"),
    "spending_total": ("total", "!change"),
    "spending_total_change": ("total", "change"),
    "spending_over_200": ("over200",),
    "spending_highest_municipality": ("muni_pick", "high"),
    "spending_lowest_municipality": ("muni_pick", "low"),
    "centre_cost": ("per_inhabitant", "!high", "!low"),
    "centre_cost_bufdir": ("bufdir", "per_inhabitant"),
    "centre_cost_highest": ("high",),
    "centre_cost_lowest": ("low",),
    "adult_residents": ("adult", "!night", "!stay_count", "!average_len"),
    "adult_stays": ("stay_count", "!average_len", "!night"),
    "children_residents": ("child", "!night", "!average_len"),
    "men_residents": ("man", "!night", "!average_len"),
    "average_stay": ("average_len",),
    "overnight_adults": ("night", "!child"),
    "overnight_children": ("night", "!adult"),
    "day_users": ("day_user",),
    "day_visits": ("day_visit",),
    "phone_talks": ("phone",),
    "centres_ssb": ("ssb",),
    "centres_bufdir": ("bufdir",),
    "coop_barnevern": ("barnevern", "!agreement"),
    "coop_nav": ("nav", "!contact"),
    "coop_housing": ("housing",),
    "coop_municipal_barnevern": ("barnevern", "!agreement"),
    "coop_municipal_nav": ("nav", "!contact"),
    "coop_formal": ("formal",),
    "centres_women": ("centre_count", "woman"),
    "centres_men": ("centre_count", "man"),
    "forums_women": ("forum", "!man", "!change"),
    "forums_men": ("forum", "!woman", "!change"),
    "forums_women_change": ("forum", "change", "!man"),
    "contact_nav": ("nav", "contact"),
    "contact_police": ("police", "contact"),
    "agreement_barnevern": ("barnevern", "agreement"),
    **{f"agency_{a}_women": (a, "!man", "!contact", "!agreement") for a in _AGENCIES},
    **{f"agency_{a}_men": (a, "!woman", "!contact", "!agreement") for a in _AGENCIES},
}

#: A level comes with its change from the year before ("79 kr, 3 kr more than the year before").
KIN: Final = {
    "spending_per_inhabitant": "spending_change",
    "spending_total": "spending_total_change",
}


def named(text: str) -> tuple[str, ...]:
    """The measures ``text`` names, in ``RULES`` order; the more specific of two that are one
    inside the other (by their required groups) wins."""
    norm = f" {normalize(text)} "
    found = {group for group, pattern in GROUPS.items() if pattern.search(norm)}
    hits = [key for key, need in RULES.items() if _holds(need, found)]
    kept = [k for k in hits if not any(_inside(k, other) for other in hits)]
    kin = [KIN[k] for k in kept if k in KIN]
    return tuple(k for k in RULES if k in kept or k in kin)


def _holds(need: tuple[str, ...], found: set[str]) -> bool:
    return all((g[1:] not in found) if g.startswith("!") else (g in found) for g in need)


def _inside(key: str, other: str) -> bool:
    """``key`` asks for less than ``other`` (its required groups are a strict subset)."""
    mine = {g for g in RULES[key] if not g.startswith("!")}
    theirs = {g for g in RULES[other] if not g.startswith("!")}
    return mine < theirs
