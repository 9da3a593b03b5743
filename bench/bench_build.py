"""Benchmark: how long ``build-db`` takes on the real sources (target: well under 5 s).

Run: ``python bench/bench_build.py [--runs N]``. Prints the median, min and max wall time of
N builds into a temporary folder, and the size of the file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from bot.config import DEFAULT_RAW
from bot.pipeline.build import build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "krisebot.db"
        for _ in range(args.runs):
            started = time.perf_counter()
            build(DEFAULT_RAW, out)
            times.append(time.perf_counter() - started)
        size = out.stat().st_size
    print(f"build-db runs: {args.runs}")
    print(f"median: {statistics.median(times):.3f} s  min: {min(times):.3f} s  "
          f"max: {max(times):.3f} s  (target < 5 s)")  # fmt: skip
    print(f"database size: {size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
