"""Fit the retrieval vectoriser: TF-IDF over every statement's example questions.

Uses the shared feature definition (``bot.understand.features.analyze``) so that retrieval reads
text exactly as the intent/topic classifier does. Only the fitted numbers are stored (model
``schema.KNOWLEDGE_MODEL`` in ``model_parts``, JSON and float arrays, never pickle). Every example
question is transformed here once and stored as an inverted index, which the bot loads
(``bot.catalog.knowledge.load_index``) and searches (``bot.understand.retrieve``). ``fit_index``
fits and indexes in one pass; ``index_questions`` does the same one question at a time with the
bot's own ``Vectoriser`` and is the reference the tests compare the stored index with.

The same pass fits the statement model (``fit_model``): a ``LinearSVC`` that tells the
statements apart over the same rows, each statement keeping its ``KEEP_WEIGHTS`` largest
weights (stored by feature like the index: a few MB instead of 293 x 39 000 floats). Nearest
examples alone confuse neighbouring statements that share words; the model learns which words
tell them apart (chosen on the curated examples, five folds: see ``bot.understand.retrieve``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from typing import Any, Final

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot import schema
from bot.catalog.knowledge import MODEL_PREFIX, QuestionIndex, StatementModel
from bot.pipeline import stored_models
from bot.understand import features

#: The statement model's regularisation (``LinearSVC``'s C), the weights each statement keeps
#: (its largest by magnitude) and the rows a feature must occur in; chosen on the curated
#: examples in five folds.
MODEL_C: Final = 0.5
KEEP_WEIGHTS: Final = 1000
MIN_ROWS: Final = 2


#: What the retrieval needs: the vectoriser, the index of the example questions, the model.
Retrieval = tuple[features.Vectoriser, QuestionIndex, StatementModel]


def fit_index(questions: list[tuple[str, str]]) -> Retrieval:
    """Fit the TF-IDF over ``(statement id, question)`` pairs, index them in one pass (the
    fitted matrix by column is the inverted index: what ``index_questions`` builds one question
    at a time, which took seconds of ``build-db`` once the example questions grew), and fit the
    statement model on the same rows."""
    tfidf = TfidfVectorizer(analyzer=features.analyze, sublinear_tf=True)
    rows = tfidf.fit_transform([q for _, q in questions])
    owners = [sid for sid, _ in questions]
    return stored_models.from_tfidf(tfidf), _by_feature(rows, owners), fit_model(rows, owners)


def fit_model(rows: Any, owners: list[str]) -> StatementModel:
    """A ``LinearSVC`` (one statement against the rest) over the features of ``rows`` (a
    sparse matrix) that occur in at least ``MIN_ROWS`` rows (a feature of one row tells nothing
    apart; half the features, half the time), each statement's ``KEEP_WEIGHTS`` largest weights
    kept, stored by feature."""
    shared = np.flatnonzero(np.bincount(rows.indices, minlength=rows.shape[1]) >= MIN_ROWS)
    svc = LinearSVC(C=MODEL_C, random_state=0).fit(rows[:, shared], owners)
    coef = svc.coef_
    keep = min(KEEP_WEIGHTS, coef.shape[1])
    # row by row: the whole matrix at once costs three more copies of it (0.5 s of page faults)
    largest = [np.argpartition(-np.abs(row), keep - 1)[:keep] for row in coef]
    statement = np.repeat(np.arange(coef.shape[0]), keep)
    column = np.concatenate(largest)
    feature = shared[column]
    order = np.lexsort((statement, feature))
    weights = QuestionIndex(
        owners=tuple(str(c) for c in svc.classes_),
        starts=np.searchsorted(feature[order], np.arange(rows.shape[1] + 1)).astype(np.int64),
        questions=statement[order].astype(np.int64),
        values=coef[statement, column][order].astype(np.float64),
    )
    return StatementModel(weights, np.asarray(svc.intercept_, dtype=np.float64))


def _by_feature(rows: Any, owners: list[str]) -> QuestionIndex:
    """``rows`` (a sparse matrix, one row per owner) stored by feature (``QuestionIndex``)."""
    by_feature = rows.tocsc()
    by_feature.sort_indices()
    return QuestionIndex(
        owners=tuple(owners),
        starts=by_feature.indptr.astype(np.int64),
        questions=by_feature.indices.astype(np.int64),
        values=by_feature.data.astype(np.float64),
    )


def index_questions(
    vectoriser: features.Vectoriser, questions: Iterable[tuple[str, str]]
) -> QuestionIndex:
    """Index ``(statement id, example question)`` pairs with ``vectoriser`` (the pipeline does
    this once; the bot loads the result)."""
    owners: list[str] = []
    cells: list[tuple[int, int, float]] = []
    for statement_id, question in questions:
        row = vectoriser.transform(question)
        q = len(owners)
        owners.append(statement_id)
        cells += [(int(j), q, float(v)) for j, v in zip(row.indices, row.values, strict=True)]
    cells.sort()
    terms = np.array([c[0] for c in cells], dtype=np.int64)
    return QuestionIndex(
        owners=tuple(owners),
        starts=np.searchsorted(terms, np.arange(len(vectoriser.terms) + 1)).astype(np.int64),
        questions=np.array([c[1] for c in cells], dtype=np.int64),
        values=np.array([c[2] for c in cells], dtype=np.float64),
    )


def save_index(conn: sqlite3.Connection, index: QuestionIndex, model: StatementModel) -> None:
    """Store ``index`` and ``model`` (JSON and raw little-endian arrays, never pickle); the
    caller commits."""
    conn.execute(
        f"CREATE TABLE {schema.KNOWLEDGE_INDEX} (part TEXT PRIMARY KEY, data BLOB NOT NULL)"
    )
    parts = _parts(index, "") | _parts(model.weights, MODEL_PREFIX)
    parts[MODEL_PREFIX + "intercepts"] = model.intercepts.astype("<f8").tobytes()
    conn.executemany(f"INSERT INTO {schema.KNOWLEDGE_INDEX} VALUES (?, ?)", parts.items())


def _parts(index: QuestionIndex, prefix: str) -> dict[str, bytes]:
    return {
        prefix + "owners": json.dumps(index.owners).encode(),
        prefix + "starts": index.starts.astype("<i8").tobytes(),
        prefix + "questions": index.questions.astype("<i8").tobytes(),
        prefix + "values": index.values.astype("<f8").tobytes(),
    }
