"""Build the SQLite database from ``data/raw/`` and ``data/curated/``: read, check, tidy, write
atomically.

``bot.pipeline.tables`` reads and checks every source into one frame per table;
``bot.pipeline.write`` writes them (with the fitted understanding models) under a temporary name
and renames the file into place, so a reader never sees half a database.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from pathlib import Path
from typing import ParamSpec, TypeVar

from bot.pipeline import train
from bot.pipeline.knowledge import topic_questions
from bot.pipeline.sources import RawPaths
from bot.pipeline.tables import Tables, read_all, read_known
from bot.pipeline.write import fit_retrieval, write

P = ParamSpec("P")
T = TypeVar("T")


def build(raw_root: Path, out: Path) -> Tables:
    """Read ``raw_root`` (and ``curated/`` beside it), check it, fit the understanding models
    on the curated examples (the topic model also on the knowledge base's questions), and
    write the database to ``out``. Returns the tables."""
    raw = RawPaths(raw_root)
    known = read_known(raw)
    with _beside() as pool:
        retrieval = pool.submit(fit_retrieval, known)  # the longest step: started first
        tables = read_all(raw, known)
        models = train.train_from(raw.examples_dir, topic_questions(known))
        write(tables, out, raw, models, retrieval.result)  # waits for it only at the end
    return tables


def _beside() -> Executor:
    """Where the retrieval is fitted while the understanding models train: a forked process
    (the two fits then share the cores). Not a thread: liblinear, under both, keeps its random
    state per process, and two fits in one process would no longer be reproducible. Where
    ``fork`` is not available, the same process, one fit after the other."""
    if "fork" in multiprocessing.get_all_start_methods():
        return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    return _InTurn()


class _InTurn(Executor):
    """Runs what is submitted at once, in this process (one fit after the other)."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed over like a pool does, raised by result()
            future.set_exception(exc)
        return future
