"""Small readers shared by the source modules: every cell as text, no NaN surprises."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from bot.pipeline.sources import SourceError


def read_csv(path: Path) -> pd.DataFrame:
    """A CSV with a header row, every cell as a (possibly empty) string."""
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SourceError(path, None, f"cannot read CSV: {exc}") from exc
    return _strip(frame)


def read_tsv(path: Path, columns: list[str]) -> pd.DataFrame:
    """A header-less, tab-separated file with exactly ``columns``."""
    try:
        frame = pd.read_csv(
            path,
            sep="\t",
            header=None,
            dtype=str,
            keep_default_na=False,
            encoding="utf-8",
            quoting=3,
        )
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise SourceError(path, None, f"cannot read TSV: {exc}") from exc
    if frame.shape[1] != len(columns):
        raise SourceError(path, None, f"expected {len(columns)} columns, found {frame.shape[1]}")
    frame.columns = columns
    return _strip(frame)


def _strip(frame: pd.DataFrame) -> pd.DataFrame:
    for column in frame.columns:
        frame[column] = frame[column].str.strip()
    return frame


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """The rows as plain dicts (typed loosely: pandas' own row types are too wide to use)."""
    return [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]


def tsv_row(index: int) -> int:
    """The line number of the 0-based data row ``index`` in a header-less file."""
    return index + 1
