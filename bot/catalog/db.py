"""Open the database read-only and check that it was built for this schema version."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

from bot.schema import SCHEMA_VERSION


class DatabaseError(Exception):
    """The database is missing, unreadable or built for another schema version."""


def open_readonly(path: Path) -> sqlite3.Connection:
    """A read-only connection (``mode=ro``), usable from any thread."""
    if not path.is_file():
        raise DatabaseError(f"database not found: {path} (run `krisebot build-db`)")
    try:
        conn = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        version = schema_version(conn)
    except sqlite3.Error as exc:
        raise DatabaseError(f"cannot read database {path}: {exc}") from exc
    if version != SCHEMA_VERSION:
        conn.close()
        raise DatabaseError(
            f"database {path} has schema version {version}, this code needs {SCHEMA_VERSION} "
            "(run `krisebot build-db`)"
        )
    conn.row_factory = sqlite3.Row
    return conn


def schema_version(conn: sqlite3.Connection) -> int | None:
    try:
        row = conn.execute("SELECT value FROM _meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.OperationalError:
        return None
    return int(row[0]) if row else None


SQLITE_HEADER = b"SQLite format 3\x00"


def is_krisebot_database(path: Path) -> bool:
    """True if ``path`` is an SQLite file with our ``_meta`` table (of any schema version)."""
    try:
        with path.open("rb") as f:
            if f.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                return False
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return schema_version(conn) is not None
        finally:
            conn.close()
    except (OSError, sqlite3.Error):
        return False


def stale_reason(path: Path, raw_dir: Path, inputs: set[str] | None = None) -> str | None:
    """Why the database at ``path`` must be (re)built from ``raw_dir``, or None if it is fresh.

    ``inputs`` (paths relative to ``raw_dir``) are the files a build would read now; a file
    added since the last build (say, a fresh ``fetch-ssb`` download) also makes it stale.
    """
    if not path.is_file():
        return "no database yet"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if schema_version(conn) != SCHEMA_VERSION:
                return "built for another schema version"
            recorded = dict(conn.execute("SELECT path, sha256 FROM _source_files").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return "unreadable"
    if not raw_dir.is_dir():
        return None
    if inputs is not None and set(inputs) - set(recorded):
        return f"new source file: {sorted(set(inputs) - set(recorded))[0]}"
    for rel, digest in recorded.items():
        file = raw_dir / rel
        if not file.is_file() or hashlib.sha256(file.read_bytes()).hexdigest() != digest:
            return f"source changed: {rel}"
    return None
