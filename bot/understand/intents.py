"""What kind of message is this? A help topic, a statistics question (danger: ``danger.py``).

Pure functions over normalised text (see ``bot.names.normalize``). Keyword order is priority:
the first help topic whose words stand in the text wins.
"""

from __future__ import annotations

import re
from typing import Final

from bot.names import normalize
from bot.understand.danger import whole_words


def _patterns(*phrases: str) -> re.Pattern[str]:
    return whole_words(phrases)


HELP_TOPICS: Final[dict[str, re.Pattern[str]]] = {
    "sexual_assault": _patterns(
        "voldtekt",
        "voldtatt",
        "overgrep",
        "overgrepet",
        "overgrepene",
        "seksuell",
        "overgrepsmottak",
        "rape",
        "raped",
        "sexual",
        "assault",
        "incest",
    ),
    "children": _patterns(
        "barn",
        "barna",
        "barnet",
        "barnas",
        "ungdom",
        "ungdommer",
        "unge",
        "barnehus",
        "child",
        "children",
        "kids",
        "teen",
        "young",
        "alarmtelefonen",
    ),
    "violence_users": _patterns(
        "jeg slår",
        "jeg slo",
        "jeg er voldelig",
        "mitt sinne",
        "sinnet mitt",
        "aggresjon",
        "alternativ til vold",
        "use violence",
        "i hit",
        "my anger",
        "i am violent",
        "i'm violent",
    ),
    "friends_family": _patterns(
        "venn",
        "venner",
        "vennen",
        "venninne",
        "venninnen",
        "venninna",
        "pårørende",
        "bekymret for",
        "nabo",
        "naboen",
        "datteren min",
        "sønnen min",
        "søster",
        "bror",
        "friend",
        "family",
        "worried about",
        "neighbour",
        "neighbor",
        "daughter",
        "son",
    ),
    "men": _patterns(
        "menn",
        "for menn",
        "jeg er mann",
        "som mann",
        "for men",
        "i am a man",
        "i'm a man",
        "male",
        "reform",
        "mannstelefonen",
    ),
    "police_legal": _patterns(
        "politi",
        "anmelde",
        "anmeldelse",
        "advokat",
        "rettshjelp",
        "besøksforbud",
        "voldsalarm",
        "police",
        "report",
        "lawyer",
        "legal",
        "restraining",
    ),
    "phone_safety": _patterns(
        "slette",
        "slett",
        "mobilen",
        "telefonen min",
        "leser meldingene",
        "sjekker telefonen",
        "delete",
        "phone safety",
        "reads my",
        "checks my phone",
        "spyware",
    ),
    "krisesenter": _patterns(
        "hva er et krisesenter",
        "hva er krisesenter",
        "hva skjer",
        "gratis",
        "henvisning",
        "koster",
        "what is a crisis",
        "what happens",
        "free",
        "referral",
        "cost me",
    ),
    "emergency_numbers": _patterns(
        "nødnummer",
        "nodnummer",
        "telefonnummer",
        "hvilke nummer",
        "emergency number",
        "phone number",
        "numbers",
    ),
    "overview": _patterns("hjelp", "help", "hjelpetelefon", "hvor kan jeg", "where can i"),
}

STATS: Final = _patterns(
    "statistikk", "kostnad", "kostet", "kostar", "utgift", "utgifter", "per innbygger",
    "kroner", "overnatting", "overnattinger", "overnattingsdøgn", "beboere", "dagbrukere",
    "samarbeid", "hvor mange", "statistics", "stats", "cost", "spending", "spent",
    "expenditure", "overnight", "residents", "day users", "cooperation", "how many", "trend",
    "figures", "tall", "dyrest", "billigst", "most expensive", "cheapest", "samarbeidsfora",
    "dagsbesøk", "hvor mange krisesentre", "antall krisesentre", "sammenlign",
    "compare",
)  # fmt: skip


def help_topic(text: str) -> str | None:
    norm = normalize(text)
    for topic, pattern in HELP_TOPICS.items():
        if pattern.search(norm):
            return topic
    return None


def is_stats(text: str) -> bool:
    return bool(STATS.search(normalize(text)))
