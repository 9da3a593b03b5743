"""The 357 municipalities of the 2024 division: names, county, a point, and every other name
a person may use for them (Sami/Kven parallel names, former names of merged municipalities).

Points come from Kartverket's 2020-2023 list (``punktIOmrade``, a point inside the
municipality), carried to the 2024 numbers through the postal register. Where a 2020-2023
municipality was split (Ålesund -> Ålesund and Haram in 2024), each part instead gets the point
of its most populous GeoNames town among its postal places.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd

from bot.names import base_name, normalize, split_parallel
from bot.pipeline.places import largest_town
from bot.pipeline.readers import read_tsv, records, tsv_row
from bot.pipeline.sources import SourceError

_NUMBER = re.compile(r"^\d{4}$")
_FORMER_ROW = re.compile(r"^\s*\d+\s+(\d{4})\s+(.+?)\s+K\.(\d{4}|Rest)\s*$")


def read_municipalities(path: Path) -> pd.DataFrame:
    frame = read_tsv(path, ["number", "name", "county_number"])
    for index, number in frame["number"].items():
        if not _NUMBER.match(number):
            raise SourceError(path, tsv_row(int(str(index))), f"bad municipality number {number!r}")
    dupes = frame[frame["number"].duplicated()]
    if not dupes.empty:
        raise SourceError(
            path,
            tsv_row(int(dupes.index[0])),
            f"duplicate municipality {dupes.iloc[0]['number']!r}",
        )
    return frame


def read_counties(path: Path) -> pd.DataFrame:
    return read_tsv(path, ["county_number", "county_name"])


def read_kartverket(path: Path) -> pd.DataFrame:
    """One row per 2020-2023 municipality: number, Norwegian name, parallel names, point."""
    try:
        counties = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise SourceError(path, None, f"cannot read JSON: {exc}") from exc
    rows = []
    for county in counties:
        for item in county.get("kommuner", []):
            number = item.get("kommunenummer", "")
            point = (item.get("punktIOmrade") or {}).get("coordinates") or []
            if len(point) != 2:
                raise SourceError(path, number or "?", "municipality without a point")
            names = [n["navn"] for n in item.get("gyldigeNavn", []) if n.get("navn")]
            rows.append(
                {
                    "old_number": number,
                    "old_name": item.get("kommunenavnNorsk") or item.get("kommunenavn", ""),
                    "parallel_names": names,
                    "lon": float(point[0]),
                    "lat": float(point[1]),
                }
            )
    return pd.DataFrame(rows)


def read_former_2016(path: Path) -> pd.DataFrame:
    """The 2016 municipalities and the 2024 number each became part of (``Rest``: split)."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise SourceError(path, None, f"cannot read: {exc}") from exc
    rows = []
    for line_no, line in enumerate(lines[1:], start=2):
        match = _FORMER_ROW.match(line)
        if not match:
            raise SourceError(path, line_no, "not a 'n code name K.code' row")
        rows.append({"code_2016": match[1], "name_2016": match[2], "number": match[3]})
    return pd.DataFrame(rows)


def attach_points(
    municipalities: pd.DataFrame,
    kartverket: pd.DataFrame,
    pairs: pd.DataFrame,
    towns: pd.DataFrame,
    postal_names: pd.DataFrame,
    path: Path,
) -> pd.DataFrame:
    """Add ``lat``, ``lon`` and ``point_basis`` to each 2024 municipality."""
    new_per_old = pairs.groupby("old_number")["new_number"].nunique()
    points = kartverket.set_index("old_number")
    out = []
    for row in records(municipalities):
        olds = pairs[pairs["new_number"] == row["number"]]["old_number"].tolist()
        whole = [o for o in olds if new_per_old.get(o) == 1 and o in points.index]
        if len(whole) == 1:
            point = points.loc[whole[0]]
            out.append((float(point["lat"]), float(point["lon"]), "kartverket"))
            continue
        norms = set(postal_names[postal_names["municipality_number"] == row["number"]]["norm"])
        town = largest_town(towns, norms)
        if town is None:
            raise SourceError(path, row["number"], f"no point for municipality {row['name']!r}")
        out.append((float(town["lat"]), float(town["lon"]), "geonames_town"))
    frame = municipalities.copy()
    frame["lat"] = [p[0] for p in out]
    frame["lon"] = [p[1] for p in out]
    frame["point_basis"] = [p[2] for p in out]
    return frame


def official_names(municipalities: pd.DataFrame) -> pd.DataFrame:
    rows = []
    for row in records(municipalities):
        for name in {row["name"], base_name(row["name"])}:
            rows.append((normalize(name), name, row["number"], "official"))
    return pd.DataFrame(rows, columns=["norm", "name", "municipality_number", "kind"])


def parallel_names(kartverket: pd.DataFrame, pairs: pd.DataFrame) -> pd.DataFrame:
    """Sami, Kven and Norwegian forms from Kartverket, where the municipality was not split."""
    unique = _unique_successor(pairs)
    rows = []
    for row in records(kartverket):
        number = unique.get(row["old_number"])
        if number is None:
            continue
        for name in row["parallel_names"]:
            rows.append((normalize(name), name, number, "parallel"))
    return pd.DataFrame(rows, columns=["norm", "name", "municipality_number", "kind"])


def former_names(
    former_2016: pd.DataFrame,
    kartverket: pd.DataFrame,
    pairs: pd.DataFrame,
    known: set[str],
    path: Path,
) -> pd.DataFrame:
    """Names of 2016 and 2020-2023 municipalities, pointing at their 2024 successor.

    A 2016 municipality that was split between several 2024 municipalities ("Rest") gets no
    row: the matcher must not guess which part a person means.
    """
    rows = []
    for row in records(former_2016):
        if row["number"] == "Rest" or row["code_2016"] == "9999":
            continue
        if row["number"] not in known:
            raise SourceError(path, row["code_2016"], f"unknown 2024 number {row['number']!r}")
        for name in split_parallel(base_name(row["name_2016"])):
            rows.append((normalize(name), name, row["number"], "former"))
    unique = _unique_successor(pairs)
    for row in records(kartverket):
        number = unique.get(row["old_number"])
        if number is not None:
            rows.append((normalize(row["old_name"]), row["old_name"], number, "former"))
    return pd.DataFrame(rows, columns=["norm", "name", "municipality_number", "kind"])


def _unique_successor(pairs: pd.DataFrame) -> dict[str, str]:
    grouped = pairs.groupby("old_number")["new_number"].agg(list)
    return {str(old): str(news[0]) for old, news in grouped.items() if len(news) == 1}
