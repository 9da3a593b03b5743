"""Benchmark: how long ``build-db`` takes on the real sources (target: well under 5 s).

Run: ``python bench/bench_build.py [--runs N]``. Builds N times into a temporary folder, each
time twice: cold (the model cache beside the database removed first, so every model is fitted,
as after any change to the inputs or the code) and then warm (nothing changed: the models are
copied from the cache the cold build left). Prints the median, min and max wall time of each
kind, and the size of the file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bot.config import DEFAULT_RAW
from bot.pipeline.build import build
from bot.pipeline.model_cache import path_for


def _timed(out: Path) -> float:
    started = time.perf_counter()
    build(DEFAULT_RAW, out)
    return time.perf_counter() - started


def _line(kind: str, times: list[float]) -> str:
    return (f"{kind}: median: {statistics.median(times):.3f} s  min: {min(times):.3f} s  "
            f"max: {max(times):.3f} s  (target < 5 s)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    cold, warm = [], []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "krisebot.db"
        for _ in range(args.runs):
            path_for(out).unlink(missing_ok=True)
            cold.append(_timed(out))
            warm.append(_timed(out))
        size = out.stat().st_size
    print(f"build-db runs: {args.runs} cold (every model fitted), {args.runs} warm (models cached)")
    print(_line("cold", cold))
    print(_line("warm", warm))
    print(f"database size: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
