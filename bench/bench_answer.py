"""Benchmark: time to answer one query in-process, against a plain baseline, and the CLI.

Run: ``python bench/bench_answer.py``. Prints, from one run over the query set built from the
data (tests/support/queryset.py, ~1 500 queries of every kind, repeated):

* median and p99 of ``Answerer.answer`` (target p99 < 2 ms);
* the same for a plain baseline: rapidfuzz ``process.extractOne`` over the names plus one
  SQLite lookup, and the ratio ours/baseline (target <= 2);
* wall time for 3 000 queries through ``krisebot ask --json -`` in one process;
* cold start of ``krisebot ask`` (one query, a fresh process; median of 7) and the import time
  of the CLI (``python -X importtime``): matplotlib is imported only when a chart is drawn;
* the understanding models' share: p99 of ``Classifier.scores`` alone, and the answer core's
  share spent in it; the dev set's messages (if ``shared/understanding`` is beside the repo) as a
  second query set of free text;
* ``build-db`` with training (in-process ``build``, cold, median of 3) and the training's share.
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
from bot.cli import answerer_from, ensure_database  # noqa: E402
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


def dev_messages() -> list[str]:
    """The free-text messages of the dev set, when it is beside the repository."""
    for parent in ROOT.parents:
        path = parent / "shared" / "understanding" / "examples_dev.tsv"
        if path.is_file():
            lines = path.read_text(encoding="utf-8").splitlines()[1:]
            return [line.split("\t")[0] for line in lines if line]
    return []


BUILD_RUNS = 3


def build_time(settings: Settings) -> None:
    """``build`` (sources, checks, training, atomic write) timed in-process, cold: each run in a
    fresh folder, so no model cache beside it and every model is fitted (the warm build, models
    copied from the cache, is timed by ``bench/bench_build.py``)."""
    import sqlite3
    import tempfile

    from bot.pipeline.build import build

    runs, training = [], []
    for _ in range(BUILD_RUNS):
        with tempfile.TemporaryDirectory() as folder:
            out = Path(folder) / "krisebot.db"
            start = time.perf_counter()
            build(settings.raw_dir, out)
            runs.append(time.perf_counter() - start)
            with sqlite3.connect(out) as db:
                row = db.execute("SELECT value FROM _meta WHERE key = 'training_seconds'")
                training.append(float(row.fetchone()[0]))
    print(f"build-db      median {statistics.median(runs):.2f} s of {BUILD_RUNS}, cold"
          f" (target < 5 s); training {statistics.median(training):.2f} s of it")  # fmt: skip


def classifier_share(answerer: Answerer, queries: list[str]) -> None:
    clf = answerer.classifier
    if clf is None:
        print("classifier    none loaded")
        return
    scores = timings(clf.scores, queries)
    total = timings(lambda q: answerer.answer(q, "nb"), queries)
    share = statistics.median(scores) / statistics.median(total)
    print(f"classifier    median {statistics.median(scores):.3f} ms   p99 {p99(scores):.3f} ms"
          f"   ({100 * share:.0f} % of the answer core's median)")  # fmt: skip


def main() -> None:
    cold_start()
    settings = Settings.from_env()
    ensure_database(settings)
    conn = open_readonly(settings.db_path)
    answerer = answerer_from(conn)
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
    classifier_share(answerer, queries)
    free = dev_messages()
    if free:
        dev = timings(lambda q: answerer.answer(q, "nb"), free)
        print(f"dev messages  median {statistics.median(dev):.3f} ms   p99 {p99(dev):.3f} ms"
              f"   ({len(free)} free-text messages)")  # fmt: skip
        classifier_share(answerer, free)
    build_time(settings)
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
