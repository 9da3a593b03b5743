"""Retrieval: a question -> the statements that answer it, within the topic, deterministically."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest

from bot.catalog.knowledge import (
    KnowledgeBase,
    KnowledgeIndexError,
    load_index,
    load_knowledge,
    load_model,
)
from bot.cli import load_retriever
from bot.understand import features
from bot.understand.retrieve import FIT_WEIGHT, MARGIN, STRONG, THRESHOLD, Hit, Retriever


@pytest.fixture(scope="module")
def knowledge(db_path: Path) -> KnowledgeBase:
    with sqlite3.connect(db_path) as conn:
        return load_knowledge(conn)


@pytest.fixture(scope="module")
def retriever(db_path: Path, knowledge: KnowledgeBase) -> Retriever:
    with sqlite3.connect(db_path) as conn:
        return load_retriever(conn, knowledge)


def test_the_questions_of_the_issue_find_their_statements(retriever: Retriever) -> None:
    expected = {
        "hva er psykisk vold?": "form_psychological",
        "kan jeg få besøksforbud?": "prot_besoksforbud_politiet",
        "får jeg bli i Norge hvis jeg går fra ham?": "mig_dinutvei_dont_have_to_stay",
    }
    for question, sid in expected.items():
        assert retriever.search(question)[0].statement.id == sid


def test_search_stays_within_the_topic(retriever: Retriever) -> None:
    hits = retriever.search("kan jeg ta med barna?", "children")
    assert all(h.statement.topic == "children" for h in hits)
    assert retriever.search("kan jeg ta med barna?", "krisesenter")[0].statement.id == "children"


def test_one_to_three_statements_best_first(retriever: Retriever) -> None:
    hits = retriever.search("hvordan fungerer voldsalarmen", "protection")
    assert 1 <= len(hits) <= 3
    combined = [h.score + FIT_WEIGHT * h.fit for h in hits]
    assert combined == sorted(combined, reverse=True)
    assert all(h.score >= THRESHOLD for h in hits)


def test_below_the_threshold_nothing_is_guessed(retriever: Retriever) -> None:
    assert retriever.search("asdfgh qwerty") == []
    assert retriever.search("") == []
    assert retriever.search("hva blir været i morgen", "elderly") == []


def test_the_same_question_gives_the_same_answer(retriever: Retriever) -> None:
    first = [h.statement.id for h in retriever.search("hva koster krisesenter")]
    assert first == [h.statement.id for h in retriever.search("hva koster krisesenter")]


def test_the_stored_index_matches_indexing_at_load(db_path: Path, knowledge: KnowledgeBase) -> None:
    from bot.pipeline.retrieval import index_questions

    with sqlite3.connect(db_path) as conn:
        vectoriser = features.load_vectoriser(conn, "knowledge")
        stored = load_index(conn)
    pairs = [(s.id, q) for s in knowledge.statements.values() for q in s.questions]
    pairs += [(s.id, s.nb) for s in knowledge.statements.values()]
    pairs += [(s.id, s.en) for s in knowledge.statements.values()]
    fresh = index_questions(vectoriser, pairs)
    assert stored.owners == fresh.owners
    assert np.array_equal(stored.starts, fresh.starts)
    assert np.array_equal(stored.questions, fresh.questions)
    assert np.allclose(stored.values, fresh.values, rtol=0, atol=1e-12)


def test_the_stored_model_is_the_fit_again_and_scores_as_its_weights(
    db_path: Path, knowledge: KnowledgeBase, retriever: Retriever
) -> None:
    """The model the build fitted beside the training (another process) is the one a fit in
    this process gives, and a statement's fit is its kept weights times the question's row."""
    from bot.pipeline.retrieval import fit_index

    pairs = [(s.id, q) for s in knowledge.statements.values() for q in s.questions]
    pairs += [(s.id, s.nb) for s in knowledge.statements.values()]
    pairs += [(s.id, s.en) for s in knowledge.statements.values()]
    with sqlite3.connect(db_path) as conn:
        stored, vectoriser = load_model(conn), features.load_vectoriser(conn, "knowledge")
    _, _, fresh = fit_index(pairs)
    assert stored.weights.owners == fresh.weights.owners
    assert np.array_equal(stored.weights.starts, fresh.weights.starts)
    assert np.array_equal(stored.weights.questions, fresh.weights.questions)
    assert np.array_equal(stored.weights.values, fresh.weights.values)
    assert np.array_equal(stored.intercepts, fresh.intercepts)
    dense = np.zeros((len(stored.weights.owners), len(vectoriser.terms)))
    for feature in range(len(vectoriser.terms)):
        at = slice(stored.weights.starts[feature], stored.weights.starts[feature + 1])
        dense[stored.weights.questions[at], feature] = stored.weights.values[at]
    question = "får jeg beholde barna hvis jeg flytter på krisesenter"
    row = vectoriser.transform(question)
    expected = dense[:, row.indices] @ row.values + stored.intercepts
    fits = {h.statement.id: h.fit for h in retriever.scores(question)}
    owners = stored.weights.owners
    assert fits and all(abs(fit - expected[owners.index(sid)]) < 1e-9 for sid, fit in fits.items())


def test_a_missing_index_is_a_model_error(knowledge: KnowledgeBase) -> None:
    conn = sqlite3.connect(":memory:")
    with pytest.raises((features.ModelError, KnowledgeIndexError)):
        load_retriever(conn, knowledge)
    conn.execute("CREATE TABLE knowledge_index (part TEXT PRIMARY KEY, data BLOB NOT NULL)")
    with pytest.raises(KnowledgeIndexError):
        load_index(conn)
    with pytest.raises(KnowledgeIndexError):
        load_model(conn)


def _fixed(
    retriever: Retriever, scores: dict[str, float], fits: dict[str, float] | None = None
) -> Retriever:
    """``retriever`` with cosines (and model fits) fixed per statement id (the combination
    alone is tested)."""
    statements = retriever._knowledge.statements
    fit = fits or {}
    hits = [Hit(statements[sid], score, fit.get(sid, 0.0)) for sid, score in scores.items()]
    hits.sort(key=lambda h: -(h.score + FIT_WEIGHT * h.fit))
    retriever.scores = lambda question, topic=None: hits  # type: ignore[method-assign]
    return retriever


def _ids(hits: list[Hit]) -> list[str]:
    return [h.statement.id for h in hits]


def test_answer_never_comes_from_a_topic_the_evidence_does_not_support(
    db_path: Path, knowledge: KnowledgeBase
) -> None:
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), {"free": STRONG - 0.01})
    assert retriever.answer("q", (("children", 0.9),)) == []
    assert _ids(retriever.answer("q", (("children", 0.5), ("krisesenter", 0.3)))) == ["free"]


def test_a_strong_fit_outside_the_likeliest_topics_counts(
    db_path: Path, knowledge: KnowledgeBase
) -> None:
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), {"free": STRONG + 0.2})
    assert _ids(retriever.answer("q", (("children", 0.9),))) == ["free"]


def test_close_rivals_from_two_topics_give_no_answer(
    db_path: Path, knowledge: KnowledgeBase
) -> None:
    close = {"free": 0.5, "form_economic": 0.5 + MARGIN / 2}
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), close)
    likely = (("krisesenter", 0.4), ("is_it_violence", 0.4))
    assert retriever.answer("q", likely) == []
    clear = {"free": 0.5, "form_economic": 0.5 + 2 * MARGIN, "form_control": 0.45 + 2 * MARGIN}
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), clear)
    assert _ids(retriever.answer("q", likely)) == ["form_economic", "form_control"]


def test_below_the_threshold_nothing_is_answered(db_path: Path, knowledge: KnowledgeBase) -> None:
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), {"free": THRESHOLD - 0.01})
    assert retriever.answer("q", (("krisesenter", 1.0),)) == []


def test_the_model_settles_between_neighbours_of_one_topic(
    db_path: Path, knowledge: KnowledgeBase
) -> None:
    """Two statements of a topic whose examples fit about as well: the one the model fits
    comes first; the cosine alone still decides whether anything is answered."""
    near = {"form_economic": 0.52, "form_control": 0.5}
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), near, {"form_control": 0.4})
    likely = (("is_it_violence", 0.9),)
    assert _ids(retriever.answer("q", likely)) == ["form_control", "form_economic"]
    low = {"form_economic": THRESHOLD - 0.02, "form_control": THRESHOLD - 0.05}
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(load_retriever(conn, knowledge), low, {"form_control": 2.0})
    assert retriever.answer("q", likely) == []


def test_a_twin_that_says_the_same_in_another_topic_is_no_rival(
    db_path: Path, knowledge: KnowledgeBase
) -> None:
    """Being a witness in court is said under the police and under legal help (curated
    ``same_as``): a question that fits both is answered, not shown a topic page; a statement
    of another topic that says something else still is a rival."""
    twin, other = "leg_fornaermet_is_witness_domstol", "leg_fri_rettshjelp_what_srf"
    assert twin in knowledge.statements["pol_victim_is_witness"].same_as
    assert other not in knowledge.statements["pol_victim_is_witness"].same_as
    likely = (("police", 0.5), ("legal_help", 0.4))
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(
            load_retriever(conn, knowledge), {"pol_victim_is_witness": 0.6, twin: 0.58}
        )
    assert _ids(retriever.answer("q", likely)) == ["pol_victim_is_witness"]
    with sqlite3.connect(db_path) as conn:
        retriever = _fixed(
            load_retriever(conn, knowledge), {"pol_victim_is_witness": 0.6, other: 0.58}
        )
    assert retriever.answer("q", likely) == []
