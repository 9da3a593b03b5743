"""Fit the retrieval vectoriser: TF-IDF over every statement's example questions.

Uses the shared feature definition (``bot.understand.features.analyze``) so that retrieval reads
text exactly as the intent/topic classifier does. Only the fitted numbers are stored (model
``schema.KNOWLEDGE_MODEL`` in ``model_parts``, JSON and float arrays, never pickle). Every example
question is transformed here once and stored as an inverted index, which the bot loads
(``bot.catalog.knowledge.load_index``) and searches (``bot.understand.retrieve``). ``fit_index``
fits and indexes in one pass; ``index_questions`` does the same one question at a time with the
bot's own ``Vectoriser`` and is the reference the tests compare the stored index with.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from bot import schema
from bot.catalog.knowledge import QuestionIndex
from bot.pipeline import stored_models
from bot.understand import features


def fit_index(
    questions: list[tuple[str, str]],
) -> tuple[features.Vectoriser, QuestionIndex]:
    """Fit the TF-IDF over ``(statement id, question)`` pairs and index them in one pass: the
    fitted matrix by column is the inverted index (what ``index_questions`` builds one question
    at a time, which took seconds of ``build-db`` once the example questions grew)."""
    tfidf = TfidfVectorizer(analyzer=features.analyze, sublinear_tf=True)
    by_feature = tfidf.fit_transform([q for _, q in questions]).tocsc()
    by_feature.sort_indices()
    index = QuestionIndex(
        owners=tuple(sid for sid, _ in questions),
        starts=by_feature.indptr.astype(np.int64),
        questions=by_feature.indices.astype(np.int64),
        values=by_feature.data.astype(np.float64),
    )
    return stored_models.from_tfidf(tfidf), index


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


def save_index(conn: sqlite3.Connection, index: QuestionIndex) -> None:
    """Store ``index`` (JSON and raw little-endian arrays, never pickle); the caller commits."""
    conn.execute(
        f"CREATE TABLE {schema.KNOWLEDGE_INDEX} (part TEXT PRIMARY KEY, data BLOB NOT NULL)"
    )
    parts = {
        "owners": json.dumps(index.owners).encode(),
        "starts": index.starts.astype("<i8").tobytes(),
        "questions": index.questions.astype("<i8").tobytes(),
        "values": index.values.astype("<f8").tobytes(),
    }
    conn.executemany(f"INSERT INTO {schema.KNOWLEDGE_INDEX} VALUES (?, ?)", parts.items())
