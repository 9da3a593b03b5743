"""Fitted scikit-learn objects -> the bot's models -> rows of ``schema.MODEL_PARTS``.

``from_tfidf`` and ``from_calibrated`` export what scikit-learn fitted into the plain
``Vectoriser`` and ``LinearModel`` of ``bot.understand.features`` (duck-typed: nothing here
imports scikit-learn). ``save_*`` store them as JSON and raw little-endian float64 arrays, never
pickle; the bot reads them back through ``bot.catalog.stored_models``. Tests check that the
stored models give the same numbers as scikit-learn.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any, Protocol

import numpy as np

from bot.catalog.stored_models import MODEL_PARTS, ModelError
from bot.understand.features import FEATURES_VERSION, Array, LinearModel, Vectoriser

# -- export from fitted scikit-learn objects (duck-typed: no scikit-learn import) ---------------


class _FittedTfidf(Protocol):
    vocabulary_: dict[str, int]
    idf_: Any
    sublinear_tf: bool


def from_tfidf(fitted: _FittedTfidf) -> Vectoriser:
    """A ``Vectoriser`` from a fitted ``TfidfVectorizer(analyzer=analyze, norm="l2")``."""
    terms = [""] * len(fitted.vocabulary_)
    for term, j in fitted.vocabulary_.items():
        terms[j] = term
    idf = np.asarray(fitted.idf_, dtype=np.float64)
    return Vectoriser(tuple(terms), idf, bool(fitted.sublinear_tf))


def from_calibrated(fitted: Any) -> LinearModel:
    """A ``LinearModel`` from ``CalibratedClassifierCV(<linear>, method="sigmoid",
    ensemble=False)`` fitted on a ``Vectoriser``'s output."""
    if fitted.method != "sigmoid" or len(fitted.calibrated_classifiers_) != 1:
        raise ModelError("only sigmoid calibration with ensemble=False can be stored")
    inner = fitted.calibrated_classifiers_[0]
    estimator = inner.estimator
    if list(estimator.classes_) != list(fitted.classes_):
        raise ModelError("the estimator and the calibration disagree on the classes")
    return LinearModel(
        classes=tuple(str(c) for c in fitted.classes_),
        weights=np.ascontiguousarray(np.asarray(estimator.coef_, dtype=np.float64).T),
        intercept=np.asarray(estimator.intercept_, dtype=np.float64).ravel(),
        calib_a=np.array([c.a_ for c in inner.calibrators], dtype=np.float64),
        calib_b=np.array([c.b_ for c in inner.calibrators], dtype=np.float64),
    )


# -- storage: JSON and raw little-endian float64, never pickle -----------------------------------

_CREATE = (
    f"CREATE TABLE IF NOT EXISTS {MODEL_PARTS} (model TEXT NOT NULL, part TEXT NOT NULL, "
    "shape TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (model, part))"
)


def _put_array(conn: sqlite3.Connection, model: str, part: str, array: Array) -> None:
    data = np.ascontiguousarray(array, dtype="<f8").tobytes()
    conn.execute(
        f"INSERT INTO {MODEL_PARTS} VALUES (?, ?, ?, ?)",
        (model, part, json.dumps(list(array.shape)), data),
    )


def _put_json(conn: sqlite3.Connection, model: str, part: str, value: object) -> None:
    data = json.dumps(value, ensure_ascii=False).encode()
    conn.execute(f"INSERT INTO {MODEL_PARTS} VALUES (?, ?, 'json', ?)", (model, part, data))


def save_vectoriser(conn: sqlite3.Connection, name: str, vec: Vectoriser) -> None:
    """Store ``vec`` as model ``name`` (the caller commits, inside its atomic build)."""
    conn.execute(_CREATE)
    _put_json(conn, name, "terms", list(vec.terms))
    _put_array(conn, name, "idf", vec.idf)
    _put_json(conn, name, "config", {"sublinear_tf": vec.sublinear_tf,
                                     "features_version": FEATURES_VERSION})  # fmt: skip


def save_linear(conn: sqlite3.Connection, name: str, model: LinearModel) -> None:
    """Store ``model`` as model ``name``."""
    conn.execute(_CREATE)
    _put_json(conn, name, "classes", list(model.classes))
    _put_array(conn, name, "weights", model.weights)
    _put_array(conn, name, "intercept", model.intercept)
    _put_array(conn, name, "calib_a", model.calib_a)
    _put_array(conn, name, "calib_b", model.calib_b)
