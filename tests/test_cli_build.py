"""``krisebot build-db`` and the automatic build on first use."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
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


def test_a_broken_source_with_a_valid_database_serves_that_database(
    raw_copy: Path, tmp_path: Path
) -> None:
    """Row 12: a half-edited raw file does not stop the bot: the build error is shown, the
    last good database is served, and its coverage report says so."""
    db = tmp_path / "k.db"
    ensure_database(Settings(db_path=db, raw_dir=raw_copy))
    (raw_copy / "centres" / "centres.csv").write_text("id,name\nx,y\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["--db", str(db), "ask", "Bærum"], env={"KRISEBOT_RAW_DIR": str(raw_copy)}
    )
    assert result.exit_code == 0, result.output
    assert "build failed" in result.output
    assert "centres.csv: missing column(s): aliases" in result.output
    assert "Serving the existing database" in result.output
    assert "source changed: centres/centres.csv, not in it" in result.output
    assert "Coverage report" in result.output
    assert "Bærum har avtale med" in result.output


@pytest.mark.parametrize("stale", [True, False], ids=["stale", "missing"])
def test_a_read_only_folder_gives_a_clear_message(
    raw_copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, stale: bool
) -> None:
    """Row 13: the database folder cannot be written (a read-only mount; simulated, since
    tests may run as root): a stale database is served with the reason, a missing one ends
    with a clear message instead of an OSError traceback."""
    import errno

    import bot.pipeline.build

    db = tmp_path / "k.db"
    if stale:
        ensure_database(Settings(db_path=db, raw_dir=raw_copy))
        helplines = raw_copy / "centres" / "helplines.csv"
        helplines.write_text(helplines.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    def read_only(raw: Path, out: Path) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(out))

    monkeypatch.setattr(bot.pipeline.build, "build", read_only)
    monkeypatch.setattr("bot.cli.database._writable", lambda folder: False)
    result = CliRunner().invoke(
        main, ["--db", str(db), "ask", "Bærum"], env={"KRISEBOT_RAW_DIR": str(raw_copy)}
    )
    assert f"cannot write the database to {db}" in result.output
    assert "krisebot --db /writable/path/krisebot.db build-db" in result.output
    assert "Traceback" not in result.output and "Errno" not in result.output
    if stale:
        assert result.exit_code == 0, result.output
        assert "Bærum har avtale med" in result.output
    else:
        assert result.exit_code == 1
