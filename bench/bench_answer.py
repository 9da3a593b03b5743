"""Benchmark: time to answer one query in-process, against a plain baseline, and the CLI.

Run: ``python bench/bench_answer.py``. Prints, from one run over the query set built from the
data (tests/support/queryset.py, ~1 500 queries of every kind, repeated):

* median and p99 of ``Answerer.answer`` (target p99 < 2 ms);
* the same for a plain baseline: rapidfuzz ``process.extractOne`` over the names plus one
  SQLite lookup, and the ratio ours/baseline (target <= 2);
* wall time for 3 000 queries through ``krisebot ask --json -`` in one process;
* cold start of ``krisebot ask`` (one query, a fresh process; median of 7) and the import time
  of the CLI (``python -X importtime``): matplotlib is imported only when a chart is drawn.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.answers import Answerer  # noqa: E402
from bot.catalog.db import open_readonly  # noqa: E402
from bot.cli import ensure_database  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.names import normalize  # noqa: E402
from tests.support.queryset import DANGER, NASTY, build  # noqa: E402

ROUNDS = 3


def timings(fn: Callable[[str], object], queries: list[str]) -> list[float]:
    out = []
    for _ in range(ROUNDS):
        for q in queries:
            start = time.perf_counter_ns()
            fn(q)
            out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


COLD_RUNS = 7


def cold_start() -> None:
    """Median wall time of ``krisebot ask Bærum`` in a fresh process, and the CLI's imports."""
    runs = []
    for _ in range(COLD_RUNS):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "bot.cli", "ask", "Bærum"], capture_output=True,
                       check=True, cwd=ROOT)  # fmt: skip
        runs.append(time.perf_counter() - start)
    imports = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", "import bot.cli"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    ).stderr  # fmt: skip
    total = int(imports.strip().splitlines()[-1].split("|")[1])
    heavy = "matplotlib" in imports
    print(f"cold start    krisebot ask: median {statistics.median(runs):.2f} s of {COLD_RUNS}; "
          f"import bot.cli {total / 1e6:.2f} s (matplotlib imported: {heavy})")  # fmt: skip


def main() -> None:
    cold_start()
    settings = Settings.from_env()
    ensure_database(settings)
    conn = open_readonly(settings.db_path)
    answerer = Answerer.load(conn)
    queries = [c.query for c in build(conn)] + DANGER + NASTY
    names = [r[0] for r in conn.execute("SELECT DISTINCT norm FROM names")]
    number_of = dict(conn.execute("SELECT norm, municipality_number FROM names").fetchall())

    def baseline(q: str) -> object:
        hit = process.extractOne(normalize(q), names, scorer=fuzz.WRatio)
        number = number_of[hit[0]] if hit else "0301"
        return conn.execute("SELECT * FROM municipalities WHERE number = ?", (number,)).fetchone()

    for q in queries[:50]:  # warm up both
        answerer.answer(q, "nb")
        baseline(q)
    ours = timings(lambda q: answerer.answer(q, "nb"), queries)
    base = timings(baseline, queries)
    print(f"queries: {len(queries)} x {ROUNDS} rounds")
    print(f"answer core   median {statistics.median(ours):.3f} ms   p99 {p99(ours):.3f} ms"
          "   (target p99 < 2 ms)")  # fmt: skip
    print(f"baseline      median {statistics.median(base):.3f} ms   p99 {p99(base):.3f} ms"
          "   (extractOne over names + 1 SQLite lookup)")  # fmt: skip
    print(f"ratio         median {statistics.median(ours) / statistics.median(base):.2f}   "
          f"p99 {p99(ours) / p99(base):.2f}   (target <= 2)")  # fmt: skip
    stdin = "\n".join((queries * 3)[:3000]) + "\n"
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "ask", "--json", "-"],
        input=stdin.encode(), capture_output=True, check=True, cwd=ROOT,
    )  # fmt: skip
    elapsed = time.perf_counter() - start
    lines = result.stdout.decode().count("\n")
    print(f"krisebot ask --json -: {lines} queries in {elapsed:.2f} s "
          f"({lines / elapsed:.0f} queries/s, start-up included)")  # fmt: skip


if __name__ == "__main__":
    main()
