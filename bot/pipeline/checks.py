"""Checks that stop a build with a message naming file, row and problem.

Rows are numbered as a person sees them in a spreadsheet: the header is row 1, so the first
data row is row 2.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from bot.pipeline.sources import SourceError

# Norwegian numbers as written in the sources: 8 digits ("22 48 03 80", "414 81 220",
# "800 33 321"), 3-digit emergency numbers (112, 113, 110), the 116xxx harmonised numbers
# ("116 006") and 5-digit short numbers beginning with 0 (the police's "02800").
_PHONE_PATTERNS = (
    re.compile(r"^\d{8}$"),
    re.compile(r"^1\d{2}$"),
    re.compile(r"^116\d{3}$"),
    re.compile(r"^0\d{4}$"),
)
_PHONE_CHARS = re.compile(r"^[\d ]+$")


def is_valid_phone(number: str) -> bool:
    """True for a well-formed Norwegian phone number as written in the sources."""
    if not _PHONE_CHARS.match(number):
        return False
    digits = number.replace(" ", "")
    return any(p.match(digits) for p in _PHONE_PATTERNS)


def spreadsheet_row(index: int) -> int:
    """The row number a person sees for the data row at 0-based ``index``."""
    return index + 2


def require_columns(frame: pd.DataFrame, columns: Iterable[str], path: Path) -> None:
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise SourceError(path, None, f"missing column(s): {', '.join(missing)}")


def check_unique(frame: pd.DataFrame, column: str, path: Path) -> None:
    dupes = frame[frame[column].duplicated(keep="first")]
    if not dupes.empty:
        index = int(dupes.index[0])
        value = dupes.iloc[0][column]
        raise SourceError(path, spreadsheet_row(index), f"duplicate {column} {value!r}")


def check_phones(frame: pd.DataFrame, columns: Iterable[str], path: Path) -> None:
    for column in columns:
        for index, value in frame[column].items():
            if value and not is_valid_phone(str(value)):
                raise SourceError(
                    path,
                    spreadsheet_row(int(str(index))),
                    f"malformed phone number in {column}: {value!r}",
                )


def check_known_municipalities(
    frame: pd.DataFrame, column: str, known: set[str], path: Path
) -> None:
    for index, value in frame[column].items():
        if value and value not in known:
            raise SourceError(
                path, spreadsheet_row(int(str(index))), f"unknown municipality number {value!r}"
            )


def check_not_empty(frame: pd.DataFrame, column: str, path: Path, what: str) -> None:
    for index, value in frame[column].items():
        if not str(value).strip():
            raise SourceError(path, spreadsheet_row(int(str(index))), f"{what}: {column} is empty")
