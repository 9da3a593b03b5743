"""Danger now: phrases that mean "I am in danger" (bokmål, nynorsk, English), from data.

Checked before anything else, and it errs on the side of showing 112: a false alarm costs a
line, a missed one costs more. Nothing (no model, no keyword) overrules it. One reading rule:
a word that only says "urgent" ("akutt", "emergency") is not danger right after a negation in
the same clause ("når det ikke er akutt", "not an emergency"): the person says the opposite
("jeg vet ikke, akutt!" is danger). Every other phrase counts wherever it stands ("han har
ikke kniv nå, men …" is danger).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from bot.names import normalize

#: Phrases that only say "urgent", read the other way after a negation (folded).
URGENT: Final = frozenset(normalize(w) for w in (
    "akutt", "nødsituasjon", "naudsituasjon", "livsfare", "emergency", "urgent",
))  # fmt: skip
#: Negations in bokmål, nynorsk and English (folded: "isn't" -> "isn t").
NEGATIONS: Final = frozenset(("ikke", "ikkje", "ingen", "not", "non", "isn", "aren", "wasn"))
#: Punctuation that ends a clause: a negation never reaches across it.
CLAUSE_BREAK: Final = re.compile(r"[.,;:!?()\n]+")
#: Words that may stand between the negation and the urgency word ("ikke er akutt", "ikke så
#: akutt", "not an emergency"); any other word ends the negation ("ingen svarer, akutt!").
BETWEEN: Final = frozenset((
    "er", "e", "sa", "noe", "noko", "en", "ein", "et", "eit", "helt", "veldig", "t", "a", "an",
    "really", "very", "so", "that",
))  # fmt: skip


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
                phrase = " ".join(words[i : i + size])
                if phrase in self.phrases and not (phrase in URGENT and _negated(text, words, i)):
                    return True
        return False


def _negated(text: str, words: list[str], at: int) -> bool:
    """Is the urgency word ``words[at]`` right after a negation in its clause ("ikke er akutt",
    "not an emergency"; "jeg vet ikke, akutt!" is two clauses)?"""
    before = words[_clause_start(text, words, at) : at]
    while before and before[-1] in BETWEEN:
        before = before[:-1]
    return bool(before) and before[-1] in NEGATIONS


def _clause_start(text: str, words: list[str], at: int) -> int:
    """Where the clause of ``words[at]`` begins (punctuation ends a clause). Where the clauses
    do not add up to the words, the word stands alone, and no negation reaches it."""
    starts: list[int] = []
    for part in CLAUSE_BREAK.split(text):
        starts += [len(starts)] * len(normalize(part).split())
    return starts[at] if len(starts) == len(words) else at
