"""``krisebot build-db`` and the automatic build on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from bot.cli import ensure_database, main
from bot.config import Settings
from tests.conftest import RAW


def test_build_db_writes_the_database_and_prints_the_coverage_report(tmp_path: Path) -> None:
    out = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["build-db", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Coverage report" in result.output
    assert "Only a nearest-by-distance answer (+ 116 006): 108" in result.output
    with sqlite3.connect(out) as conn:
        assert conn.execute("SELECT COUNT(*) FROM municipalities").fetchone() == (357,)


def test_build_db_with_a_broken_source_exits_with_the_message(
    raw_copy: Path, tmp_path: Path
) -> None:
    (raw_copy / "centres" / "centres.csv").write_text("id,name\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["build-db", "--raw", str(raw_copy), "--out", str(tmp_path / "x.db")]
    )
    assert result.exit_code == 1
    assert "build failed" in result.output
    assert "centres.csv: missing column(s): aliases" in result.output
    assert "Traceback" not in result.output


def test_missing_database_is_built_on_first_use(tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "new.db", raw_dir=RAW)
    ensure_database(settings)
    assert settings.db_path.is_file()
    before = settings.db_path.stat().st_mtime_ns
    ensure_database(settings)  # fresh: not rebuilt
    assert settings.db_path.stat().st_mtime_ns == before


def test_stale_database_is_rebuilt_when_a_source_changes(raw_copy: Path, tmp_path: Path) -> None:
    settings = Settings(db_path=tmp_path / "k.db", raw_dir=raw_copy)
    ensure_database(settings)
    helplines = raw_copy / "centres" / "helplines.csv"
    helplines.write_text(helplines.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    before = settings.db_path.stat().st_mtime_ns
    ensure_database(settings)
    assert settings.db_path.stat().st_mtime_ns != before


def test_settings_never_show_the_token() -> None:
    token = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ0123456789"
    settings = Settings.from_env({"TELEGRAM_BOT_TOKEN": token})
    assert settings.token == token
    assert token not in repr(settings)
    assert token not in str(settings)
