"""Slots of a statistics question: its topic words, years, highest/lowest and the centres it
names (by name, alias or a short form such as "Hallingdal").

Pure functions over text normalised with ``bot.names.normalize``. Keyword order is priority:
the first topic whose words stand in the text wins.
"""

from __future__ import annotations

import re
from typing import Final

from bot.catalog.figures import Question
from bot.catalog.places import Catalog
from bot.names import normalize
from bot.schema import CURRENT_YEAR
from bot.understand import measure_words

SHORT: Final = re.compile(r"\b(?:krisesenteret|krisesenter|interkommunale|iks|for|og omegn|i)\b")


def centre_names(catalog: Catalog) -> dict[str, str]:
    """Normalised centre names and aliases -> centre id, plus short forms ("Hallingdal"
    for "Hallingdal krisesenter") that are not a municipality's name (those are answered
    through the municipality's agreement, with a note)."""
    munis = {normalize(m.name) for m in catalog.municipalities.values()}
    names: dict[str, str] = {}
    for centre in catalog.centres.values():
        for name in (centre.name, *centre.aliases):
            norm = normalize(name.replace("(historical)", ""))
            if len(norm) >= 8:
                names.setdefault(norm, centre.id)
            short = SHORT.sub("", norm).strip()
            if len(short) >= 5 and short not in munis and " " not in short:
                names.setdefault(short, centre.id)
    return names


def _pattern(*words: str) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(normalize(w)) for w in words)
    return re.compile(r"\b(?:" + alternatives + r")")


TOPIC_WORDS: Final = {
    "cooperation": _pattern("samarbeid", "samarbeider", "barnevern", "nav", "samarbeidsfora",
                            "forum", "politi", "cooperat", "child welfare", "police",
                            "barnehus", "overgrepsmottak", "familievern", "psykisk helse",
                            "rusomsorg", "boligkontor", "kontaktperson", "children s house"),
    "day_users": _pattern("dagbruker", "dagbrukar", "dagsbesok", "dagtilbud", "dagtilbod",
                          "enesamtale", "einesamtale", "day user", "day visit",
                          "phone conversation"),
    "centres": _pattern("antall krisesentre", "hvor mange krisesentre", "kor mange krisesenter",
                        "talet pa krisesenter", "how many crisis", "number of crisis",
                        "number of centres", "how many centres"),
    "stays": _pattern("overnatting", "beboer", "bebuar", "opphold", "opphald", "bodde", "budde",
                      "barn som", "born som", "ungar som", "resident", "overnight", "stay",
                      "stays", "lived at"),
    "centre_cost": _pattern("dyrest", "billigst", "most expensive", "cheapest", "per senter",
                            "hvert senter", "hvilket senter", "hvilket krisesenter",
                            "which centre", "per centre", "each centre"),
    "spending": _pattern("kostnad", "kostet", "koster", "kostar", "kosta", "utgift", "penger",
                         "pengar", "kroner", "per innbygger", "cost", "spend", "spent",
                         "expenditure", "per inhabitant"),
}  # fmt: skip
HIGH: Final = _pattern("dyrest", "hoyest", "mest", "storst", "highest", "most", "top", "largest")
LOW: Final = _pattern("billigst", "lavest", "minst", "lowest", "cheapest", "least")
YEAR: Final = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")
#: The years a statistics figure can be for (older numbers are postal codes, never years).
FIRST_YEAR: Final = 2000
#: Words around a county's name in "krisesentre i Nordland", "Finnmark fylke".
COUNTY_FILLER: Final = re.compile(
    r"\b(?:alle|all|the|liste|list|over|krisesentre|krisesentrene|krisesenter|krisesenteret|"
    r"krisesentra|crisis|centres|centers|centre|center|shelters|i|in|fylke|fylket|county)\b"
)


def parse(text: str, centre_names: dict[str, str]) -> Question:
    """Topic, years, highest/lowest and the centres named in a statistics question."""
    norm = normalize(text)
    centre_ids = _named_centres(norm, centre_names)
    order = "high" if HIGH.search(norm) else "low" if LOW.search(norm) else ""
    topic = next((topic for topic, pattern in TOPIC_WORDS.items() if pattern.search(norm)), None)
    measures = measure_words.named(text)
    by_municipality = any(m.startswith("spending_") and m.endswith("_municipality")
                          for m in measures)  # fmt: skip
    if topic == "spending" and (order or centre_ids) and not by_municipality:
        topic = "centre_cost"
    years = tuple(dict.fromkeys(int(y) for y in YEAR.findall(text)))
    first = years[0] if years else None
    return Question(topic, first, order, centre_ids, years, measures)


def named_centres(text: str, centre_names: dict[str, str]) -> tuple[str, ...]:
    """The centres a message names (by name, alias or short form), in the order named."""
    return _named_centres(normalize(text), centre_names)


def years(text: str) -> tuple[int, ...]:
    """The four-digit numbers in ``text`` that can be a statistics year (2000 to this year)."""
    found = (int(y) for y in YEAR.findall(text))
    return tuple(dict.fromkeys(y for y in found if FIRST_YEAR <= y <= CURRENT_YEAR))


def without_years(text: str) -> str:
    """``text`` with its years taken out ("Oslo 2022" -> "Oslo")."""
    kept = YEAR.sub(lambda m: "" if int(m[1]) in years(m[1]) else m[1], text)
    return " ".join(kept.split())


def county_named(text: str, counties: dict[str, str]) -> str | None:
    """The county a message names by itself ("Nordland", "krisesentre i Finnmark"), given
    normalised county names -> names; None when it names anything more."""
    rest = " ".join(COUNTY_FILLER.sub(" ", normalize(text)).split())
    return counties.get(rest)


def _named_centres(norm: str, centre_names: dict[str, str]) -> tuple[str, ...]:
    """The centres whose name or alias stands in ``norm``, in the order they stand there."""
    found: dict[str, int] = {}
    for name, cid in centre_names.items():
        at = norm.find(name)
        if at >= 0:
            found[cid] = min(at, found.get(cid, at))
    return tuple(sorted(found, key=found.__getitem__))
