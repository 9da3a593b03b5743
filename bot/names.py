"""Name normalisation shared by the build and the matcher.

``normalize`` folds case, Norwegian and Sami letters and punctuation so that "Bærum", "baerum"
and "BÆRUM" meet, as do "Ålesund" and "aalesund", "Kárášjohka" and "karasjohka". It has no
dependencies so that both ``bot.pipeline`` and ``bot.understand`` may use it.
"""

from __future__ import annotations

import re
import unicodedata

_LETTERS = str.maketrans(
    {
        "æ": "ae",
        "ø": "o",
        "ö": "o",
        "å": "a",
        "ä": "a",
        "đ": "d",
        "ŋ": "n",
        "ŧ": "t",
        "ß": "ss",
    }
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_COUNTY_SUFFIX = re.compile(r"\s*\(([^)]*)\)\s*$")


def normalize(text: str) -> str:
    """Fold ``text`` to lowercase ASCII words separated by single spaces."""
    folded = text.casefold().translate(_LETTERS)
    decomposed = unicodedata.normalize("NFKD", folded)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = _NON_WORD.sub(" ", stripped).strip()
    return words.replace("aa", "a")


def base_name(name: str) -> str:
    """Drop a trailing county qualifier: "Herøy (Nordland)" -> "Herøy"."""
    return _COUNTY_SUFFIX.sub("", name).strip()


def split_parallel(name: str) -> list[str]:
    """Split "Guovdageaidnu - Kautokeino" style names into their parts."""
    return [part.strip() for part in name.split(" - ") if part.strip()]


def display_place(register_name: str) -> str:
    """Turn Posten's upper-case place name into the usual spelling: "BØ I TELEMARK" -> "Bø i
    Telemark"."""
    small = {"i", "på", "og", "ved"}
    words = register_name.lower().split(" ")
    out = [w if (i > 0 and w in small) else _capitalise(w) for i, w in enumerate(words)]
    return " ".join(out)


def _capitalise(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))
