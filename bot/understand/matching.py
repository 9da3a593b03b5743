"""Free text, postal codes and coordinates -> municipality candidates with scores.

Most certain first: a 4-digit postal code or municipality number; an exact name (official,
Sami/Kven, former, postal place, town; case- and diacritic-insensitive); a name inside a
sentence; then fuzzy matching for typos. The matcher never guesses between two: when names are
shared, or the best fuzzy matches are close, it returns every candidate and the caller asks.
Which words in a sentence can name a place is ``bot.understand.place_words``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from rapidfuzz import fuzz, process
from rapidfuzz.distance import DamerauLevenshtein

from bot.catalog.models import NameHit
from bot.catalog.places import Catalog
from bot.names import normalize
from bot.understand.place_words import GUARDED, LOCATIVES, STOPWORDS

#: Only the first characters of a message are read: a place name is never further in.
MAX_CHARS = 400
MAX_CANDIDATES = 6
MAX_NGRAM = 4
FUZZY_MIN_LEN = 4
FUZZY_MIN_SCORE = 80.0
FUZZY_MIN_SCORE_PLACES = 88.0
FUZZY_MARGIN = 3.0

#: Tiers of name kinds: current names, former names, places inside a municipality.
TIER = {"official": 0, "parallel": 0, "former": 1, "postal_place": 2, "town": 2}


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]")
_WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")


@dataclass(frozen=True)
class Candidate:
    number: str
    name: str
    via: str
    term: str
    score: float


@dataclass(frozen=True)
class Match:
    status: Literal["found", "ambiguous", "none"]
    candidates: tuple[Candidate, ...] = ()

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.status == "found" else None


NO_MATCH = Match("none")


def clean(text: str) -> str:
    """NFC, no control or invisible formatting characters, at most ``MAX_CHARS``."""
    text = unicodedata.normalize("NFC", text[: MAX_CHARS * 2])
    return _CONTROL.sub(" ", text)[:MAX_CHARS].strip()


@dataclass(frozen=True)
class _Token:
    norm: str
    capitalised: bool


class Matcher:
    """Resolves text against one ``Catalog``; build once, call ``resolve`` many times."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog
        names = catalog.names.items()
        self._primary = [n for n, hits in names if min(TIER[h.kind] for h in hits) <= 1]
        self._secondary = [n for n, hits in names if min(TIER[h.kind] for h in hits) == 2]

    def resolve(self, text: str) -> Match:
        text = clean(text)
        if not text:
            return NO_MATCH
        for attempt in (self._by_number, self._by_whole_name, self._by_sentence, self._by_fuzzy):
            match = attempt(text)
            if match.status != "none":
                return match
        return NO_MATCH

    # -- numbers -----------------------------------------------------------------------
    def _by_number(self, text: str) -> Match:
        found: list[Candidate] = []
        for code in dict.fromkeys(_FOUR_DIGITS.findall(text)):
            postal = self.catalog.postal.get(code)
            if postal and postal.municipality_number in self.catalog.municipalities:
                found.append(self._candidate(postal.municipality_number, "postal_code", code))
            if code in self.catalog.municipalities:
                found.append(self._candidate(code, "municipality_number", code))
        return _decide(found)

    # -- exact names -------------------------------------------------------------------
    def _by_whole_name(self, text: str) -> Match:
        hits = self.catalog.names.get(normalize(text))
        return self._from_hits(hits, 100.0) if hits else NO_MATCH

    def _by_sentence(self, text: str) -> Match:
        tokens = _tokens(text)
        spans = self._spans(tokens)
        if not spans:
            return NO_MATCH
        best_tier = min(min(TIER[h.kind] for h in hits) for _, hits in spans)
        found: list[Candidate] = []
        for _, hits in spans:
            if min(TIER[h.kind] for h in hits) == best_tier:
                found.extend(self._from_hits(hits, 100.0).candidates)
        return _decide(found)

    def _spans(self, tokens: list[_Token]) -> list[tuple[int, tuple[NameHit, ...]]]:
        """Longest name spans, left to right, that do not overlap."""
        spans: list[tuple[int, tuple[NameHit, ...]]] = []
        i = 0
        while i < len(tokens):
            for size in range(min(MAX_NGRAM, len(tokens) - i), 0, -1):
                hits = self._span_hits(tokens, i, size)
                if hits:
                    spans.append((i, hits))
                    i += size
                    break
            else:
                i += 1
        return spans

    def _span_hits(self, tokens: list[_Token], i: int, size: int) -> tuple[NameHit, ...] | None:
        words = tokens[i : i + size]
        if size == 1:
            word = words[0]
            if word.norm in STOPWORDS:
                return None
            after_locative = i > 0 and tokens[i - 1].norm in LOCATIVES
            if word.norm in GUARDED and not (word.capitalised or after_locative):
                return None
        return self.catalog.names.get(" ".join(w.norm for w in words))

    def _from_hits(self, hits: Iterable[NameHit], score: float) -> Match:
        hits = list(hits)
        best_tier = min(TIER[h.kind] for h in hits)
        # Current names win over places, but a former municipality of the same name is
        # still a municipality people mean ("Bø", "Os", "Nes"): ask between them.
        keep = [h for h in hits if TIER[h.kind] <= max(best_tier, 1)] if best_tier == 0 else [
            h for h in hits if TIER[h.kind] == best_tier
        ]  # fmt: skip
        return _decide(
            [self._candidate(h.municipality_number, h.kind, h.name, score) for h in keep]
        )

    # -- fuzzy -------------------------------------------------------------------------
    def _by_fuzzy(self, text: str) -> Match:
        for query in _fuzzy_queries(_tokens(text)):
            match = self._fuzzy(query, self._primary, FUZZY_MIN_SCORE)
            if match.status == "none":
                match = self._fuzzy(query, self._secondary, FUZZY_MIN_SCORE_PLACES)
            if match.status != "none":
                return match
        return NO_MATCH

    def _fuzzy(self, query: str, choices: list[str], minimum: float) -> Match:
        shortlist = process.extract(
            query, choices, scorer=fuzz.ratio, limit=8, score_cutoff=minimum - 10
        )
        scored: dict[str, tuple[float, float, str]] = {}
        for norm, ratio, _ in shortlist:
            edits = DamerauLevenshtein.distance(query, norm)
            score = (float(ratio) + 100.0 * (1 - edits / max(len(query), len(norm)))) / 2
            for hit in self.catalog.names[norm]:
                key = hit.municipality_number
                if key not in scored or score > scored[key][0]:
                    scored[key] = (score, float(ratio), hit.name)
        ranked = sorted(scored.items(), key=lambda kv: (-kv[1][0], kv[0]))
        if not ranked or ranked[0][1][1] < minimum:
            return NO_MATCH
        top = ranked[0][1][0]
        close = [(n, s) for n, s in ranked if top - s[0] <= FUZZY_MARGIN]
        found = [self._candidate(n, "fuzzy", s[2], round(s[0], 1)) for n, s in close]
        return _decide(found)

    def _candidate(self, number: str, via: str, term: str, score: float = 100.0) -> Candidate:
        return Candidate(number, self.catalog.municipalities[number].name, via, term, score)


def _tokens(text: str) -> list[_Token]:
    words = ((_folded(w), w[:1].isupper()) for w in _WORD.findall(text))
    return [_Token(norm, upper) for norm, upper in words if norm]


@lru_cache(maxsize=65536)
def _folded(word: str) -> str:
    """``normalize`` of one word, remembered (words repeat; whole messages are not kept)."""
    return normalize(word)


def _fuzzy_queries(tokens: list[_Token]) -> list[str]:
    """The whole text when short, and the words after "i"/"in" in a sentence."""
    words = [t.norm for t in tokens]
    queries = []
    content = [w for w in words if w not in STOPWORDS]
    if 0 < len(words) <= 3:
        queries.append(" ".join(words))
    if 0 < len(content) <= 3 and content != words:
        queries.append(" ".join(content))
    for i, word in enumerate(words[:-1]):
        if word in LOCATIVES:
            queries.append(words[i + 1])
            if i + 2 < len(words) and words[i + 2] not in STOPWORDS:
                queries.append(f"{words[i + 1]} {words[i + 2]}")
    return [q for q in dict.fromkeys(queries) if len(q.replace(" ", "")) >= FUZZY_MIN_LEN]


def _decide(found: list[Candidate]) -> Match:
    """One municipality -> found; several -> ambiguous (best first); none -> none."""
    unique: dict[str, Candidate] = {}
    for c in found:
        if c.number not in unique:
            unique[c.number] = c
    if not unique:
        return NO_MATCH
    ordered = tuple(unique.values())[:MAX_CANDIDATES]
    return Match("found" if len(unique) == 1 else "ambiguous", ordered)
