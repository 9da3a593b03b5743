"""Crisis centres, the municipalities each serves, their points, and the national help lines.

A centre's point, for distances only (never shown as an address), is in order of preference:
the GeoNames point of each host town the source names (Krisesenter Vest has two); else the
point of its host municipality; else, where no source states a location, the mean of the
points of the municipalities it serves today (``served_area``). Every point carries its basis.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from bot.names import base_name, normalize
from bot.pipeline.checks import (
    check_known_municipalities,
    check_not_empty,
    check_phones,
    check_unique,
    require_columns,
    spreadsheet_row,
)
from bot.pipeline.readers import read_csv
from bot.pipeline.sources import SourceError
from bot.schema import CURRENT_YEAR

CENTRE_COLUMNS = [
    "id", "name", "aliases", "status", "host_municipality", "host_municipality_number",
    "host_town", "phone", "phone_note", "phone_men", "phone_source_url", "phone_source_year",
    "phone_confidence", "website", "email", "women", "men", "children", "source_urls",
    "source_year", "notes",
]  # fmt: skip
MEMBERSHIP_COLUMNS = [
    "centre_id", "municipality_number", "municipality_name", "basis", "valid_from",
    "valid_to", "source_url", "source_year", "note",
]  # fmt: skip
HELPLINE_COLUMNS = [
    "id", "name", "number", "hours", "audience", "what_for", "website", "source_url",
]  # fmt: skip

STATUSES = {"active", "unverified", "closed"}
BASES = {"stated", "derived", "weak"}
OFFER_VALUES = {"yes", "no", "unknown"}


def read_centres(path: Path, known: set[str]) -> pd.DataFrame:
    frame = read_csv(path)
    require_columns(frame, CENTRE_COLUMNS, path)
    check_not_empty(frame, "id", path, "centre without id")
    check_unique(frame, "id", path)
    _check_values(frame, "status", STATUSES, path)
    for column in ("women", "men", "children"):
        _check_values(frame, column, OFFER_VALUES, path)
    check_known_municipalities(frame, "host_municipality_number", known, path)
    check_phones(frame, ["phone", "phone_men"], path)
    for index, row in frame.iterrows():
        if (row["phone"] or row["phone_men"]) and not row["phone_source_url"]:
            raise SourceError(
                path, spreadsheet_row(int(str(index))), "phone number without a source"
            )
    return frame[CENTRE_COLUMNS].sort_values("id").reset_index(drop=True)


def read_memberships(path: Path, centre_ids: set[str], known: set[str]) -> pd.DataFrame:
    frame = read_csv(path)
    require_columns(frame, MEMBERSHIP_COLUMNS, path)
    check_known_municipalities(frame, "municipality_number", known, path)
    _check_values(frame, "basis", BASES, path)
    check_not_empty(frame, "source_url", path, "membership without a source")
    for index, centre_id in frame["centre_id"].items():
        if centre_id not in centre_ids:
            raise SourceError(
                path, spreadsheet_row(int(str(index))), f"unknown centre id {centre_id!r}"
            )
    for column in ("valid_from", "valid_to"):
        frame[column] = pd.to_numeric(frame[column], errors="raise").astype("Int64")
    return frame.sort_values(["municipality_number", "centre_id"]).reset_index(drop=True)


def valid_today(memberships: pd.DataFrame, centres: pd.DataFrame) -> pd.DataFrame:
    """Rows valid in ``CURRENT_YEAR`` for a centre that is not closed."""
    closed = set(centres[centres["status"] == "closed"]["id"])
    frm, to = memberships["valid_from"], memberships["valid_to"]
    ok = (frm.isna() | (frm <= CURRENT_YEAR)) & (to.isna() | (to >= CURRENT_YEAR))
    return memberships[ok & ~memberships["centre_id"].isin(closed)]


def check_one_centre_each(memberships: pd.DataFrame, centres: pd.DataFrame, path: Path) -> None:
    """No municipality may have two centres valid today: the bot would have to guess."""
    today = valid_today(memberships, centres)
    dupes = today[today["municipality_number"].duplicated(keep=False)]
    if not dupes.empty:
        number = dupes.iloc[0]["municipality_number"]
        ids = ", ".join(sorted(dupes[dupes["municipality_number"] == number]["centre_id"]))
        raise SourceError(path, None, f"municipality {number} has two centres valid today: {ids}")


def read_helplines(path: Path) -> pd.DataFrame:
    frame = read_csv(path)
    require_columns(frame, HELPLINE_COLUMNS, path)
    check_unique(frame, "id", path)
    check_phones(frame, ["number"], path)
    check_not_empty(frame, "source_url", path, "help line without a source")
    frame["position"] = range(len(frame))
    return frame


HELP_FACT_COLUMNS = ["id", "topic", "source_title", "source_url", "source_year", "quote"]


def read_help_facts(path: Path) -> pd.DataFrame:
    """The sourced statements behind the help pages: every row needs a URL and a quote."""
    frame = read_csv(path)
    require_columns(frame, HELP_FACT_COLUMNS, path)
    check_unique(frame, "id", path)
    check_not_empty(frame, "source_url", path, "help fact without a source")
    check_not_empty(frame, "quote", path, "help fact without the source's words")
    frame["position"] = range(len(frame))
    return frame[[*HELP_FACT_COLUMNS, "position"]]


def centre_points(
    centres: pd.DataFrame,
    memberships: pd.DataFrame,
    municipalities: pd.DataFrame,
    towns: pd.DataFrame,
    path: Path,
) -> pd.DataFrame:
    """One or more points per centre, each with its basis."""
    rows: list[tuple[str, str, float, float, str]] = []
    today = valid_today(memberships, centres)
    by_number = municipalities.set_index("number")
    for index, centre in centres.iterrows():
        found = _host_town_points(centre, towns, municipalities)
        if not found and centre["host_municipality_number"]:
            m = by_number.loc[centre["host_municipality_number"]]
            found = [(str(m["name"]), float(m["lat"]), float(m["lon"]), "host_municipality")]
        if not found:
            served = today[today["centre_id"] == centre["id"]]["municipality_number"]
            if served.empty:
                raise SourceError(
                    path, spreadsheet_row(int(str(index))), f"centre {centre['id']!r} has no point"
                )
            pts = by_number.loc[list(served)]
            found = [("", float(pts["lat"].mean()), float(pts["lon"].mean()), "served_area")]
        rows.extend((centre["id"], label, lat, lon, basis) for label, lat, lon, basis in found)
    return pd.DataFrame(rows, columns=["centre_id", "label", "lat", "lon", "basis"])


def _host_town_points(
    centre: pd.Series, towns: pd.DataFrame, municipalities: pd.DataFrame
) -> list[tuple[str, float, float, str]]:
    found = []
    for town_name in [t.strip() for t in str(centre["host_town"]).split(";") if t.strip()]:
        hits = towns[towns["norm"] == normalize(town_name)]
        local = hits[hits["municipality_number"] == centre["host_municipality_number"]]
        pick = local if not local.empty else hits
        if not pick.empty:
            best = pick.sort_values("population", ascending=False).iloc[0]
            found.append((town_name, float(best["lat"]), float(best["lon"]), "host_town"))
            continue
        same = municipalities[
            municipalities["name"].map(lambda n: normalize(base_name(n))) == normalize(town_name)
        ]
        if len(same) == 1:
            m = same.iloc[0]
            found.append((town_name, float(m["lat"]), float(m["lon"]), "host_municipality"))
    return found


def _check_values(frame: pd.DataFrame, column: str, allowed: set[str], path: Path) -> None:
    for index, value in frame[column].items():
        if value not in allowed:
            raise SourceError(
                path,
                spreadsheet_row(int(str(index))),
                f"{column} must be one of {sorted(allowed)}, not {value!r}",
            )
