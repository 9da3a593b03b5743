"""The retrieval question set (tests/data/questions.tsv): big enough, honest, and measurable."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from click.testing import CliRunner

from bot import schema
from bot.catalog.knowledge import load_knowledge
from bot.cli import main
from bot.names import normalize
from bot.understand.features import Vectoriser, load_vectoriser
from bot.understand.retrieval_eval import Case, Outcome, read_cases
from tests.conftest import ROOT

QUESTIONS = ROOT / "tests" / "data" / "questions.tsv"
DEV = ROOT.parent.parent / "shared" / "understanding" / "examples_dev.tsv"


def test_at_least_150_questions_each_with_known_statements(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        cases = read_cases(QUESTIONS, load_knowledge(conn))
    assert len(cases) >= 150
    assert len({c.question for c in cases}) == len(cases)


def test_no_question_is_also_a_training_example(db_path: Path) -> None:
    with sqlite3.connect(db_path) as conn:
        knowledge = load_knowledge(conn)
    examples = {normalize(q) for s in knowledge.statements.values() for q in s.questions}
    cases = read_cases(QUESTIONS, knowledge)
    assert not [c.question for c in cases if normalize(c.question) in examples]


def test_nothing_is_copied_from_the_measuring_set(db_path: Path) -> None:
    if not DEV.is_file():
        return
    with DEV.open(encoding="utf-8", newline="") as handle:
        dev = {normalize(row[0]) for row in csv.reader(handle, delimiter="\t") if row}
    with sqlite3.connect(db_path) as conn:
        knowledge = load_knowledge(conn)
    ours = {normalize(q) for s in knowledge.statements.values() for q in s.questions}
    ours |= {normalize(c.question) for c in read_cases(QUESTIONS, knowledge)}
    assert not sorted(ours & dev)


def test_krisebot_eval_questions_prints_both_measurements(db_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "eval", "--questions"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].endswith("questions")
    assert lines[1].startswith("given the right topic: right statement first ")
    assert lines[2].startswith("the bot's replies: right statement first ")
    assert "answered from another topic" in lines[2]


def test_no_example_question_is_a_near_copy_of_a_measured_one(db_path: Path) -> None:
    """Cosine over the retrieval features: an example question this close to a question we
    measure on (or to the dev set) would measure copying, not understanding."""
    with sqlite3.connect(db_path) as conn:
        knowledge = load_knowledge(conn)
        vectoriser = load_vectoriser(conn, schema.KNOWLEDGE_MODEL)
    measured = [c.question for c in read_cases(QUESTIONS, knowledge)]
    if DEV.is_file():
        with DEV.open(encoding="utf-8", newline="") as handle:
            measured += [row[0] for row in csv.reader(handle, delimiter="\t") if row][1:]
    rows = [_unit(vectoriser, q) for q in measured]
    close = [
        (q, measured[i])
        for s in knowledge.statements.values()
        for q in s.questions
        for i, score in enumerate(_cosines(_unit(vectoriser, q), rows))
        if score >= NEAR_COPY
    ]
    assert not close


NEAR_COPY = 0.9


def _unit(vectoriser: Vectoriser, text: str) -> dict[int, float]:
    row = vectoriser.transform(text)
    return dict(zip(row.indices.tolist(), row.values.tolist(), strict=True))


def _cosines(row: dict[int, float], others: list[dict[int, float]]) -> list[float]:
    return [sum(v * other.get(j, 0.0) for j, v in row.items()) for other in others]


def test_a_listed_statement_of_another_topic_is_right_and_an_unlisted_one_is_other() -> None:
    case = Case("er linjen anonym", ("a_1", "b_2"), "a")
    listed = Outcome(case, ("b_2",), "b")
    unlisted = Outcome(case, ("b_3",), "b")
    wrong_here = Outcome(case, ("a_9",), "a")
    assert listed.right_first and not listed.other_topic
    assert unlisted.other_topic and not unlisted.right_first
    assert not wrong_here.other_topic and not wrong_here.right_first
    assert Outcome(case, (), None).topic_page


def test_a_listed_statements_twin_counts_as_listed(db_path: Path, tmp_path: Path) -> None:
    path = tmp_path / "q.tsv"
    path.write_text("question\tstatements\nmå jeg vitne\tpol_victim_is_witness\n", encoding="utf-8")
    with sqlite3.connect(db_path) as conn:
        (case,) = read_cases(path, load_knowledge(conn))
    assert case.expected == ("pol_victim_is_witness", "leg_fornaermet_is_witness_domstol")
    assert case.topic == "police"
