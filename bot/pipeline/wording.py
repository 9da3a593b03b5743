"""Checks on the bot's own wording of a quoted statement: it may add nothing the quote does not say.

Pure functions, each returning the problem as text (or ``None``), so that the build can stop with
the statement's id and tests can call them directly:

* ``unquoted_numbers``: every number in the wording (a figure, phone number, law section, date)
  must appear in the quote, or be the source's year. Numbers are compared as digit strings with
  spaces inside them removed, so "116 006" matches "116 006" and "02800" matches "02 800".
* ``missing_year``: a statement whose source is older than 2019 says the year.
* ``missing_law``: a statement of kind ``law`` names its law ("straffeloven", "krisesenterlova"),
  in both languages, and the law named must be one the source row names.
"""

from __future__ import annotations

import re
from typing import Final

#: A number as written: digits, possibly grouped by single spaces or dots ("116 006", "1.oktober"
#: is two numbers, "55 55 33 33" is one).
_NUMBER = re.compile(r"\d+(?:[ .\u00a0]\d+)*")
_GROUPED = re.compile(r"\d+(?:[ \u00a0]\d+)*")
_LAW = re.compile(r"\b([a-zæøå-]*?(?:loven|lova|lov))\b", re.IGNORECASE)
OLDEST_UNDATED_YEAR: Final = 2019


def numbers(text: str) -> set[str]:
    """The digit strings of ``text``: each run as written and grouped runs joined.

    "ring 116 006 eller 02 800" -> {"116006", "02800", "116", "006", "02", "800"}.
    """
    found: set[str] = set()
    for match in _GROUPED.finditer(text):
        found.add(re.sub(r"\D", "", match.group()))
        found.update(re.findall(r"\d+", match.group()))
    return found


def _wording_numbers(text: str) -> set[str]:
    """The numbers a reader sees in the wording: grouped runs joined ("800 40 008" -> one)."""
    return {re.sub(r"\D", "", m.group()) for m in _GROUPED.finditer(text)}


def year_of(source_year: str) -> int | None:
    """The first year in a source-year cell ("2023-2024" -> 2023), or None if there is none."""
    match = re.search(r"\d{4}", source_year)
    return int(match.group()) if match else None


def unquoted_numbers(wording: str, quote: str, source_year: str) -> str | None:
    """The numbers in ``wording`` that neither the quote nor the source year contains."""
    allowed = numbers(quote) | numbers(source_year)
    extra = sorted(_wording_numbers(wording) - allowed)
    return f"number(s) not in the quote: {', '.join(extra)}" if extra else None


def missing_year(wording: str, source_year: str) -> str | None:
    """A source older than 2019 must be dated in the wording."""
    year = year_of(source_year)
    if year is None or year >= OLDEST_UNDATED_YEAR or str(year) in wording:
        return None
    return f"the source is from {year}: the wording must say so"


def law_names(text: str) -> set[str]:
    """The law names in ``text``, lowercased and without the definite ending."""
    return {_stem(m.group(1)) for m in _LAW.finditer(text) if len(m.group(1)) > len("lov")}


def _stem(name: str) -> str:
    name = name.lower()
    for ending in ("en", "a"):
        if name.endswith("lov" + ending):
            return name[: -len(ending)]
    return name


def missing_law(nb: str, en: str, source_text: str) -> str | None:
    """A law statement names, in both languages, a law its source row names."""
    known = law_names(source_text)
    named = law_names(nb) & known
    if not named:
        return f"a law statement must name its law (the source names: {sorted(known) or 'none'})"
    if not named & law_names(en):
        return f"the English wording must name the law too ({', '.join(sorted(named))})"
    return None
