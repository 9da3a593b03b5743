"""Posten's postal-code register: postal code -> place -> municipality (2024 numbering).

The 2022 edition carries the 2020-2023 numbers; pairing it with the 2026 edition gives the
renumbering used by ``municipalities``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bot.names import display_place, normalize
from bot.pipeline.readers import read_tsv, tsv_row
from bot.pipeline.sources import SourceError
from bot.schema import NOT_MUNICIPALITIES

COLUMNS = ["code", "place", "municipality_number", "municipality_register_name", "category"]


def read_register(path: Path) -> pd.DataFrame:
    frame = read_tsv(path, COLUMNS)
    for column, what in (("code", "postal code"), ("municipality_number", "municipality number")):
        bad = frame[~frame[column].str.fullmatch(r"\d{4}")]
        if not bad.empty:
            value = bad.iloc[0][column]
            raise SourceError(path, tsv_row(int(bad.index[0])), f"bad {what} {value!r}")
    dupes = frame[frame["code"].duplicated()]
    if not dupes.empty:
        index = int(dupes.index[0])
        raise SourceError(path, tsv_row(index), f"duplicate postal code {dupes.iloc[0]['code']!r}")
    return frame


def postal_codes(register: pd.DataFrame, known: set[str], path: Path) -> pd.DataFrame:
    """The table of postal codes; every code resolves to a municipality or a named exception."""
    unknown = register[~register["municipality_number"].isin(known | set(NOT_MUNICIPALITIES))]
    if not unknown.empty:
        number = unknown.iloc[0]["municipality_number"]
        raise SourceError(
            path, tsv_row(int(unknown.index[0])), f"unknown municipality number {number!r}"
        )
    out = register[["code", "place", "municipality_number", "category"]].copy()
    out["place_display"] = out["place"].map(display_place)
    out["in_municipality"] = out["municipality_number"].isin(known).astype(int)
    return out.sort_values("code").reset_index(drop=True)


def place_names(codes: pd.DataFrame) -> pd.DataFrame:
    """One name row per (postal place, municipality) for the matcher."""
    usable = codes[codes["in_municipality"] == 1]
    rows = usable.groupby(["place", "municipality_number"], as_index=False).size()
    rows["name"] = rows["place"].map(display_place)
    rows["norm"] = rows["place"].map(normalize)
    rows["kind"] = "postal_place"
    return rows[["norm", "name", "municipality_number", "kind"]]


def renumbering(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """Pairs (old_number, new_number) of municipalities sharing a postal code."""
    merged = old[["code", "municipality_number"]].merge(
        new[["code", "municipality_number"]], on="code", suffixes=("_old", "_new")
    )
    pairs = merged[["municipality_number_old", "municipality_number_new"]].drop_duplicates()
    pairs.columns = pd.Index(["old_number", "new_number"])
    return pairs.sort_values(["old_number", "new_number"]).reset_index(drop=True)
