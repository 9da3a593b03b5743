"""Source and year lines, shared by every kind of reply: linked sources by domain, the year in
brackets, and a warning when a source is old or undated."""

from __future__ import annotations

from typing import Final

from bot.text import t
from bot.text.format import esc, link

#: A source older than this is called old (agreements and phone numbers change).
OLD_SOURCE_BEFORE: Final = 2019


def sources(urls: str, year: str, limit: int = 2) -> str:
    """Linked sources (by domain) and their year: "bufdir.no, nrk.no (2021)"."""
    return ", ".join(link(u) for u in dict.fromkeys(urls.split()[:limit])) + year_suffix(year)


def year_suffix(year: str) -> str:
    """ " (2021)" after a source, or nothing when the year is not known."""
    return f" ({esc(year)})" if year else ""


def age_lines(year: str, lang: str) -> list[str]:
    """A line saying the source is undated, or old, or nothing when it is recent."""
    years = [int(y) for y in year.replace(";", " ").split() if y.isdigit()]
    if not years:
        return [t(lang, "source_undated")]
    newest = max(years)
    return [t(lang, "source_old", year=newest)] if newest < OLD_SOURCE_BEFORE else []


def is_old(year: str) -> bool:
    """A single year given and older than ``OLD_SOURCE_BEFORE``."""
    return year.isdigit() and int(year) < OLD_SOURCE_BEFORE
