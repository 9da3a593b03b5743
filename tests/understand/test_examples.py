"""The training examples: enough of every intent and topic, in the three written forms, and
nothing taken from the measuring set."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from bot.names import normalize
from bot.pipeline import examples
from bot.understand.labels import INTENTS, TOPICS

EXAMPLES = examples.read_examples(examples.EXAMPLES)
ROOT = Path(__file__).resolve().parents[2]


def dev_set() -> Path | None:
    """``shared/understanding/examples_dev.tsv`` beside the repository (or its worktree)."""
    for parent in ROOT.parents:
        path = parent / "shared" / "understanding" / "examples_dev.tsv"
        if path.is_file():
            return path
    return None


def test_every_intent_has_sixty_examples_and_every_topic_twenty_five() -> None:
    intents = Counter(e.intent for e in EXAMPLES)
    for intent in INTENTS:
        if intent != "clarify":  # the matcher's call: Herøy and Våler, trained as "centre"
            assert intents[intent] >= 60, intent
    assert intents["help"] >= 400 and intents["disclosure"] >= 300
    topics = Counter(e.topic for e in EXAMPLES if e.topic)
    for topic in TOPICS:
        assert topics[topic] >= 25, topic


def test_all_three_written_forms_are_there() -> None:
    langs = Counter(e.lang for e in EXAMPLES)
    assert langs["nb"] > langs["en"] > langs["nn"] >= 150


def test_no_example_repeats_another() -> None:
    seen = Counter(e.message.casefold().strip() for e in EXAMPLES)  # "æ" and "ae" both count
    assert [m for m, n in seen.items() if n > 1] == []


def test_no_example_is_a_row_of_the_measuring_set() -> None:
    path = dev_set()
    if path is None:
        pytest.skip("shared/understanding/examples_dev.tsv is not beside the repository")
    with path.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        dev = {_key(r["message"]) for r in rows}
    assert [e.message for e in EXAMPLES if _key(e.message) in dev] == []


def _key(message: str) -> str:
    """Folded words; a message of emoji only is itself."""
    return normalize(message) or message.strip()
