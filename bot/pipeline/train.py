"""Fit the understanding models inside ``build-db``, deterministically, from the examples the
team writes in ``data/curated/examples/*.tsv`` (never from ``examples_dev.tsv``).

One TF-IDF over ``bot.understand.features.analyze`` (stemmed words, word pairs, character
3-5-grams of ASCII-folded text, a question mark) feeds linear SVMs, each wrapped in sigmoid
calibration (``CalibratedClassifierCV(ensemble=False)``) so that the bot can say how sure it is:

* ``intent``: every example; ``clarify`` examples count as ``centre`` (the matcher decides);
* ``topic``: the ``help`` and ``disclosure`` examples that carry a topic, and the knowledge
  base's example questions with their statement's topic (``asked``: thousands of ways people ask
  about each topic; they make the topic probabilities that steer the knowledge retrieval
  sharper — with the retrieval constants chosen anew, 51 % -> 53.5 % of the curated questions
  held out in five folds answered right);
* ``lang``: the language an example is written in (``nb``, ``nn``, ``en``), for the reply's.

Why this model: a few thousand short, noisy messages in three written forms. Character n-grams
survive typos, missing æøå and inflection; a linear SVM is the strong, fast baseline for short
text and trains in well under a second here; calibration turns its scores into probabilities
for the "not sure: offer the likeliest topics" rule. Nothing larger is needed, and the stored
model is a few arrays that numpy applies in microseconds.

Scores from 5-fold cross-validation on the examples go to ``_meta`` (``cv_*``), with the
scikit-learn version that fitted them (the bot refuses models fitted by another version).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score, recall_score
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from bot.pipeline import stored_models
from bot.pipeline.examples import EXAMPLES, EXAMPLES_KEY, Example, examples_digest, read_examples
from bot.understand import features
from bot.understand.classifier import INTENT_MODEL, LANG_MODEL, TOPIC_MODEL, VECTORISER
from bot.understand.labels import model_intent

C = 1.0
TOL = 1e-3
FOLDS = 5
CALIBRATION_FOLDS = 3
SEED = 0


@dataclass(frozen=True)
class Trained:
    vectoriser: features.Vectoriser
    intent: features.LinearModel
    topic: features.LinearModel
    lang: features.LinearModel
    meta: dict[str, str]


def _vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=_analyze, sublinear_tf=True, dtype=np.float64)


@cache
def _analyze(text: str) -> tuple[str, ...]:
    """``features.analyze``, remembered: the same text always gives the same features."""
    return tuple(features.analyze(text))


def _classifier() -> CalibratedClassifierCV:
    return CalibratedClassifierCV(
        LinearSVC(C=C, class_weight="balanced", tol=TOL, random_state=SEED),
        method="sigmoid",
        cv=StratifiedKFold(CALIBRATION_FOLDS, shuffle=True, random_state=SEED),
        ensemble=False,
    )


def _cross_validated(x: Any, labels: Sequence[str]) -> list[str]:
    """Out-of-fold predictions of the linear SVM (the TF-IDF, which sees no labels, is fitted
    once on every example; calibrating each fold too would triple the build time)."""
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)
    svm = LinearSVC(C=C, class_weight="balanced", tol=TOL, random_state=SEED)
    return [str(p) for p in cross_val_predict(svm, x, list(labels), cv=folds)]


def _scores(prefix: str, truth: Sequence[str], predicted: Sequence[str]) -> dict[str, str]:
    acc = accuracy_score(truth, predicted)
    macro = f1_score(truth, predicted, average="macro")
    return {f"cv_{prefix}_accuracy": f"{acc:.4f}", f"cv_{prefix}_macro_f1": f"{macro:.4f}"}


def train_from(folder: Path = EXAMPLES, asked: Sequence[tuple[str, str]] = ()) -> Trained:
    """Read the examples under ``folder`` and fit the models on them (``asked``: the knowledge
    base's example questions and their topics, for the topic model)."""
    trained = train(read_examples(folder), asked)
    trained.meta[EXAMPLES_KEY] = examples_digest(folder)
    return trained


def train(examples: Sequence[Example], asked: Sequence[tuple[str, str]] = ()) -> Trained:
    """Fit the vectoriser and the models; cross-validate them for ``_meta``. One BLAS thread:
    the problems are small, and spinning threads cost more than they give (~40 % CPU here)."""
    with threadpool_limits(1):
        return _train(examples, asked)


def _train(examples: Sequence[Example], asked: Sequence[tuple[str, str]]) -> Trained:
    started = time.perf_counter()
    texts = [e.message for e in examples]
    intents = [model_intent(e.intent) for e in examples]
    topical = [i for i, e in enumerate(examples) if e.topic is not None]
    topics = [str(examples[i].topic) for i in topical] + [topic for _, topic in asked]
    vectorizer = _vectorizer()
    x_intent = vectorizer.fit_transform(texts)
    # the examples and the asked questions vectorised in one pass, as ``transform`` does
    # (fit_transform's numbers differ in the last bit): rows for the topic and language models
    x_rows = vectorizer.transform(texts + [question for question, _ in asked])
    x_topic = x_rows[topical + list(range(len(texts), len(texts) + len(asked)))]
    intent_model = _classifier().fit(x_intent, intents)
    topic_model = _classifier().fit(x_topic, topics)
    written = [i for i, e in enumerate(examples) if e.lang != "other"]
    lang_model = _classifier().fit(x_rows[written], [examples[i].lang for i in written])
    cv_intents = _cross_validated(x_intent, intents)
    examples_only = len(topical)  # cross-validated on the examples alone, as before
    cv_topics = _cross_validated(x_topic[:examples_only], topics[:examples_only])
    meta = {
        features.SKLEARN_VERSION_KEY: features.sklearn_version(),
        "examples": str(len(examples)),
        "topic_questions": str(len(asked)),
        **_scores("intent", intents, cv_intents),
        **_scores("topic", topics[:examples_only], cv_topics),
        "cv_emergency_recall": f"{_recall(intents, cv_intents, 'emergency'):.4f}",
        "training_seconds": f"{time.perf_counter() - started:.2f}",
    }
    linear = stored_models.from_calibrated
    return Trained(stored_models.from_tfidf(vectorizer), linear(intent_model),
                   linear(topic_model), linear(lang_model), meta)  # fmt: skip


def _recall(truth: Sequence[str], predicted: Sequence[str], label: str) -> float:
    pairs = [(t == label, p == label) for t, p in zip(truth, predicted, strict=True)]
    return float(recall_score([t for t, _ in pairs], [p for _, p in pairs], zero_division=0.0))


def write_models(conn: sqlite3.Connection, trained: Trained) -> None:
    """Store the models and their ``_meta`` rows (inside the build's atomic write)."""
    stored_models.save_vectoriser(conn, VECTORISER, trained.vectoriser)
    stored_models.save_linear(conn, INTENT_MODEL, trained.intent)
    stored_models.save_linear(conn, TOPIC_MODEL, trained.topic)
    stored_models.save_linear(conn, LANG_MODEL, trained.lang)
    conn.executemany(
        "INSERT OR REPLACE INTO _meta (key, value) VALUES (?, ?)", sorted(trained.meta.items())
    )
