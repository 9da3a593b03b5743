"""What kind of message is this? Danger now, a help topic, a statistics question.

Pure functions over normalised text (see ``bot.names.normalize``). Danger is checked first and
errs on the side of showing 112: a false alarm costs a line, a missed one costs more.
"""

from __future__ import annotations

import re
from typing import Final

from bot.names import normalize


def _patterns(*phrases: str) -> re.Pattern[str]:
    words = sorted({normalize(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


DANGER: Final = _patterns(
    # bokmål / nynorsk
    "slår meg", "slo meg", "slår oss", "slår barna", "sparker meg", "kveler meg", "kvele meg",
    "dreper meg", "drepe meg", "drepe oss", "truer meg", "truer med å", "truer oss",
    "i fare", "er i fare", "i livsfare", "livsfare", "redd for livet",
    "han kommer", "hun kommer", "de kommer",
    "han er her", "hun er her", "han står utenfor", "er ikke trygg", "ikke trygt her",
    "hjelp meg nå", "akutt", "haster", "blør", "låst inne", "stengt inne", "kniv", "våpen",
    "voldtar meg", "voldtatt nå", "nødsituasjon", "ring politiet",
    # English
    "in danger", "hitting me", "hits me", "beating me", "beats me", "kicking me", "choking me",
    "strangling", "kill me", "kill us", "he is coming", "she is coming", "they are coming",
    "he's coming", "she's coming", "hes coming", "shes coming", "threatening me",
    "not safe", "unsafe", "emergency", "help me now", "bleeding", "locked in", "knife",
    "gun", "raping me", "hurting me",
)  # fmt: skip

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


def is_danger(text: str) -> bool:
    return bool(DANGER.search(normalize(text)))


def help_topic(text: str) -> str | None:
    norm = normalize(text)
    for topic, pattern in HELP_TOPICS.items():
        if pattern.search(norm):
            return topic
    return None


def is_stats(text: str) -> bool:
    return bool(STATS.search(normalize(text)))
