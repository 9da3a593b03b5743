"""A content-hash cache of ``build-db``'s fitted models, beside the database (``CACHE_NAME``).

The fits (the understanding models and the statement model: most of the build's time) depend
only on the inputs and on the code and libraries that fit them, and give the same numbers every
time (tests/pipeline/test_build: two builds, the same rows). ``keep`` copies their stored rows
(``model_parts``, the knowledge index and the models' ``_meta`` rows) from a freshly built
database into the cache under ``inputs_key``: one SHA-256 over every input file of the build
(``RawPaths.all_inputs``: sources, curated knowledge, examples), every file of the ``bot``
package (the code that reads, fits and stores), and the versions of Python and of the libraries
that fit. The next build copies them in (``copy_in``) only when that key is the same, so a
change to any input, any code or any library version fits anew; anything else fits too (no
cache, another key, a broken file). Nothing else of the database is cached.
"""

from __future__ import annotations

import hashlib
import os
import platform
import sqlite3
import sys
from collections.abc import Callable, Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Final

import bot
from bot import schema
from bot.catalog.stored_models import MODEL_PARTS
from bot.pipeline.sources import RawPaths

#: The cache file, in the database's folder (one per folder: the key tells which inputs).
CACHE_NAME: Final = ".model-cache.db"
#: The ``_meta`` row of the cache that holds its key.
KEY: Final = "models_key"
#: The tables copied whole; the models' ``_meta`` rows are copied too.
TABLES: Final = (MODEL_PARTS, schema.KNOWLEDGE_INDEX)
LIBRARIES: Final = ("scikit-learn", "numpy", "scipy", "threadpoolctl", "joblib")
PACKAGE: Final = Path(bot.__file__).resolve().parent


def path_for(out: Path) -> Path:
    """The cache beside the database ``out``."""
    return out.with_name(CACHE_NAME)


def inputs_key(raw: RawPaths, package: Path = PACKAGE) -> str:
    """One SHA-256 over everything that can change the fitted models."""
    digest = hashlib.sha256()
    for path in raw.all_inputs():
        _add(digest.update, "input", raw.relative(path), path.read_bytes())
    for path in _files(package):
        _add(digest.update, "code", path.relative_to(package).as_posix(), path.read_bytes())
    for name in LIBRARIES:
        _add(digest.update, "library", name, version(name).encode())
    _add(digest.update, "python", sys.version, platform.machine().encode())
    return digest.hexdigest()


def _files(package: Path) -> list[Path]:
    found = (p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return sorted(found)


def _add(update: Callable[[bytes], object], kind: str, name: str, data: bytes) -> None:
    for part in (kind.encode(), name.encode(), str(len(data)).encode(), data):
        update(part + b"\0")


def holds(cache: Path, key: str) -> bool:
    """Whether ``cache`` holds models fitted for ``key`` (False for a missing or broken file)."""
    if not cache.is_file():
        return False
    try:
        with sqlite3.connect(f"{cache.resolve().as_uri()}?mode=ro", uri=True) as conn:
            row = conn.execute(f"SELECT value FROM {schema.META} WHERE key = ?", (KEY,))
            found = row.fetchone()
            tables = {name for (name,) in conn.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error:
        return False
    return found == (key,) and set(TABLES) <= tables


def copy_in(conn: sqlite3.Connection, cache: Path, key: str) -> None:
    """Copy the cached models into ``conn`` (a database being written, with its ``_meta``);
    raises ``sqlite3.Error`` if the cache no longer holds ``key`` (replaced meanwhile)."""
    conn.commit()  # ATTACH and DETACH run outside a transaction
    conn.execute("ATTACH DATABASE ? AS cached", (str(cache),))
    try:
        found = conn.execute(f"SELECT value FROM cached.{schema.META} WHERE key = ?", (KEY,))
        if found.fetchone() != (key,):
            raise sqlite3.DatabaseError(f"the model cache {cache} changed during the build")
        _copy(conn, "cached", "main", TABLES)
        conn.execute(
            f"INSERT OR REPLACE INTO main.{schema.META} (key, value) SELECT key, value "
            f"FROM cached.{schema.META} WHERE key != ? ORDER BY rowid",
            (KEY,),
        )
        conn.commit()
    except BaseException:
        conn.rollback()
        raise
    finally:
        conn.execute("DETACH DATABASE cached")


def keep(built: Path, cache: Path, key: str, meta_keys: Iterable[str]) -> None:
    """Copy the models of the database ``built`` (and its ``_meta`` rows ``meta_keys``) into
    ``cache`` under ``key``, replacing it atomically."""
    tmp = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        conn = sqlite3.connect(tmp)
        try:
            conn.execute(f"CREATE TABLE {schema.META} (key TEXT PRIMARY KEY, value TEXT)")
            conn.execute("ATTACH DATABASE ? AS built", (str(built),))
            _copy(conn, "built", "main", TABLES)
            wanted = sorted(meta_keys)
            marks = ", ".join("?" * len(wanted))
            conn.execute(
                f"INSERT INTO {schema.META} (key, value) SELECT key, value FROM "
                f"built.{schema.META} WHERE key IN ({marks}) ORDER BY rowid",
                wanted,
            )
            conn.execute(f"INSERT INTO {schema.META} VALUES (?, ?)", (KEY, key))
            conn.commit()
            conn.execute("DETACH DATABASE built")
        finally:
            conn.close()
        os.replace(tmp, cache)
    finally:
        tmp.unlink(missing_ok=True)


def _copy(conn: sqlite3.Connection, source: str, target: str, tables: Iterable[str]) -> None:
    """Create ``tables`` in ``target`` as they are in ``source`` and copy their rows in order."""
    for table in tables:
        (sql,) = conn.execute(
            f"SELECT sql FROM {source}.sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()
        conn.execute(sql.replace(f"CREATE TABLE {table}", f"CREATE TABLE {target}.{table}", 1))
        conn.execute(f"INSERT INTO {target}.{table} SELECT * FROM {source}.{table} ORDER BY rowid")
