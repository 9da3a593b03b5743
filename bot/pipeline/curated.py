"""What the team writes and reviews like code (``data/curated/``): danger phrases, the
statistics measures and the help lines' words in English. Read, checked, and written to the
database beside the raw sources.

A measure picks figures out of the ``figures`` table by table, region and exact label; a label
that matches no figure stops the build, so a typo can never make a measure silently empty.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bot import schema
from bot.names import normalize
from bot.pipeline.checks import check_not_empty, check_unique, require_columns, spreadsheet_row
from bot.pipeline.readers import read_csv, records
from bot.pipeline.sources import SourceError

DANGER_COLUMNS = ["phrase", "lang"]
HELPLINE_EN_COLUMNS = ["id", "what_for", "hours"]
MEASURE_COLUMNS = ["key", "topic", "table_id", "region", "labels", "nb", "en", "denominator"]
LANGS = {"nb", "nn", "en"}


def read_danger_phrases(path: Path) -> pd.DataFrame:
    """One phrase a row, with its language; each must still be words after normalising."""
    frame = read_csv(path)
    require_columns(frame, DANGER_COLUMNS, path)
    if frame.empty:
        raise SourceError(path, None, "no danger phrases")
    check_not_empty(frame, "phrase", path, "empty danger phrase")
    for index, row in enumerate(records(frame)):
        if row["lang"] not in LANGS:
            raise SourceError(path, spreadsheet_row(index), f"unknown language {row['lang']!r}")
        if not normalize(row["phrase"]):
            raise SourceError(path, spreadsheet_row(index), "phrase has no words")
    frame["norm"] = frame["phrase"].map(normalize)
    check_unique(frame, "norm", path)
    frame["position"] = range(len(frame))
    return frame[[*DANGER_COLUMNS, "position"]]


def read_measures(path: Path, figures: pd.DataFrame) -> pd.DataFrame:
    """The measures, checked against the figures the build read."""
    frame = read_csv(path)
    require_columns(frame, MEASURE_COLUMNS, path)
    check_unique(frame, "key", path)
    for column in ("topic", "table_id", "region", "labels", "nb", "en"):
        check_not_empty(frame, column, path, "measure without a value")
    keys = set(frame["key"])
    for index, row in enumerate(records(frame)):
        _check_measure(row, keys, figures, path, spreadsheet_row(index))
    frame["position"] = range(len(frame))
    return frame[[*MEASURE_COLUMNS, "position"]]


def _check_measure(
    row: dict[str, str], keys: set[str], figures: pd.DataFrame, path: Path, at: int
) -> None:
    if row["topic"] not in schema.STATS_TOPICS:
        raise SourceError(path, at, f"unknown topic {row['topic']!r}")
    if row["denominator"] and row["denominator"] not in keys:
        raise SourceError(path, at, f"unknown denominator {row['denominator']!r}")
    table = figures[figures["table_id"] == row["table_id"]]
    if row["region"] != schema.ANY_REGION:
        table = table[table["region_label"] == row["region"]]
    for label in row["labels"].split(schema.LABEL_SEPARATOR):
        if not (table["measure"] == label.strip()).any():
            raise SourceError(
                path, at, f"label {label.strip()!r} matches no figure of table "
                f"{row['table_id']!r}, region {row['region']!r}",
            )  # fmt: skip


def with_english(helplines: pd.DataFrame, path: Path) -> pd.DataFrame:
    """The help lines with their words in English (``what_for_en``, ``hours_en``): one row per
    help line, hours exactly where the source gives hours."""
    english = read_csv(path)
    require_columns(english, HELPLINE_EN_COLUMNS, path)
    check_unique(english, "id", path)
    check_not_empty(english, "what_for", path, "help line without English words")
    by_id = {row["id"]: row for row in records(english)}
    for index, line in enumerate(records(helplines)):
        row = by_id.get(line["id"])
        if row is None:
            raise SourceError(path, None, f"help line {line['id']!r} has no English words")
        if bool(row["hours"]) != bool(line["hours"]):
            raise SourceError(path, spreadsheet_row(index), f"hours of {line['id']!r}: "
                              "give them exactly where the source gives them")  # fmt: skip
    unknown = sorted(set(by_id) - set(helplines["id"]))
    if unknown:
        raise SourceError(path, None, f"unknown help line {unknown[0]!r}")
    out = helplines.copy()
    out["what_for_en"] = out["id"].map(lambda i: by_id[i]["what_for"])
    out["hours_en"] = out["id"].map(lambda i: by_id[i]["hours"])
    return out
