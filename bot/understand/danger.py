"""Danger now: phrases that mean "I am in danger" (bokmål, nynorsk, English).

Checked before anything else, and it errs on the side of showing 112: a false alarm costs a
line, a missed one costs more. Nothing (no model, no keyword) overrules it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from bot.names import normalize


def whole_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases`` as whole words of normalised text."""
    words = sorted({normalize(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


DANGER: Final = whole_words((
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
))  # fmt: skip


def is_danger(text: str) -> bool:
    return bool(DANGER.search(normalize(text)))
