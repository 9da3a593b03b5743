"""The fits run beside the build: in forked processes, else one after the other."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor

import pytest

from bot.pipeline import pool as fits


def _pid() -> int:
    return os.getpid()


def _fail() -> int:
    raise ValueError("a source is broken")


def test_with_fork_the_fit_runs_in_another_process() -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    with fits.beside() as pool:
        assert isinstance(pool, ProcessPoolExecutor)
        assert pool.submit(_pid).result() != os.getpid()


def test_without_fork_the_fit_runs_here_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    with fits.beside() as pool:
        future = pool.submit(_pid)
        assert future.done() and future.result() == os.getpid()
        failed = pool.submit(_fail)
    with pytest.raises(ValueError, match="broken"):
        failed.result()
