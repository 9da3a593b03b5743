"""Fit the retrieval vectoriser: TF-IDF over every statement's example questions.

Uses the shared feature definition (``bot.understand.features.analyze``) so that retrieval reads
text exactly as the intent/topic classifier does. Only the fitted numbers are stored (model
``schema.KNOWLEDGE_MODEL`` in ``model_parts``, JSON and float arrays, never pickle). Every example
question is transformed here once and stored as an inverted index, which the bot loads
(``bot.catalog.knowledge.load_index``) and searches (``bot.understand.retrieve``). ``fit_index``
fits and indexes in one pass; ``index_questions`` does the same one question at a time with the
bot's own ``Vectoriser`` and is the reference the tests compare the stored index with.

The same pass fits the statement model (``start_model``): a ``LinearSVC`` that tells the
statements apart over the same rows (one statement against the rest, fitted in two parts that
``build-db`` runs on two cores), each statement keeping its ``KEEP_WEIGHTS`` largest weights
(stored by feature like the index: a few MB instead of 293 x 39 000 floats). Nearest
examples alone confuse neighbouring statements that share words; the model learns which words
tell them apart (chosen on the curated examples, five folds: see ``bot.understand.retrieve``).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable
from concurrent.futures import Executor
from typing import Any, Final, NamedTuple

import numpy as np
import numpy.typing as npt
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot import schema
from bot.catalog.knowledge import MODEL_PREFIX, QuestionIndex, StatementModel
from bot.pipeline import stored_models
from bot.pipeline.pool import InTurn
from bot.understand import features

#: The statement model's regularisation (``LinearSVC``'s C), the weights each statement keeps
#: (its largest by magnitude) and the rows a feature must occur in; chosen on the curated
#: examples in five folds.
MODEL_C: Final = 0.5
KEEP_WEIGHTS: Final = 1000
MIN_ROWS: Final = 2
#: The statement model is fitted in this many parts, each on its own core in ``build-db``
#: (the same parts wherever they run, so the same model); ``REST`` labels the rows of the
#: statements outside a part (no statement id is empty).
PARTS: Final = 2
REST: Final = ""


#: What the retrieval needs: the vectoriser, the index of the example questions, the model.
Retrieval = tuple[features.Vectoriser, QuestionIndex, StatementModel]


def fit_index(questions: list[tuple[str, str]]) -> Retrieval:
    """Fit and index ``(statement id, question)`` pairs here, one fit after the other."""
    return start_index(questions, InTurn())()


def start_index(questions: list[tuple[str, str]], pool: Executor) -> Callable[[], Retrieval]:
    """Fit the TF-IDF over ``(statement id, question)`` pairs, index them in one pass (the
    fitted matrix by column is the inverted index: what ``index_questions`` builds one question
    at a time, which took seconds of ``build-db`` once the example questions grew), and start
    the statement model's parts on ``pool``. Returns what waits for them."""
    tfidf = TfidfVectorizer(analyzer=features.analyze, sublinear_tf=True)
    rows = tfidf.fit_transform([q for _, q in questions])
    owners = [sid for sid, _ in questions]
    vectoriser, index = stored_models.from_tfidf(tfidf), _by_feature(rows, owners)
    model = start_model(rows, owners, pool)
    return lambda: (vectoriser, index, model())


def fit_model(rows: Any, owners: list[str]) -> StatementModel:
    """``start_model`` here, one part after the other."""
    return start_model(rows, owners, InTurn())()


def start_model(rows: Any, owners: list[str], pool: Executor) -> Callable[[], StatementModel]:
    """A ``LinearSVC`` (one statement against the rest) over the features of ``rows`` (a
    sparse matrix) that occur in at least ``MIN_ROWS`` rows (a feature of one row tells nothing
    apart; half the features, half the time), each statement's ``KEEP_WEIGHTS`` largest weights
    kept, stored by feature. Fitted in ``PARTS`` parts on ``pool``: each part's statements
    against every other row (``_fit_part``), so that the parts run on separate cores. Returns
    what waits for them."""
    shared = np.flatnonzero(np.bincount(rows.indices, minlength=rows.shape[1]) >= MIN_ROWS)
    x = rows[:, shared]
    parts = [p for p in np.array_split(np.unique(owners), PARTS) if len(p)]
    started = [pool.submit(_fit_part, x, owners, frozenset(p.tolist())) for p in parts]
    return lambda: _joined([s.result() for s in started], shared, rows.shape[1])


def _fit_part(x: Any, owners: list[str], part: frozenset[str]) -> _Part:
    """The statements of ``part`` each against every other row: one ``LinearSVC`` whose rows
    of other statements share the label ``REST`` (its own model for it is dropped). liblinear
    fits one statement against the rest either way: the weights are those of one fit over all
    the statements, up to its tolerance (they differ by < 1e-4)."""
    labels = [owner if owner in part else REST for owner in owners]
    svc = LinearSVC(C=MODEL_C, random_state=0).fit(x, labels)
    coef, intercept = svc.coef_, svc.intercept_
    if coef.shape[0] == 1:  # two labels: one model, for the second
        coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
    inside = svc.classes_ != REST
    coef, intercept = coef[inside], intercept[inside]
    keep = min(KEEP_WEIGHTS, coef.shape[1])
    # row by row: the whole matrix at once costs three more copies of it (0.5 s of page faults)
    largest = np.stack([np.argpartition(-np.abs(row), keep - 1)[:keep] for row in coef])
    kept = np.take_along_axis(coef, largest, axis=1)
    return _Part(tuple(str(c) for c in svc.classes_[inside]), largest, kept, intercept)


class _Part(NamedTuple):
    """A fitted part: its statements, each one's kept columns (of the shared features) and
    weights, and their intercepts."""

    owners: tuple[str, ...]
    columns: npt.NDArray[np.intp]
    weights: npt.NDArray[np.float64]
    intercepts: npt.NDArray[np.float64]


def _joined(parts: list[_Part], shared: npt.NDArray[np.intp], features: int) -> StatementModel:
    """The parts' kept weights as one model, stored by feature."""
    columns = np.concatenate([p.columns for p in parts])
    statement = np.repeat(np.arange(columns.shape[0]), columns.shape[1])
    feature = shared[columns.ravel()]
    order = np.lexsort((statement, feature))
    weights = QuestionIndex(
        owners=tuple(owner for p in parts for owner in p.owners),
        starts=np.searchsorted(feature[order], np.arange(features + 1)).astype(np.int64),
        questions=statement[order].astype(np.int64),
        values=np.concatenate([p.weights for p in parts]).ravel()[order].astype(np.float64),
    )
    intercepts = np.concatenate([p.intercepts for p in parts]).astype(np.float64)
    return StatementModel(weights, intercepts)


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
