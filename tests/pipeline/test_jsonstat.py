"""The JSON-stat2 reader on the recorded SSB responses in data/raw/ssb/examples/."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.pipeline import jsonstat
from tests.conftest import RAW

EXAMPLES = RAW / "ssb" / "examples"


def _load(name: str) -> dict[str, object]:
    doc: dict[str, object] = json.loads((EXAMPLES / name).read_text(encoding="utf-8"))
    return doc


def test_v2_response_becomes_tidy_rows() -> None:
    doc = _load("example_jsonstat2.json")
    rows = jsonstat.tidy_rows(doc, "https://www.ssb.no/statbank/table/03024/")
    assert len(rows) == 2 * 2 * 39
    values = doc["value"]
    assert isinstance(values, list)
    first = rows[0]
    assert first == {
        "table_id": "03024",
        "publisher": "SSB",
        "region_code": "01",
        "region_label": "Fersk oppalen laks",
        "year": 2025,
        "period": "2025U01",
        "measure": "Vekt (tonn)",
        "contents_code": "Vekt",
        "value": float(values[0]),
        "value_text": "",
        "unit": "tonn",
        "qualifier": "exact",
        "status": "",
        "source_url": "https://www.ssb.no/statbank/table/03024/",
        "source_quote": first["source_quote"],
        "note": "",
        "origin": "ssb_api",
    }
    # Row-major order: the last dimension (Tid) varies fastest, then ContentsCode.
    assert rows[39]["contents_code"] == "Kilopris" and rows[39]["period"] == "2025U01"
    assert rows[39]["value"] == float(values[39])
    assert rows[78]["region_code"] == "02"


def test_status_symbols_become_missing_values_with_their_status() -> None:
    doc = _load("example_jsonstat2_with_status_v0.json")
    rows = jsonstat.tidy_rows(doc, "https://www.ssb.no/statbank/table/05300/")
    status = doc["status"]
    assert isinstance(status, dict) and status
    for index, symbol in status.items():
        row = rows[int(index)]
        assert row["value"] is None
        assert row["status"] == symbol
        assert row["note"] == jsonstat.SYMBOLS[symbol]
    assert {r["status"] for r in rows} >= {".", ".."}
    assert all(r["value"] is not None for r in rows if not r["status"])
    assert rows[0]["table_id"] == "05300"


@pytest.mark.parametrize(
    "broken",
    [
        {"class": "collection"},
        {"class": "dataset", "id": ["A"], "size": [2], "dimension": {"A": {"category": {
            "index": {"x": 0, "y": 1}}}}, "value": [1]},
        {"class": "dataset", "id": ["A"], "size": [3], "dimension": {"A": {"category": {
            "index": {"x": 0, "y": 1}}}}, "value": [1, 2]},
    ],
)  # fmt: skip
def test_malformed_documents_raise(broken: dict[str, object]) -> None:
    with pytest.raises(jsonstat.JsonStatError):
        list(jsonstat.cells(broken))


def test_api_files_join_the_figures_table(raw_copy: Path, tmp_path: Path) -> None:
    import sqlite3

    from bot.pipeline.build import build

    api = raw_copy / "ssb" / "api"
    api.mkdir()
    (api / "05300.json").write_bytes(
        (EXAMPLES / "example_jsonstat2_with_status_v0.json").read_bytes()
    )
    build(raw_copy, tmp_path / "k.db")
    conn = sqlite3.connect(tmp_path / "k.db")
    count, missing = conn.execute(
        "SELECT COUNT(*), SUM(value IS NULL) FROM figures WHERE origin = 'ssb_api'"
    ).fetchone()
    assert count == 6 * 8 * 1 * 9
    assert missing == sum(1 for _ in _load("example_jsonstat2_with_status_v0.json")["status"])  # type: ignore[union-attr]
