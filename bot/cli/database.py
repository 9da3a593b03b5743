"""Build the database when it is missing or stale, and never over a file that is not ours.

A build never overwrites a file that is not a Krisebot database (a typo in ``--db`` must not
destroy a document). When a rebuild fails and a valid database exists, that one is served.
"""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import click

from bot.catalog.db import DatabaseError, is_krisebot_database, open_readonly, stale_reason
from bot.config import Settings
from bot.pipeline.sources import RawPaths, SourceError


def _raw_inputs(raw_dir: Path) -> set[str]:
    raw = RawPaths(raw_dir)
    return {raw.relative(p) for p in raw.all_inputs() if p.exists()}


def build_database(settings: Settings, out: Path | None = None, to_stderr: bool = False) -> None:
    """Build the database from ``settings.raw_dir`` and print the coverage report."""
    from bot.pipeline.build import build

    target = out or settings.db_path
    refuse_foreign(target)
    started = time.perf_counter()
    try:
        build(settings.raw_dir, target)
    except SourceError as exc:
        raise click.ClickException(f"build failed: {exc}") from exc
    except (OSError, sqlite3.Error) as exc:
        raise click.ClickException(_write_or_read_failed(target, exc)) from exc
    elapsed = time.perf_counter() - started
    click.echo(f"Built {target} in {elapsed:.2f} s\n{_coverage(target)}", err=to_stderr)


def _coverage(path: Path) -> str:
    from bot.pipeline.coverage import measure, report

    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return report(measure(conn))


def _write_or_read_failed(target: Path, exc: OSError | sqlite3.Error) -> str:
    """A clear message for a folder we cannot write to (or a source we cannot read)."""
    folder = target.parent
    if isinstance(exc, sqlite3.Error) or not _writable(folder):
        return (
            f"cannot write the database to {target}: the folder {folder} is read-only or not "
            "writable for this user. Build it somewhere writable with "
            "`krisebot --db /writable/path/krisebot.db build-db` and run with the same --db."
        )
    name = getattr(exc, "filename", None) or "a source file"
    return f"build failed: cannot read {name}: {getattr(exc, 'strerror', None) or exc}"


def _writable(folder: Path) -> bool:
    """Whether this user may create files in ``folder`` (False on a read-only mount)."""
    return os.access(folder if folder.exists() else Path.cwd(), os.W_OK)


def refuse_foreign(path: Path) -> None:
    """Stop before a build would replace ``path`` if it holds something else than our database."""
    if path.is_dir():
        raise click.ClickException(f"{path} is a folder: give a database file (--db)")
    if path.exists() and not is_krisebot_database(path):
        raise click.ClickException(
            f"refusing to overwrite {path}: it is not a Krisebot database. "
            "Check --db / KRISEBOT_DB, or move the file away yourself."
        )


def ensure_database(settings: Settings) -> None:
    """Build the database if it is missing or older than its sources. When the build fails
    and a valid database exists, serve that one: say why, and print its coverage report."""
    reason = stale_reason(settings.db_path, settings.raw_dir, _raw_inputs(settings.raw_dir))
    if reason is None and settings.db_path.is_file():
        from bot.pipeline.examples import stale_reason as models_stale_reason

        reason = models_stale_reason(settings.db_path)
    if reason is None:
        return
    if not settings.raw_dir.is_dir():
        if settings.db_path.is_file():
            return
        raise click.ClickException(f"no database and no raw sources at {settings.raw_dir}")
    click.echo(f"Building the database ({reason}) ...", err=True)
    try:
        build_database(settings, to_stderr=True)
    except click.ClickException as failed:
        if not _valid(settings.db_path):
            raise
        click.echo(
            f"Error: {failed.message}\nServing the existing database {settings.db_path} "
            f"(last good build; {reason}, not in it). Its coverage report:\n"
            f"{_coverage(settings.db_path)}",
            err=True,
        )


def _valid(path: Path) -> bool:
    try:
        open_readonly(path).close()
    except DatabaseError:
        return False
    return True
