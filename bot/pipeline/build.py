"""Build the SQLite database from ``data/raw/`` and ``data/curated/``: read, check, tidy, write
atomically.

``bot.pipeline.tables`` reads and checks every source into one frame per table;
``bot.pipeline.write`` writes them (with the fitted understanding models) under a temporary name
and renames the file into place, so a reader never sees half a database.
"""

from __future__ import annotations

from pathlib import Path

from bot.pipeline import train
from bot.pipeline.sources import RawPaths
from bot.pipeline.tables import Tables, read_all
from bot.pipeline.write import write


def build(raw_root: Path, out: Path) -> Tables:
    """Read ``raw_root`` (and ``curated/`` beside it), check it, fit the understanding models
    on the curated examples, and write the database to ``out``. Returns the tables."""
    raw = RawPaths(raw_root)
    tables = read_all(raw)
    write(tables, out, raw, train.train_from(raw.examples_dir))
    return tables
