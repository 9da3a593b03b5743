"""Training inside build-db: examples are checked like sources, the fit is deterministic, the
database carries the models and their cross-validated scores, and the bot loads them."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bot.pipeline import examples, train
from bot.pipeline.knowledge import topic_questions
from bot.pipeline.sources import RawPaths, SourceError
from bot.pipeline.tables import read_all
from bot.understand import features
from bot.understand.classifier import Classifier
from tests.conftest import RAW

HEADER = "message\tintent\ttopic\tlang\n"


def _write(folder: Path, body: str, header: str = HEADER) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "x.tsv").write_text(header + body, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("body", "problem"),
    [
        ("hei\tgreeting\t-\tnb\n", "unknown intent"),
        ("hei\tsmalltalk\tpolice\tnb\n", "does not fit"),
        ("hva er vold\thelp\t-\tnb\n", "needs a topic"),
        ("hva er vold\thelp\tweather\tnb\n", "does not fit"),
        ("hei\tsmalltalk\t-\tsv\n", "unknown language"),
        ("hei\tsmalltalk\n", "expected 4 columns"),
        ("\tsmalltalk\t-\tnb\n", "empty message"),
    ],
)
def test_a_bad_example_names_file_row_and_problem(tmp_path: Path, body: str, problem: str) -> None:
    folder = _write(tmp_path / "ex", "takk\tsmalltalk\t-\tnb\n" + body)
    with pytest.raises(SourceError, match=problem) as caught:
        examples.read_examples(folder)
    assert caught.value.row == 3
    assert caught.value.path.endswith("x.tsv")


def test_a_wrong_header_or_no_files_stop_the_build(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="header"):
        examples.read_examples(_write(tmp_path / "a", "hei\tsmalltalk\t-\tnb\n", "text\tlabel\n"))
    (tmp_path / "b").mkdir()
    with pytest.raises(SourceError, match="no training examples"):
        examples.read_examples(tmp_path / "b")


def test_the_built_database_carries_models_scores_and_versions(sql: sqlite3.Connection) -> None:
    meta = dict(sql.execute("SELECT key, value FROM _meta").fetchall())
    assert meta["sklearn_version"] == features.sklearn_version()
    assert meta["examples_sha256"] == examples.examples_digest(examples.EXAMPLES)
    assert int(meta["examples"]) == len(examples.read_examples(examples.EXAMPLES))
    for key in ("cv_intent_accuracy", "cv_topic_accuracy", "cv_emergency_recall"):
        assert 0.5 < float(meta[key]) <= 1.0, key
    models = {r[0] for r in sql.execute("SELECT DISTINCT model FROM model_parts")}
    assert models == {"understand", "intent", "topic", "lang", "knowledge"}


def test_training_is_deterministic(sql: sqlite3.Connection) -> None:
    stored = Classifier.load(sql)
    asked = topic_questions(read_all(RawPaths(RAW)).knowledge)
    again = train.train(examples.read_examples(examples.EXAMPLES), asked)
    assert again.vectoriser.terms == stored.vectoriser.terms
    np.testing.assert_array_equal(again.vectoriser.idf, stored.vectoriser.idf)
    for fresh, kept in ((again.intent, stored.intent_model), (again.topic, stored.topic_model),
                        (again.lang, stored.lang_model)):  # fmt: skip
        assert fresh.classes == kept.classes
        np.testing.assert_array_equal(fresh.weights, kept.weights)
        np.testing.assert_array_equal(fresh.calib_a, kept.calib_a)


def test_the_bot_refuses_models_from_another_scikit_learn(db_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy.db"
    copy.write_bytes(db_path.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("UPDATE _meta SET value = '0.0.1' WHERE key = 'sklearn_version'")
    conn = sqlite3.connect(copy)
    with pytest.raises(features.ModelError, match=r"0\.0\.1"):
        Classifier.load(conn)
    conn.close()


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("mannen min slår meg", "disclosure"),
        ("hvordan anmelder jeg", "help"),
        ("tusen takk", "smalltalk"),
        ("hvor mange bodde på krisesenter i 2021", "stats"),
    ],
)
def test_the_loaded_models_read_plain_messages(sql: sqlite3.Connection, text: str,
                                               intent: str) -> None:  # fmt: skip
    assert Classifier.load(sql).scores(text).intent == intent
