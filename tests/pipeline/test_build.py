"""The real pipeline on the real sources: completeness, determinism, plain-SQL answers."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from bot.names import normalize
from bot.pipeline.build import build
from bot.pipeline.coverage import measure, report
from bot.schema import NOT_MUNICIPALITIES, SCHEMA_VERSION, TABLES
from tests.conftest import RAW


def test_all_357_municipalities_each_with_a_point_in_norway(sql: sqlite3.Connection) -> None:
    rows = sql.execute("SELECT number, lat, lon, county_name FROM municipalities").fetchall()
    assert len(rows) == 357
    for number, lat, lon, county in rows:
        assert 57.5 < lat < 71.5 and 4.0 < lon < 31.5, number
        assert county, number


def test_split_municipalities_get_their_own_points(sql: sqlite3.Connection) -> None:
    rows = dict(
        sql.execute(
            "SELECT name, point_basis FROM municipalities WHERE number IN ('1508', '1580')"
        ).fetchall()
    )
    assert rows == {"Ålesund": "geonames_town", "Haram": "geonames_town"}


def test_every_postal_code_resolves_to_a_municipality(sql: sqlite3.Connection) -> None:
    orphans = sql.execute(
        "SELECT p.code, p.municipality_number FROM postal_codes p "
        "LEFT JOIN municipalities m ON m.number = p.municipality_number WHERE m.number IS NULL"
    ).fetchall()
    assert {number for _, number in orphans} <= set(NOT_MUNICIPALITIES)
    assert sql.execute("SELECT COUNT(*) FROM postal_codes").fetchone()[0] > 5000
    assert sql.execute(
        "SELECT municipality_number FROM postal_codes WHERE code = '1337'"
    ).fetchone() == ("3201",)


def test_every_centre_has_a_point_with_a_basis(sql: sqlite3.Connection) -> None:
    missing = sql.execute(
        "SELECT id FROM centres WHERE id NOT IN (SELECT centre_id FROM centre_points)"
    ).fetchall()
    assert missing == []
    bases = {b for (b,) in sql.execute("SELECT DISTINCT basis FROM centre_points")}
    assert bases <= {"host_town", "host_municipality", "served_area"}
    vest = sql.execute(
        "SELECT label FROM centre_points WHERE centre_id = 'krisesenter_vest' ORDER BY label"
    ).fetchall()
    assert vest == [("Haugesund",), ("Stord",)]


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("bærum", "3201"),
        ("guovdageaidnu", "5612"),
        ("karasjohka", "5610"),
        ("unjarga", "5636"),
        ("snaase", "5041"),
        ("notteroy", "3911"),
        ("ski", "3207"),
        ("lenvik", "5530"),
        ("sandvika", "3201"),
        ("geilo", "3330"),
    ],
)
def test_names_reach_their_municipality(sql: sqlite3.Connection, name: str, number: str) -> None:
    found = {n for (n,) in sql.execute(
        "SELECT municipality_number FROM names WHERE norm = ?", (normalize(name),)
    )}  # fmt: skip
    assert number in found


def test_national_spending_per_inhabitant_2022_is_79_nok(sql: sqlite3.Connection) -> None:
    row = sql.execute(
        "SELECT value, unit, source_url FROM figures WHERE table_id = '12130' "
        "AND region_label = 'Hele landet' AND year = 2022 AND unit = 'NOK per inhabitant'"
    ).fetchone()
    assert row[0] == 79
    assert row[2].startswith("https://www.ssb.no/")


def test_most_expensive_centre_per_inhabitant_2022_is_hallingdal(sql: sqlite3.Connection) -> None:
    row = sql.execute(
        "SELECT c.name, f.value FROM figures f JOIN centres c ON c.id = f.centre_id "
        "WHERE f.year = 2022 AND f.unit = 'NOK per inhabitant' AND f.qualifier = 'exact' "
        "ORDER BY f.value DESC LIMIT 1"
    ).fetchone()
    assert row == ("Hallingdal krisesenter", 256)


def test_every_figure_has_a_source(sql: sqlite3.Connection) -> None:
    assert sql.execute("SELECT COUNT(*) FROM figures WHERE source_url = ''").fetchone() == (0,)


def test_the_file_has_no_free_pages(sql: sqlite3.Connection) -> None:
    """Written without VACUUM: nothing is deleted while it is written, so nothing to reclaim."""
    assert sql.execute("PRAGMA freelist_count").fetchone() == (0,)


def test_meta_records_schema_version_and_source_hashes(sql: sqlite3.Connection) -> None:
    meta = dict(sql.execute("SELECT key, value FROM _meta").fetchall())
    assert meta["schema_version"] == str(SCHEMA_VERSION)
    paths = {p for (p,) in sql.execute("SELECT path FROM _source_files")}
    assert "centres/centres.csv" in paths and "postal/postal_codes_2026-05.tsv" in paths


def _dump(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(path)
    out = {}
    for table in TABLES:
        rows = conn.execute(f"SELECT * FROM {table}").fetchall()
        out[table] = sorted(r for r in rows if r[0] not in {"built_at", "training_seconds"})
    conn.close()
    return out


def test_build_is_deterministic(tmp_path: Path, db_path: Path) -> None:
    second = tmp_path / "again.db"
    build(RAW, second)
    assert _dump(second) == _dump(db_path)


def test_coverage_report_shows_the_gaps(sql: sqlite3.Connection) -> None:
    cov = measure(sql)
    assert (cov.municipalities, cov.with_agreement, cov.nearest_only) == (357, 249, 108)
    assert cov.by_basis == {"derived": 46, "stated": 189, "weak": 14}
    assert "Hallingdal krisesenter" in cov.centres_without_phone
    text = report(cov)
    assert "Only a nearest-by-distance answer (+ 116 006): 108" in text
    assert "12130: 26 rows" in text
