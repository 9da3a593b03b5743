"""Build the SQLite database from ``data/raw/`` and ``data/curated/``: read, check, tidy, write
atomically.

``bot.pipeline.tables`` reads and checks every source into one frame per table;
``bot.pipeline.write`` writes them (with the fitted understanding models) under a temporary name
and renames the file into place, so a reader never sees half a database. The fits run beside
the reading and writing (``bot.pipeline.pool``): the understanding models in one process, the
statement model's two parts in two more, while this one reads the tables. When the model cache
beside ``out`` holds models fitted from the same inputs by the same code
(``bot.pipeline.model_cache``), their rows are copied in and nothing is fitted.
"""

from __future__ import annotations

from pathlib import Path

from bot.pipeline import model_cache, train
from bot.pipeline.knowledge import topic_questions
from bot.pipeline.pool import beside
from bot.pipeline.sources import RawPaths
from bot.pipeline.tables import Tables, read_all, read_known
from bot.pipeline.write import start_retrieval, write


def build(raw_root: Path, out: Path) -> Tables:
    """Read ``raw_root`` (and ``curated/`` beside it), check it, fit the understanding models
    on the curated examples (the topic model also on the knowledge base's questions), and
    write the database to ``out``. Returns the tables."""
    raw = RawPaths(raw_root)
    known = read_known(raw)
    key, cache = model_cache.inputs_key(raw), model_cache.path_for(out)
    if model_cache.holds(cache, key):
        tables = read_all(raw, known)
        write(tables, out, raw, cached=lambda conn: model_cache.copy_in(conn, cache, key))
        return tables
    with beside() as pool:
        models = pool.submit(train.train_from, raw.examples_dir, topic_questions(known))
        retrieval = start_retrieval(known, pool)  # the statement model's parts: beside too
        tables = read_all(raw, known)
        write(tables, out, raw, models.result, retrieval)  # waits for the fits after the tables
    model_cache.keep(out, cache, key, models.result().meta)
    return tables
