"""GeoNames towns (>= 500 inhabitants): points for host towns and for places people type.

A town gets a municipality only when its name is a postal place that lies in exactly one
municipality; other towns keep their point (for centre locations) but are not matched by name.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bot.names import normalize
from bot.pipeline.checks import check_unique, require_columns, spreadsheet_row
from bot.pipeline.readers import read_csv
from bot.pipeline.sources import SourceError

COLUMNS = ["geonameid", "name", "latitude", "longitude", "population", "alternatenames"]


def read_towns(path: Path) -> pd.DataFrame:
    frame = read_csv(path)
    require_columns(frame, COLUMNS, path)
    check_unique(frame, "geonameid", path)
    for index, row in frame.iterrows():
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except ValueError:
            raise SourceError(path, spreadsheet_row(int(str(index))), "bad coordinates") from None
        if not (57.0 <= lat <= 81.5 and 4.0 <= lon <= 32.0):
            raise SourceError(path, spreadsheet_row(int(str(index))), "point outside Norway")
    out = frame[COLUMNS[:5]].copy()
    out["lat"] = out.pop("latitude").astype(float)
    out["lon"] = out.pop("longitude").astype(float)
    out["population"] = pd.to_numeric(out["population"], errors="coerce").fillna(0).astype(int)
    out["norm"] = out["name"].map(normalize)
    return out


def assign_municipalities(towns: pd.DataFrame, postal_names: pd.DataFrame) -> pd.DataFrame:
    """Add ``municipality_number`` where the town's name is an unambiguous postal place."""
    counts = postal_names.groupby("norm")["municipality_number"].agg(["nunique", "first"])
    unique = counts[counts["nunique"] == 1]["first"]
    out = towns.copy()
    out["municipality_number"] = out["norm"].map(unique).fillna("")
    return out.sort_values(["name", "geonameid"]).reset_index(drop=True)


def town_names(towns: pd.DataFrame) -> pd.DataFrame:
    placed = towns[towns["municipality_number"] != ""]
    out = placed[["norm", "name", "municipality_number"]].copy()
    out["kind"] = "town"
    return out


def largest_town(towns: pd.DataFrame, norms: set[str]) -> pd.Series | None:
    """The most populous town whose normalised name is in ``norms``, if any."""
    hits = towns[towns["norm"].isin(norms)]
    if hits.empty:
        return None
    return hits.sort_values(["population", "geonameid"], ascending=[False, True]).iloc[0]
