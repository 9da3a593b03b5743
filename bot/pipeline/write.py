"""Write the tables to SQLite atomically.

The file is written under a temporary name next to the target and renamed into place, so a
reader never sees half a database. ``_meta`` records the schema version and build time,
``_source_files`` a SHA-256 of every input file. Empty values are written as NULL, the tables
get the foreign keys and full-text indexes of ``bot.schema`` (so datasette shows links and a
search box), and the write stops if a foreign key points nowhere.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from collections.abc import Callable
from concurrent.futures import Executor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import sqlite_utils

from bot import schema
from bot.pipeline import knowledge, train
from bot.pipeline.retrieval import Retrieval, fit_index, save_index, start_index
from bot.pipeline.sources import RawPaths, SourceError
from bot.pipeline.stored_models import save_vectoriser
from bot.pipeline.tables import Tables


def write(
    tables: Tables,
    out: Path,
    raw: RawPaths,
    models: Callable[[], train.Trained] | None = None,
    retrieval: Callable[[], Retrieval] | None = None,
    cached: Callable[[sqlite3.Connection], None] | None = None,
) -> None:
    """Write ``tables`` (and the fitted understanding ``models``) to ``out`` atomically. The
    models and the retrieval fitted on ``tables.knowledge`` are asked for only after the tables
    are written (fits still running elsewhere); without a retrieval, it is fitted here. With
    ``cached`` (``bot.pipeline.model_cache``), that stores every model instead."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        fitted = retrieval or (lambda: fit_retrieval(tables.knowledge))
        store = cached or (lambda conn: _save_models(conn, models, fitted))
        _write_tables(tables, tmp, raw, store)
        _sync(tmp)  # written without syncs: the whole file, once, before it takes the name
        os.replace(tmp, out)
    finally:
        tmp.unlink(missing_ok=True)


def _write_tables(
    tables: Tables, path: Path, raw: RawPaths, store: Callable[[sqlite3.Connection], None]
) -> None:
    conn = sqlite3.connect(path)
    # A file nobody reads until it is renamed into place: no journal on disk and no sync per
    # insert (a crash leaves only the temporary file); ``write`` syncs it once at the end.
    conn.execute("PRAGMA journal_mode = MEMORY")
    conn.execute("PRAGMA synchronous = OFF")
    db = sqlite_utils.Database(conn)
    _insert(db, schema.COUNTIES, tables.counties, pk="county_number")
    _insert(db, schema.MUNICIPALITIES, tables.municipalities, pk="number")
    _insert(db, schema.NAMES, tables.names, pk=None)
    _insert(db, schema.POSTAL_CODES, tables.postal_codes, pk="code")
    _insert(db, schema.PLACES, tables.places, pk="geonameid")
    _insert(db, schema.CENTRES, tables.centres, pk="id")
    _insert(db, schema.CENTRE_POINTS, tables.centre_points, pk=None)
    _insert(db, schema.CENTRE_MUNICIPALITIES, tables.centre_municipalities, pk=None)
    _insert(db, schema.HELPLINES, tables.helplines, pk="id")
    _insert(db, schema.HELP_FACTS, tables.help_facts, pk="id")
    _insert(db, schema.FIGURES, tables.figures, pk=None)
    _insert(db, schema.KNOWLEDGE_TOPICS, tables.knowledge.topics, pk="id")
    _insert(db, schema.STATEMENTS, tables.knowledge.statements, pk="id")
    _insert(db, schema.STATEMENT_QUESTIONS, tables.knowledge.questions, pk=None)
    _insert(db, schema.DANGER_PHRASES, tables.danger_phrases, pk=None)
    _insert(db, schema.MEASURES, tables.measures, pk="key")
    _indexes(db)
    _full_text(db)
    _meta(db, raw)
    _check_foreign_keys(conn)
    store(conn)
    conn.commit()  # no VACUUM: a new file with inserts only has no free pages (a test checks)
    conn.close()


def _save_models(
    conn: sqlite3.Connection,
    models: Callable[[], train.Trained] | None,
    retrieval: Callable[[], Retrieval],
) -> None:
    """Store the understanding models and the retrieval (waiting for their fits)."""
    if models is not None:
        train.write_models(conn, models())
    _save_retrieval(conn, retrieval())


def fit_retrieval(known: knowledge.Knowledge) -> Retrieval:
    """Fit the vectoriser, the index and the statement model over each statement's example
    questions and its own wording in both languages, here."""
    return fit_index(retrieval_rows(known))


def start_retrieval(known: knowledge.Knowledge, pool: Executor) -> Callable[[], Retrieval]:
    """``fit_retrieval`` with the statement model's parts fitted on ``pool`` (``build`` runs
    them beside the training); returns what waits for them."""
    return start_index(retrieval_rows(known), pool)


def retrieval_rows(known: knowledge.Knowledge) -> list[tuple[str, str]]:
    """``(statement id, text)`` rows the retrieval is fitted on: every example question in
    curated order, then each statement's wording in bokmål and in English."""
    pairs = list(zip(known.questions["statement_id"], known.questions["question"], strict=True))
    for language in ("nb", "en"):
        pairs += zip(known.statements["id"], known.statements[language], strict=True)
    return pairs


def _save_retrieval(conn: sqlite3.Connection, retrieval: Retrieval) -> None:
    """Store the fitted retrieval (no pickle)."""
    vectoriser, index, model = retrieval
    save_vectoriser(conn, schema.KNOWLEDGE_MODEL, vectoriser)
    save_index(conn, index, model)


def _sync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _insert(db: sqlite_utils.Database, name: str, frame: pd.DataFrame, pk: str | None) -> None:
    records = [_clean(r) for r in frame.to_dict(orient="records")]
    foreign_keys = list(schema.FOREIGN_KEYS.get(name, ()))
    db.table(name).insert_all(records, pk=pk, foreign_keys=foreign_keys or None)


def _clean(record: dict[Any, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in record.items():
        if value is pd.NA or (isinstance(value, float) and value != value) or value == "":
            value = None
        elif hasattr(value, "item"):
            value = value.item()
        out[str(key)] = value
    return out


def _indexes(db: sqlite_utils.Database) -> None:
    db.table(schema.NAMES).create_index(["norm"])
    db.table(schema.NAMES).create_index(["municipality_number"])
    db.table(schema.POSTAL_CODES).create_index(["municipality_number"])
    db.table(schema.CENTRE_MUNICIPALITIES).create_index(["municipality_number"])
    db.table(schema.CENTRE_MUNICIPALITIES).create_index(["centre_id"])
    db.table(schema.CENTRE_POINTS).create_index(["centre_id"])
    db.table(schema.FIGURES).create_index(["table_id", "year"])
    db.table(schema.FIGURES).create_index(["centre_id"])
    db.table(schema.STATEMENTS).create_index(["topic"])
    db.table(schema.STATEMENT_QUESTIONS).create_index(["statement_id"])


def _full_text(db: sqlite_utils.Database) -> None:
    for name, columns in schema.FULL_TEXT.items():
        db.table(name).enable_fts(list(columns), tokenize="unicode61 remove_diacritics 2")


def _check_foreign_keys(conn: sqlite3.Connection) -> None:
    broken = conn.execute("PRAGMA foreign_key_check").fetchall()
    if broken:
        table, rowid, parent, _ = broken[0]
        problem = f"points to a missing row of {parent} ({len(broken)} such rows)"
        raise SourceError(f"table {table}", rowid, problem)


def _meta(db: sqlite_utils.Database, raw: RawPaths) -> None:
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    db.table(schema.META).insert_all(
        [
            {"key": "schema_version", "value": str(schema.SCHEMA_VERSION)},
            {"key": "built_at", "value": now},
            {"key": "current_year", "value": str(schema.CURRENT_YEAR)},
        ],
        pk="key",
    )
    files = [{"path": raw.relative(p), "sha256": _sha256(p)} for p in raw.all_inputs()]
    db.table(schema.SOURCE_FILES).insert_all(files, pk="path")


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
