"""Text features and fitted linear models, shared by training (pipeline) and serving (bot).

scikit-learn fits and defines the models in ``bot.pipeline`` (``TfidfVectorizer`` with
``analyzer=analyze``; ``CalibratedClassifierCV`` over ``LinearSVC``). This module owns what
both sides must agree on, and nothing here imports scikit-learn (importing it costs ~1.5 s,
too slow for ``krisebot ask``) or SQL:

* ``model_text`` / ``analyze``: the one feature definition. Text is ASCII-folded
  (``bot.names.normalize``), each word stemmed with Snowball's Norwegian stemmer; features are
  stemmed words, stemmed word pairs, character 3-5-grams of each folded word, and
  whether the text holds a question mark (folding drops punctuation).
* ``Vectoriser``: a fitted TF-IDF (vocabulary, idf) applied with numpy exactly as
  ``TfidfVectorizer.transform`` does (raw counts, optional sublinear tf, idf, l2 norm).
* ``LinearModel``: a fitted linear classifier with per-class sigmoid calibration, applied as
  ``CalibratedClassifierCV(method="sigmoid", ensemble=False).predict_proba`` does.
* ``load_*``: both built from their stored parts (JSON and raw float64 arrays, never pickle,
  read by ``bot.catalog.stored_models``); the pipeline exports and stores them
  (``bot.pipeline.stored_models``). Tests check that these give the same numbers as
  scikit-learn.
"""

from __future__ import annotations

import hashlib
import threading
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from itertools import pairwise
from typing import Final

import numpy as np
import numpy.typing as npt
import snowballstemmer

# Connection and ModelError are also imported from here (their home before the storage moved).
from bot.catalog.stored_models import Connection as Connection
from bot.catalog.stored_models import ModelError as ModelError
from bot.catalog.stored_models import meta_value, read_model
from bot.names import normalize

Array = npt.NDArray[np.float64]

#: Bump when ``analyze`` changes what it emits: a stored model with another version is refused.
FEATURES_VERSION: Final = 2
CHAR_NGRAMS: Final = (3, 5)
QUESTION: Final = "p:?"  # the text asks: telling and asking differ most by it
MAX_WORDS: Final = 200  # a 10 000-character paste costs no more than a long message

#: A stemmer keeps state while it works: one per thread, so that ``stem`` is safe in any.
_STEMMERS = threading.local()


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """Snowball's Norwegian stem of one folded word ("krisesenteret" -> "krisesenter")."""
    stemmer = getattr(_STEMMERS, "norwegian", None)
    if stemmer is None:
        stemmer = _STEMMERS.norwegian = snowballstemmer.stemmer("norwegian")
    stemmed: str = stemmer.stemWord(word)
    return stemmed


def folded_words(text: str) -> list[str]:
    """Lowercase ASCII words of ``text`` (at most ``MAX_WORDS``)."""
    return normalize(text).split()[:MAX_WORDS]


def model_text(text: str) -> str:
    """The normalised form a model sees: folded, each word stemmed ("Mannen slår" -> "mann
    slar")."""
    return " ".join(stem(w) for w in folded_words(text))


def analyze(text: str) -> list[str]:
    """Every feature of ``text``: ``w:`` stemmed words, ``b:`` stemmed pairs, ``p:?`` for a
    question mark, ``c:`` character n-grams of each folded word padded with spaces. Pass as
    ``TfidfVectorizer(analyzer=...)``."""
    words = folded_words(text)
    stems = [stem(w) for w in words]
    out = [f"w:{s}" for s in stems]
    out += [f"b:{a} {b}" for a, b in pairwise(stems)]
    if "?" in text:
        out.append(QUESTION)
    for word in words:
        out += char_ngrams(word)
    return out


@lru_cache(maxsize=65536)
def char_ngrams(word: str) -> tuple[str, ...]:
    """``c:`` character 3-5-grams of one folded word padded with spaces (remembered: words
    repeat, and this was half of ``analyze``'s time)."""
    padded = f" {word} "
    low, high = CHAR_NGRAMS
    return tuple(
        f"c:{padded[i : i + n]}" for n in range(low, high + 1) for i in range(len(padded) - n + 1)
    )


def _digest(text: str) -> bytes:
    """A fixed-size digest that tells texts apart without keeping them."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


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
    _last: tuple[bytes, SparseRow] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "index", {t: i for i, t in enumerate(self.terms)})
        object.__setattr__(self, "_last", None)

    def transform(self, text: str) -> SparseRow:
        """The l2-normalised TF-IDF row of ``text`` (what ``TfidfVectorizer.transform``
        gives). The last text's row is kept: the models and the retriever read the same
        message one after the other, and transforming is most of their cost. It is kept under a
        digest, never the text (single folded words do stay, in the word caches, in memory)."""
        key = _digest(text)
        last = self._last
        if last is not None and last[0] == key:
            return last[1]
        row = self._transform(text)
        object.__setattr__(self, "_last", (key, row))  # one tuple: atomic across threads
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


def check_fitted_by(conn: Connection) -> None:
    """Refuse models fitted by another scikit-learn version (``_meta.sklearn_version``), as the
    bot refuses another schema version: rebuilding refits them."""
    built, here = meta_value(conn, SKLEARN_VERSION_KEY) or "unknown", sklearn_version()
    if built != here:
        raise ModelError(
            f"the models were fitted by scikit-learn {built}, this is {here} "
            "(run `krisebot build-db`)"
        )


# -- loading stored models ---------------------------------------------------------------------


def load_vectoriser(conn: Connection, name: str) -> Vectoriser:
    """The vectoriser stored as ``name``; ``ModelError`` if absent or of another version."""
    parts = read_model(conn, name)
    try:
        config = parts.json("config")
        if config.get("features_version") != FEATURES_VERSION:
            raise ModelError(f"model {name!r} was built with other features; rebuild")
        vec = Vectoriser(tuple(parts.json("terms")), parts.array("idf"),
                         bool(config["sublinear_tf"]))  # fmt: skip
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"model {name!r} is broken: {exc!r}") from exc
    if len(vec.terms) != len(vec.idf):
        raise ModelError(f"model {name!r} is broken: terms and idf differ in length")
    return vec


def load_linear(conn: Connection, name: str, n_features: int) -> LinearModel:
    """The linear model stored as ``name``, checked against its vectoriser's width."""
    parts = read_model(conn, name)
    try:
        model = LinearModel(
            tuple(parts.json("classes")),
            parts.array("weights"),
            parts.array("intercept"),
            parts.array("calib_a"),
            parts.array("calib_b"),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelError(f"model {name!r} is broken: {exc!r}") from exc
    scores = 1 if len(model.classes) == 2 else len(model.classes)
    if model.weights.shape != (n_features, scores) or len(model.intercept) != scores:
        raise ModelError(f"model {name!r} does not fit its vectoriser")
    return model
