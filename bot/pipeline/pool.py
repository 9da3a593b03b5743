"""Where ``build-db``'s fits run: forked processes beside the build, else one after the other.

The build hands its independent fits (the understanding models, each part of the statement
model) to ``beside()`` and takes their results only when it writes them, so that the fits share
the cores with reading and writing the tables. Processes, not threads: liblinear, under every
fit, keeps its random state per process, and two fits in one process at once would no longer be
reproducible. Where ``fork`` is not available, ``InTurn`` runs each fit at once, in this process:
the same fits, so the same models, only slower.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from typing import Final, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

#: The fits that run at once: the understanding models and the statement model's two parts.
WORKERS: Final = 3


def beside() -> Executor:
    """Forked worker processes (the fits then share the cores with the build), or ``InTurn``
    where ``fork`` is not available."""
    if "fork" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(max_workers=WORKERS, mp_context=context)
    return InTurn()


class InTurn(Executor):
    """Runs what is submitted at once, in this process (one fit after the other)."""

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:  # handed over like a pool does, raised by result()
            future.set_exception(exc)
        return future
