"""Statistics: every figure as one tidy table, whatever its origin.

Two origins feed the ``figures`` table:

* ``transcribed``: the figures in ``data/raw/ssb/transcribed/``, as SSB and Bufdir state them
  in their publications, each with its sentence and URL;
* ``ssb_api``: JSON-stat2 responses that ``krisebot fetch-ssb`` saved in ``data/raw/ssb/api/``.

Columns: table_id, publisher, region_code, region_label, year, period, measure, contents_code,
value (a number, or NULL), value_text (for textual answers such as "Nei"), unit, qualifier
("exact", "approx", "less_than", "more_than", "nearly", "derived"), status (a symbol such as
".."), source_url, source_quote, note, origin, source_file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd

from bot.pipeline import jsonstat
from bot.pipeline.checks import require_columns, spreadsheet_row
from bot.pipeline.readers import read_csv
from bot.pipeline.sources import SourceError

TRANSCRIBED_COLUMNS = [
    "table", "region_code", "region_label", "year", "contents_code", "contents_label",
    "value", "unit", "qualifier", "status", "source_url", "source_quote", "note",
]  # fmt: skip
FIGURE_COLUMNS = [
    "table_id", "publisher", "region_code", "region_label", "year", "period", "measure",
    "contents_code", "value", "value_text", "unit", "qualifier", "status", "source_url",
    "source_quote", "note", "origin", "source_file",
]  # fmt: skip


def read_transcribed(path: Path, root: Path) -> pd.DataFrame:
    frame = read_csv(path)
    require_columns(frame, TRANSCRIBED_COLUMNS, path)
    rows = [
        _transcribed_row(row, spreadsheet_row(int(str(i))), path) for i, row in frame.iterrows()
    ]
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS[:-1])
    out["source_file"] = path.relative_to(root).as_posix()
    return out


def _transcribed_row(row: pd.Series, line: int, path: Path) -> dict[str, Any]:
    if not row["source_url"]:
        raise SourceError(path, line, "figure without a source (source_url is empty)")
    if not row["year"].isdigit():
        raise SourceError(path, line, f"bad year {row['year']!r}")
    value, value_text = _parse_value(row, line, path)
    table = row["table"].split(" ")[0]
    return {
        "table_id": table,
        "publisher": "SSB" if table[:1].isdigit() else "Bufdir",
        "region_code": row["region_code"],
        "region_label": row["region_label"],
        "year": int(row["year"]),
        "period": row["year"],
        "measure": row["contents_label"],
        "contents_code": row["contents_code"],
        "value": value,
        "value_text": value_text,
        "unit": row["unit"],
        "qualifier": row["qualifier"],
        "status": row["status"],
        "source_url": row["source_url"],
        "source_quote": row["source_quote"],
        "note": row["note"],
        "origin": "transcribed",
    }


def _parse_value(row: pd.Series, line: int, path: Path) -> tuple[float | None, str]:
    raw = row["value"]
    if row["status"]:
        if raw:
            raise SourceError(path, line, "a cell with a status symbol must have no value")
        return None, ""
    if row["unit"] == "text":
        return None, raw
    try:
        return float(raw), ""
    except ValueError:
        raise SourceError(path, line, f"value {raw!r} is not a number") from None


def read_api_file(path: Path, root: Path) -> pd.DataFrame:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        table = jsonstat.table_id(doc)
        rows = jsonstat.tidy_rows(doc, f"https://www.ssb.no/statbank/table/{table}/")
    except (OSError, ValueError) as exc:
        raise SourceError(path, None, f"cannot read JSON-stat2: {exc}") from exc
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS[:-1])
    out["source_file"] = path.relative_to(root).as_posix()
    return out


def figures(transcribed: list[Path], api: list[Path], root: Path) -> pd.DataFrame:
    frames = [read_transcribed(p, root) for p in transcribed]
    frames += [read_api_file(p, root) for p in api]
    out = pd.concat(frames, ignore_index=True)
    out["year"] = out["year"].astype("Int64")
    return out
