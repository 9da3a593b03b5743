"""The database is datasette-ready (foreign keys, NULL for unknown, full-text search, metadata),
checked with datasette's own test client; and ``krisebot browse`` serves it on 127.0.0.1."""

from __future__ import annotations

import csv
import io
import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from datasette.app import Datasette

from bot import browse, schema
from bot.cli import main


@pytest.fixture
async def datasette(db_path: Path) -> Datasette:
    ds = Datasette(immutables=[str(db_path)], metadata=browse.metadata(db_path.stem))
    await ds.invoke_startup()
    return ds


# -- the file -----------------------------------------------------------------------------
def test_tables_are_linked_by_foreign_keys(sql: sqlite3.Connection) -> None:
    for table, keys in schema.FOREIGN_KEYS.items():
        declared = {(r[3], r[2], r[4]) for r in sql.execute(f"PRAGMA foreign_key_list({table})")}
        assert set(keys) == declared, table
    assert sql.execute("PRAGMA foreign_key_check").fetchall() == []


def test_unknown_is_null_never_an_empty_string(sql: sqlite3.Connection) -> None:
    empty = []
    for table in schema.TABLES:
        for column in [r[1] for r in sql.execute(f"PRAGMA table_info({table})")]:
            n = sql.execute(f"SELECT COUNT(*) FROM {table} WHERE [{column}] = ''").fetchone()[0]
            if n:
                empty.append(f"{table}.{column}: {n}")
    assert empty == []
    phones = sql.execute("SELECT COUNT(*) FROM centres WHERE phone IS NULL").fetchone()[0]
    assert phones > 0


def test_full_text_search_finds_centres_and_places(sql: sqlite3.Connection) -> None:
    def search(table: str, term: str) -> list[str]:
        rows = sql.execute(
            f"SELECT t.name FROM {table} t JOIN {table}_fts f ON f.rowid = t.rowid "
            f"WHERE {table}_fts MATCH ? ORDER BY t.name", (term,)
        )  # fmt: skip
        return [r[0] for r in rows]

    assert search("centres", "Bærum") == ["Krisesenteret Asker, Bærum og Lier"]
    assert search("centres", "Hallingdal") == ["Hallingdal krisesenter"]
    assert "Bærum" in search("municipalities", "Bærum")
    assert "Sandvika" in search("places", "Sandvika")


# -- datasette ------------------------------------------------------------------------------
async def test_datasette_shows_the_centre_table_with_its_metadata(datasette: Datasette) -> None:
    page = await datasette.client.get("/krisebot/centres")
    assert page.status_code == 200
    assert "Crisis centres (krisesentre)" in page.text
    assert "facts from public sources" in page.text
    rows = (await datasette.client.get("/krisebot/centres.json?_shape=array&_size=max")).json()
    assert len(rows) == 43
    baerum = next(r for r in rows if r["id"] == "asker_baerum_lier")
    assert baerum["phone"] is None


async def test_datasette_searches_for_baerum(datasette: Datasette) -> None:
    found = await datasette.client.get("/krisebot/centres.json?_search=Bærum&_shape=array")
    assert [r["id"] for r in found.json()] == ["asker_baerum_lier"]
    page = await datasette.client.get("/krisebot/municipalities?_search=Bærum")
    assert page.status_code == 200
    assert "3201" in page.text


async def test_datasette_exports_csv_with_labelled_links(datasette: Datasette) -> None:
    url = "/krisebot/centre_municipalities.csv?municipality_number=3201&_labels=on"
    response = await datasette.client.get(url)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == 1
    assert rows[0]["centre_id"] == "asker_baerum_lier"
    assert rows[0]["centre_id_label"] == "Krisesenteret Asker, Bærum og Lier"
    assert rows[0]["municipality_number_label"] == "Bærum"


def test_every_table_has_title_description_source_and_a_licence_where_one_is_known() -> None:
    tables = browse.metadata("krisebot")["databases"]["krisebot"]["tables"]
    assert set(tables) == set(schema.TABLES)
    for name, entry in tables.items():
        assert entry["title"] and entry["description"] and entry["source"], name
        if not name.startswith("_"):
            assert entry["license"], name


# -- krisebot browse ------------------------------------------------------------------------
def test_save_metadata_writes_datasette_json(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "metadata.json"
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "browse", "--save-metadata", str(target)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(target.read_text("utf-8"))
    assert data["databases"]["krisebot"]["tables"]["figures"]["license"].startswith("SSB")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_browse_serves_read_only_on_localhost(db_path: Path) -> None:
    port = _free_port()
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    before = db_path.read_bytes()
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "--db", str(db_path), "browse", "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    try:
        response = _get_when_up(f"http://127.0.0.1:{port}/krisebot/centres.json?_shape=array")
        assert len(response.json()) == 43
        sql = httpx.get(f"http://127.0.0.1:{port}/krisebot.json",
                        params={"sql": "DELETE FROM centres"}, timeout=10)  # fmt: skip
        assert sql.status_code >= 400
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert db_path.read_bytes() == before


def _get_when_up(url: str, timeout: float = 60.0) -> httpx.Response:
    deadline = time.monotonic() + timeout
    while True:
        try:
            return httpx.get(url, timeout=5)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
