"""The training examples in ``data/curated/examples/*.tsv``: where they are, how they are read
and checked (like a raw source: a bad row stops the build with file, row and problem), and
whether the models in a database were fitted on the examples and the scikit-learn installed
now. No scikit-learn here: the CLI asks ``stale_reason`` before every command.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.pipeline.sources import SourceError
from bot.understand import features
from bot.understand.labels import INTENTS, LANGS, NO_TOPIC, TOPICS, WITH_TOPIC

_PACKAGED = Path(__file__).resolve().parents[1] / "_data" / "curated" / "examples"
_CHECKOUT = Path(__file__).resolve().parents[2] / "data" / "curated" / "examples"
#: The examples: ``data/curated/examples`` in a checkout, the copy inside an installed wheel.
EXAMPLES = _PACKAGED if _PACKAGED.is_dir() else _CHECKOUT
EXAMPLES_KEY = "examples_sha256"
COLUMNS = ("message", "intent", "topic", "lang")


@dataclass(frozen=True)
class Example:
    message: str
    intent: str
    topic: str | None
    lang: str


def example_files(folder: Path) -> list[Path]:
    """The example files, in a stable order (their content decides the models)."""
    return sorted(folder.glob("*.tsv"))


def examples_digest(folder: Path) -> str:
    """One SHA-256 over every example file's name and content: a changed example makes the
    database stale."""
    digest = hashlib.sha256()
    for path in example_files(folder):
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def read_examples(folder: Path) -> list[Example]:
    """Every example under ``folder``; ``SourceError`` names the file and row of a bad one."""
    files = example_files(folder)
    if not files:
        raise SourceError(folder, None, "no training examples (*.tsv)")
    out: list[Example] = []
    for path in files:
        out += _read_file(path)
    return out


def _read_file(path: Path) -> list[Example]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise SourceError(path, 1, f"header must be {' '.join(COLUMNS)}")
    return [_example(path, i, row) for i, row in enumerate(rows[1:], start=2) if any(row)]


def _example(path: Path, line: int, row: list[str]) -> Example:
    if len(row) != len(COLUMNS):
        raise SourceError(path, line, f"expected {len(COLUMNS)} columns, got {len(row)}")
    message, intent, topic, lang = (cell.strip() for cell in row)
    problem = _problem(message, intent, topic, lang)
    if problem:
        raise SourceError(path, line, problem)
    return Example(message, intent, None if topic == NO_TOPIC else topic, lang)


def _problem(message: str, intent: str, topic: str, lang: str) -> str:
    if not message:
        return "empty message"
    if intent not in INTENTS:
        return f"unknown intent {intent!r}"
    if topic != NO_TOPIC and (topic not in TOPICS or intent not in WITH_TOPIC):
        return f"topic {topic!r} does not fit intent {intent!r}"
    if intent == "help" and topic == NO_TOPIC:
        return "a help example needs a topic"
    return "" if lang in LANGS else f"unknown language {lang!r}"


def stale_reason(db_path: Path) -> str | None:
    """Why the models in the database at ``db_path`` must be refitted, or None. (Changed
    examples are caught like any changed source: they are in ``RawPaths.all_inputs``.)"""
    try:
        conn = sqlite3.connect(f"{db_path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            meta = dict(conn.execute("SELECT key, value FROM _meta").fetchall())
        finally:
            conn.close()
    except sqlite3.Error:
        return "unreadable"
    if meta.get(features.SKLEARN_VERSION_KEY) != features.sklearn_version():
        return "models fitted by another scikit-learn version"
    return None
