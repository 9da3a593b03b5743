"""Danger now: phrases that mean "I am in danger" (bokmål, nynorsk, English), from data.

Checked before anything else, and it errs on the side of showing 112: a false alarm costs a
line, a missed one costs more. Nothing (no model, no keyword) overrules it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.names import normalize


def whole_words(phrases: Iterable[str]) -> re.Pattern[str]:
    """One pattern matching any of ``phrases`` as whole words of normalised text."""
    words = sorted({normalize(p) for p in phrases}, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b")


class Danger:
    """The curated danger phrases (``data/curated/danger_phrases.csv``): a phrase is found when
    its words stand together, whole, in the normalised text (as ``whole_words`` would match),
    looked up by word n-grams: ~900 phrases cost no more than a few."""

    def __init__(self, phrases: Iterable[str]) -> None:
        self.phrases = frozenset(n for n in (normalize(p) for p in phrases) if n)
        if not self.phrases:
            raise ValueError("no danger phrases: the bot must never run without them")
        self.longest = max(len(p.split()) for p in self.phrases)

    def found(self, text: str) -> bool:
        """Does ``text`` say the person is in danger now?"""
        words = normalize(text).split()
        for size in range(1, min(self.longest, len(words)) + 1):
            for i in range(len(words) - size + 1):
                if " ".join(words[i : i + size]) in self.phrases:
                    return True
        return False
