"""Text features and fitted linear models, shared by training (pipeline) and serving (bot).

scikit-learn fits and defines the models in ``bot.pipeline`` (``TfidfVectorizer`` with
``analyzer=analyze``; ``CalibratedClassifierCV`` over ``LinearSVC``). This module owns what
both sides must agree on, and nothing here imports scikit-learn (importing it costs ~1.5 s,
too slow for ``krisebot ask``):

* ``model_text`` / ``analyze``: the one feature definition. Text is ASCII-folded
  (``bot.names.normalize``), each word stemmed with Snowball's Norwegian stemmer; features are
  stemmed words, stemmed word pairs and character 3-5-grams of each folded word.
* ``Vectoriser``: a fitted TF-IDF (vocabulary, idf) applied with numpy exactly as
  ``TfidfVectorizer.transform`` does (raw counts, optional sublinear tf, idf, l2 norm).
* ``LinearModel``: a fitted linear classifier with per-class sigmoid calibration, applied as
  ``CalibratedClassifierCV(method="sigmoid", ensemble=False).predict_proba`` does.
* ``save_*`` / ``load_*``: both stored in the database as JSON and raw float64 arrays (never
  pickle), in ``schema.MODEL_PARTS``; ``from_*`` export fitted scikit-learn objects without
  importing scikit-learn. Tests check that these give the same numbers as scikit-learn.
"""

from __future__ import annotations

import json
import sqlite3
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from itertools import pairwise
from typing import Any, Final, Protocol

import numpy as np
import numpy.typing as npt
import snowballstemmer

from bot.names import normalize

Array = npt.NDArray[np.float64]
Connection = sqlite3.Connection  # the database the models are stored in

#: Bump when ``analyze`` changes what it emits: a stored model with another version is refused.
FEATURES_VERSION: Final = 1
MODEL_PARTS: Final = "model_parts"
CHAR_NGRAMS: Final = (3, 5)
MAX_WORDS: Final = 200  # a 10 000-character paste costs no more than a long message

_STEMMER = snowballstemmer.stemmer("norwegian")


class ModelError(Exception):
    """A stored model is missing, broken, or built by other feature or library versions."""


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball's Norwegian stem of one folded word ("krisesenteret" -> "krisesenter")."""
    stemmed: str = _STEMMER.stemWord(word)
    return stemmed


def folded_words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text`` (at most ``MAX_WORDS``)."""
    return normalize(text).split()[:MAX_WORDS]


def model_text(text: str) -> str:
    """The normalised form a model sees: folded, each word stemmed ("Mannen slår" -> "mann
    slar")."""
    return " ".join(stem(w) for w in folded_words(text))


def analyze(text: str) -> list[str]:
    """Every feature of ``text``: ``w:`` stemmed words, ``b:`` stemmed pairs, ``c:`` character
    n-grams of each folded word padded with spaces. Pass as ``TfidfVectorizer(analyzer=...)``."""
    words = folded_words(text)
    stems = [stem(w) for w in words]
    out = [f"w:{s}" for s in stems]
    out += [f"b:{a} {b}" for a, b in pairwise(stems)]
    low, high = CHAR_NGRAMS
    for word in words:
        padded = f" {word} "
        for n in range(low, high + 1):
            out += [f"c:{padded[i : i + n]}" for i in range(len(padded) - n + 1)]
    return out


@dataclass(frozen=True)
class SparseRow:
    """One transformed text: column indices (sorted) and their values."""

    indices: npt.NDArray[np.intp]
    values: Array

    @property
    def empty(self) -> bool:
        return len(self.indices) == 0


@dataclass(frozen=True)
class Vectoriser:
    """A fitted TF-IDF over ``analyze``: ``terms[i]`` is column ``i``."""

    terms: tuple[str, ...]
    idf: Array
    sublinear_tf: bool = True
    index: dict[str, int] = field(init=False, repr=False, compare=False)
    _last: tuple[str, SparseRow] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t: i for i, t in enumerate(self.terms)})
        object.__setattr__(self, "_last", None)

    def transform(self, text: str) -> SparseRow:
        """The l2-normalised TF-IDF row of ``text`` (what ``TfidfVectorizer.transform``
        gives). The last text's row is kept: the models and the retriever read the same
        message one after the other, and transforming is most of their cost."""
        last = self._last
        if last is not None and last[0] == text:
            return last[1]
        row = self._transform(text)
        object.__setattr__(self, "_last", (text, row))  # one tuple: atomic across threads
        return row

    def _transform(self, text: str) -> SparseRow:
        counts = Counter(j for j in map(self.index.get, analyze(text)) if j is not None)
        if not counts:
            return SparseRow(np.zeros(0, dtype=np.intp), np.zeros(0))
        indices = np.fromiter(sorted(counts), dtype=np.intp, count=len(counts))
        tf = np.array([counts[int(j)] for j in indices], dtype=np.float64)
        if self.sublinear_tf:
            tf = np.log(tf) + 1.0
        values = tf * self.idf[indices]
        norm = float(np.sqrt(values @ values))
        return SparseRow(indices, values / norm if norm > 0 else values)


@dataclass(frozen=True)
class LinearModel:
    """A linear classifier over a ``Vectoriser``'s columns with sigmoid-calibrated outputs."""

    classes: tuple[str, ...]
    weights: Array  # (n_features, n_scores): coef_ transposed, so a row gather is one read
    intercept: Array  # (n_scores,)
    calib_a: Array  # (n_scores,): p = 1 / (1 + exp(a * score + b))
    calib_b: Array

    def decision(self, row: SparseRow) -> Array:
        """The raw decision function (one score per class; one for a binary model)."""
        return row.values @ self.weights[row.indices] + self.intercept

    def proba(self, row: SparseRow) -> Array:
        """Calibrated probabilities, one per class in ``classes`` order, summing to 1."""
        sig = 1.0 / (1.0 + np.exp(self.calib_a * self.decision(row) + self.calib_b))
        if len(self.classes) == 2:
            return np.array([1.0 - sig[0], sig[0]])
        total = float(sig.sum())
        if total == 0:
            return np.full(len(self.classes), 1.0 / len(self.classes))
        return np.asarray(sig / total, dtype=np.float64)

    def ranked(self, row: SparseRow) -> list[tuple[str, float]]:
        """(class, probability), most likely first; ties keep ``classes`` order."""
        p = self.proba(row)
        order = sorted(range(len(p)), key=lambda i: -p[i])
        return [(self.classes[i], float(p[i])) for i in order]


# -- the library that fitted a model ---------------------------------------------------------------

SKLEARN_VERSION_KEY: Final = "sklearn_version"


def sklearn_version() -> str:
    """The installed scikit-learn version, read from its metadata (no import: fast)."""
    try:
        return metadata.version("scikit-learn")
    except metadata.PackageNotFoundError:
        return "not installed"


def check_fitted_by(conn: sqlite3.Connection) -> None:
    """Refuse models fitted by another scikit-learn version (``_meta.sklearn_version``), as the
    bot refuses another schema version: rebuilding refits them."""
    try:
        row = conn.execute(
            "SELECT value FROM _meta WHERE key = ?", (SKLEARN_VERSION_KEY,)
        ).fetchone()
    except sqlite3.Error as exc:
        raise ModelError(f"cannot read _meta: {exc}") from exc
    built, here = (str(row[0]) if row else "unknown"), sklearn_version()
    if built != here:
        raise ModelError(
            f"the models were fitted by scikit-learn {built}, this is {here} "
            "(run `krisebot build-db`)"
        )


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


def _parts(conn: sqlite3.Connection, name: str) -> dict[str, tuple[str, bytes]]:
    try:
        rows = conn.execute(
            f"SELECT part, shape, data FROM {MODEL_PARTS} WHERE model = ?", (name,)
        ).fetchall()
    except sqlite3.Error as exc:
        raise ModelError(f"no stored models ({exc})") from exc
    if not rows:
        raise ModelError(f"model {name!r} is not in the database")
    return {str(r[0]): (str(r[1]), bytes(r[2])) for r in rows}


def _array(parts: dict[str, tuple[str, bytes]], part: str) -> Array:
    shape, data = parts[part]
    out = np.frombuffer(data, dtype="<f8").astype(np.float64)
    return out.reshape(tuple(json.loads(shape)))


def _json(parts: dict[str, tuple[str, bytes]], part: str) -> Any:
    return json.loads(parts[part][1].decode())


def load_vectoriser(conn: sqlite3.Connection, name: str) -> Vectoriser:
    """The vectoriser stored as ``name``; ``ModelError`` if absent or of another version."""
    parts = _parts(conn, name)
    try:
        config = _json(parts, "config")
        if config.get("features_version") != FEATURES_VERSION:
            raise ModelError(f"model {name!r} was built with other features; rebuild")
        vec = Vectoriser(tuple(_json(parts, "terms")), _array(parts, "idf"),
                         bool(config["sublinear_tf"]))  # fmt: skip
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"model {name!r} is broken: {exc!r}") from exc
    if len(vec.terms) != len(vec.idf):
        raise ModelError(f"model {name!r} is broken: terms and idf differ in length")
    return vec


def load_linear(conn: sqlite3.Connection, name: str, n_features: int) -> LinearModel:
    """The linear model stored as ``name``, checked against its vectoriser's width."""
    parts = _parts(conn, name)
    try:
        model = LinearModel(
            tuple(_json(parts, "classes")),
            _array(parts, "weights"),
            _array(parts, "intercept"),
            _array(parts, "calib_a"),
            _array(parts, "calib_b"),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"model {name!r} is broken: {exc!r}") from exc
    scores = 1 if len(model.classes) == 2 else len(model.classes)
    if model.weights.shape != (n_features, scores) or len(model.intercept) != scores:
        raise ModelError(f"model {name!r} does not fit its vectoriser")
    return model
