"""The CLI is safe for operators and staff: it never overwrites a foreign file, fails loudly
when misconfigured, tells its version and environment, and exports staff lists (CSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import sqlite3
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from click.testing import CliRunner

from bot import config
from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _invoke(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


# -- --db never destroys a file that is not ours ---------------------------------------------
def test_db_refuses_to_overwrite_a_text_file(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    result = _invoke("--db", str(notes), "ask", "Bærum")
    assert result.exit_code == 1
    assert f"refusing to overwrite {notes}: it is not a Krisebot database" in result.output
    assert notes.read_text(encoding="utf-8") == "my notes\n"


def test_build_db_out_refuses_another_sqlite_database(tmp_path: Path) -> None:
    other = tmp_path / "other.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE contacts (name TEXT)")
    before = other.read_bytes()
    result = _invoke("build-db", "--out", str(other))
    assert result.exit_code == 1
    assert "it is not a Krisebot database" in result.output
    assert other.read_bytes() == before


def test_db_pointing_at_a_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = _invoke("--db", str(tmp_path), "ask", "Bærum")
    assert result.exit_code == 1
    assert "is a folder" in result.output


def test_an_old_krisebot_database_is_rebuilt(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(old) as conn:
        conn.execute("CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO _meta VALUES ('schema_version', '1')")
    result = _invoke("--db", str(old), "ask", "Bærum")
    assert result.exit_code == 0, result.output
    assert "Bærum har avtale med:" in result.output


# -- run without a token -------------------------------------------------------------------
def test_run_without_token_and_without_terminal_fails_clearly(db_path: Path) -> None:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": "", "PYTHONIOENCODING": "utf-8"}
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db_path), "run"],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60, env=env,
    )  # fmt: skip
    assert result.returncode == 1
    assert "no bot token and no terminal: set TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Ha det" not in result.stdout


# -- --version and the environment ---------------------------------------------------------
def test_version_is_the_installed_one() -> None:
    result = _invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"krisebot, version {version('krisebot')}"


def test_every_environment_variable_is_in_help_and_in_the_readme_table() -> None:
    helptext = _invoke("--help").output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Environment variables", 1)[1].split("\n\n", 2)[1]
    for var in config.ENV_VARS:
        assert var.name in helptext
        assert f"| `{var.name}` |" in table
    assert "[env var: KRISEBOT_DB]" in helptext


def test_every_environment_variable_the_code_names_is_registered() -> None:
    quoted = r"['\"]((?:KRISEBOT|TELEGRAM)_[A-Z_]+)['\"]"
    named: set[str] = set()
    for path in (ROOT / "bot").rglob("*.py"):
        named |= set(re.findall(quoted, path.read_text("utf-8")))
    for doc in ("Dockerfile", "SECURITY.md", "compose.yaml"):
        if (ROOT / doc).is_file():
            named |= set(re.findall(r"\b(?:KRISEBOT|TELEGRAM)_[A-Z_]+\b", (ROOT / doc).read_text()))
    assert named, "the pattern finds the variables"
    assert named <= {v.name for v in config.ENV_VARS}


# -- --chart --------------------------------------------------------------------------------
def test_chart_into_a_missing_folder_is_a_clear_error(db_path: Path, tmp_path: Path) -> None:
    target = tmp_path / "missing" / "chart.png"
    result = _invoke("--db", str(db_path), "ask", "--chart", str(target), "kostnad per innbygger")
    assert result.exit_code == 2
    assert f"the folder {target.parent} does not exist" in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


# -- staff exports --------------------------------------------------------------------------
def test_ask_csv_gives_one_row_per_query(db_path: Path) -> None:
    queries = "Bærum\nHå\nHerøy\nhan slår meg nå\n"
    result = _invoke("--db", str(db_path), "ask", "--format", "csv", "-", stdin=queries)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["query"] for r in rows] == ["Bærum", "Hå", "Herøy", "han slår meg nå"]
    baerum, haa, heroy, danger = rows
    assert baerum["municipality_number"] == "3201"
    assert baerum["centre"] == "Krisesenteret Asker, Bærum og Lier"
    assert baerum["basis"] == "agreement (stated)"
    assert baerum["source"].startswith("https://")
    assert baerum["year"] == "2019"
    assert haa["centre"] == "Krisesenteret i Stavanger"
    assert haa["basis"].startswith("nearest (")
    assert haa["source"] == ""
    assert heroy["intent"] == "clarify"
    assert heroy["municipality"] == "Herøy (Møre og Romsdal) | Herøy (Nordland)"
    assert danger["intent"] == "emergency"


def test_ask_json_carries_website_mens_line_and_sources(db_path: Path) -> None:
    result = _invoke("--db", str(db_path), "ask", "--json", "Tromsø")
    data = json.loads(result.output)
    first = data["centres"][0]
    assert set(first) >= {"website", "phone_men", "agreement", "sources"}
    assert first["agreement"]["basis"] == "stated"
    assert all(u.startswith("http") for u in first["agreement"]["urls"])
    assert first["sources"]["phone"]["urls"]
    assert first["sources"]["centre"]["urls"]
    websites = [c["website"] for c in data["centres"]]
    assert any(w and w.startswith("https://") for w in websites)


def test_ask_json_carries_the_mens_line(db_path: Path) -> None:
    result = _invoke("--db", str(db_path), "ask", "--json", "Harstad")
    first = json.loads(result.output)["centres"][0]
    assert first["name"] == "Harstad krisesenter"
    assert first["phone_men"] == "902 62 515"


def test_a_phone_whose_sources_disagree_is_left_out_with_its_source(db_path: Path) -> None:
    result = _invoke("--db", str(db_path), "ask", "--format", "csv", "Lillehammer")
    (row,) = csv.DictReader(io.StringIO(result.output))
    assert row["centre"] == "Gudbrandsdal krisesenter"
    assert row["phone"] == row["phone_source"] == row["phone_source_year"] == ""
    data = json.loads(_invoke("--db", str(db_path), "ask", "--json", "Lillehammer").output)
    assert data["centres"][0]["phone"] is None
    assert data["centres"][0]["sources"]["phone"]["confidence"] == "conflict"
