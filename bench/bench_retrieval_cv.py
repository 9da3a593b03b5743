"""Benchmark: the knowledge retrieval on the curated example questions, held out in five folds.

Run: ``python bench/bench_retrieval_cv.py [--folds N]``. The retrieval constants
(``bot.understand.retrieve``, ``bot.answers.knowledge``) were chosen on these folds, never on the
measuring sets (``tests/data/questions.tsv``, ``examples_dev.tsv``); this prints the figures so
that a change to the retrieval can be judged on them first. For each fold, with the build's own
code: the topic model is fitted without the held-out questions (``train.train``), and the
vectoriser, index and statement model without them (``retrieval.fit_index``; the statements'
own wordings always stay in). Each held-out question is then answered:

* the help rule: ``Retriever.answer`` over the topic model's likeliest topics, as the bot
  answers a help question: right first, from another topic, or nothing (the topic page);
* given its topic: ``Retriever.answer`` with the right topic alone;
* ranking within its topic: the best-scored statement of its topic, with no threshold.

A question is right when the first statement is its own or a curated ``same_as`` twin. Takes
about a minute on two cores.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import NamedTuple

import numpy as np
from sklearn.model_selection import KFold

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.catalog.db import open_readonly  # noqa: E402
from bot.catalog.knowledge import KnowledgeBase, load_knowledge  # noqa: E402
from bot.cli import ensure_database  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.pipeline import train  # noqa: E402
from bot.pipeline.examples import Example, read_examples  # noqa: E402
from bot.pipeline.knowledge import topic_questions  # noqa: E402
from bot.pipeline.retrieval import fit_index  # noqa: E402
from bot.pipeline.sources import RawPaths  # noqa: E402
from bot.pipeline.tables import read_known  # noqa: E402
from bot.pipeline.write import retrieval_rows  # noqa: E402
from bot.understand.retrieve import Retriever  # noqa: E402

SEED = 0


class Inputs(NamedTuple):
    """What every fold is fitted from, read once: the curated examples (intent and topic), the
    knowledge base's questions with their topics (for the topic model), and the retrieval rows
    (the questions first, in the same order, then the wordings, which are never held out)."""

    examples: list[Example]
    asked: list[tuple[str, str]]
    rows: list[tuple[str, str]]


def fold(inputs: Inputs, kb: KnowledgeBase, held: set[int]) -> Counter[str]:
    """Fit everything without the example questions at ``held`` (their positions in
    ``known.questions``, the same in ``inputs.asked`` and ``inputs.rows``) and count how each of
    them is answered."""
    asked = [a for i, a in enumerate(inputs.asked) if i not in held]
    trained = train.train(inputs.examples, asked)
    rows = inputs.rows
    vectoriser, index, model = fit_index([r for i, r in enumerate(rows) if i not in held])
    retriever = Retriever(vectoriser, index, kb, model)
    counts: Counter[str] = Counter()
    for i in sorted(held):
        sid, question = rows[i]
        right = {sid, *kb.statements[sid].same_as}
        topic = kb.statements[sid].topic
        likely = tuple(trained.topic.ranked(trained.vectoriser.transform(question)))
        hits = retriever.answer(question, likely)
        if not hits:
            counts["page"] += 1
        elif hits[0].statement.id in right:
            counts["right"] += 1
        elif hits[0].statement.topic != topic:
            counts["other"] += 1
        given = retriever.answer(question, ((topic, 1.0),))
        counts["given"] += bool(given) and given[0].statement.id in right
        ranked = retriever.scores(question, topic)
        counts["in_topic"] += bool(ranked) and ranked[0].statement.id in right
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    settings = Settings.from_env()
    ensure_database(settings)
    kb = load_knowledge(open_readonly(settings.db_path))
    raw = RawPaths(settings.raw_dir)
    known = read_known(raw)
    inputs = Inputs(read_examples(raw.examples_dir), topic_questions(known), retrieval_rows(known))
    total: Counter[str] = Counter()
    positions = np.arange(len(known.questions))
    folds = KFold(args.folds, shuffle=True, random_state=SEED).split(positions)
    for k, (_, held) in enumerate(folds):
        total += fold(inputs, kb, set(held.tolist()))
        print(f"fold {k + 1} of {args.folds} done", flush=True)
    n = len(positions)
    keys = ("right", "other", "page", "given", "in_topic")
    share = {key: f"{100 * total[key] / n:.1f} %" for key in keys}  # a Counter: 0 when absent
    print(f"{n} curated example questions, each held out once")
    print(
        f"help rule: right first {share['right']}, from another topic {share['other']}, "
        f"topic page {share['page']}"
    )
    print(f"given its topic: right first {share['given']}")
    print(f"ranking within its topic (no threshold): right first {share['in_topic']}")


if __name__ == "__main__":
    main()
