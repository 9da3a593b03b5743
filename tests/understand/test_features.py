"""The serve-time TF-IDF and linear model give scikit-learn's numbers, survive a round trip
through SQLite without pickle, and refuse what they cannot trust."""

from __future__ import annotations

import sqlite3

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold
from sklearn.svm import LinearSVC

from bot.answers import Answerer
from bot.pipeline import stored_models as sm
from bot.understand import features as f

TEXTS = [
    ("hei hei", "greet"), ("heisann", "greet"), ("god morgen", "greet"), ("hallo der", "greet"),
    ("hello there", "greet"), ("hi", "greet"),
    ("Mannen min slår meg", "tell"), ("kjæresten slo meg i går", "tell"),
    ("han truer meg hele tiden", "tell"), ("my husband hits me", "tell"),
    ("samboeren kontrollerer pengene", "tell"), ("hun kaller meg stygge ting", "tell"),
    ("hvor mange bodde på krisesenter", "stats"), ("hva kostet krisesentrene i 2022", "stats"),
    ("how many day users", "stats"), ("antall overnattinger 2021", "stats"),
    ("statistikk for dagbrukere", "stats"), ("utgifter per innbygger", "stats"),
]  # fmt: skip


def _fit() -> tuple[TfidfVectorizer, CalibratedClassifierCV]:
    texts = [t for t, _ in TEXTS]
    labels = [y for _, y in TEXTS]
    vec = TfidfVectorizer(analyzer=f.analyze, sublinear_tf=True)
    x = vec.fit_transform(texts)
    clf = CalibratedClassifierCV(
        LinearSVC(C=1.0, random_state=0),
        method="sigmoid",
        cv=StratifiedKFold(3, shuffle=True, random_state=0),
        ensemble=False,
    )
    clf.fit(x, labels)
    return vec, clf


FITTED = _fit()


def test_model_text_folds_and_stems() -> None:
    assert f.model_text("Mannen min SLÅR meg!!") == "mann min slar meg"
    assert f.model_text("kjæresten") == f.model_text("kjaeresten")


def test_analyze_has_words_pairs_and_character_ngrams() -> None:
    feats = f.analyze("Slår meg?")
    assert {"w:slar", "w:meg", "b:slar meg", "c: sl", "c:slar ", "c: meg ", "p:?"} <= set(feats)
    assert "p:?" not in f.analyze("Slår meg")


@pytest.mark.parametrize(
    "text", ["mannen slår meg", "hei", "hvor mange dagbrukere i 2020?", "", "😀", "xyz qqq"]
)
def test_transform_and_proba_equal_scikit_learn(text: str) -> None:
    vec, clf = FITTED
    ours = sm.from_tfidf(vec)
    row = ours.transform(text)
    dense = np.zeros(len(ours.terms))
    dense[row.indices] = row.values
    np.testing.assert_allclose(dense, vec.transform([text]).toarray()[0], atol=1e-12)
    model = sm.from_calibrated(clf)
    np.testing.assert_allclose(model.proba(row), clf.predict_proba(vec.transform([text]))[0],
                               atol=1e-12)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80))
def test_any_text_gives_scikit_learns_probabilities(text: str) -> None:
    vec, clf = FITTED
    model = sm.from_calibrated(clf)
    ours = model.proba(sm.from_tfidf(vec).transform(text))
    np.testing.assert_allclose(ours, clf.predict_proba(vec.transform([text]))[0], atol=1e-12)
    assert abs(float(ours.sum()) - 1.0) < 1e-9


def test_round_trip_through_sqlite_is_exact() -> None:
    vec, clf = FITTED
    conn = sqlite3.connect(":memory:")
    sm.save_vectoriser(conn, "v", sm.from_tfidf(vec))
    sm.save_linear(conn, "m", sm.from_calibrated(clf))
    loaded_vec = f.load_vectoriser(conn, "v")
    loaded = f.load_linear(conn, "m", len(loaded_vec.terms))
    assert loaded_vec.terms == sm.from_tfidf(vec).terms
    row = loaded_vec.transform("mannen min slår meg")
    assert loaded.ranked(row)[0][0] == "tell"
    assert loaded.classes == ("greet", "stats", "tell")
    stored = {r[0] for r in conn.execute("SELECT DISTINCT part FROM model_parts")}
    assert stored == {"terms", "idf", "config", "classes", "weights", "intercept", "calib_a",
                      "calib_b"}  # fmt: skip


def test_missing_broken_or_mismatched_models_are_refused() -> None:
    vec, clf = FITTED
    conn = sqlite3.connect(":memory:")
    with pytest.raises(f.ModelError):
        f.load_vectoriser(conn, "v")
    sm.save_vectoriser(conn, "v", sm.from_tfidf(vec))
    sm.save_linear(conn, "m", sm.from_calibrated(clf))
    with pytest.raises(f.ModelError, match="does not fit"):
        f.load_linear(conn, "m", 3)
    conn.execute("UPDATE model_parts SET data = ? WHERE part = 'config'",
                 (b'{"sublinear_tf": true, "features_version": 0}',))  # fmt: skip
    with pytest.raises(f.ModelError, match="other features"):
        f.load_vectoriser(conn, "v")
    conn.execute("UPDATE model_parts SET data = ? WHERE part = 'terms'", (b"not json",))
    with pytest.raises(f.ModelError):
        f.load_vectoriser(conn, "v")


def test_models_fitted_by_another_scikit_learn_are_refused() -> None:
    conn = sqlite3.connect(":memory:")
    conn.execute("CREATE TABLE _meta (key TEXT PRIMARY KEY, value TEXT)")
    with pytest.raises(f.ModelError, match="unknown"):
        f.check_fitted_by(conn)
    conn.execute("INSERT INTO _meta VALUES ('sklearn_version', '0.1')")
    with pytest.raises(f.ModelError, match=r"0\.1"):
        f.check_fitted_by(conn)
    conn.execute("UPDATE _meta SET value = ?", (f.sklearn_version(),))
    f.check_fitted_by(conn)


def test_only_sigmoid_single_calibration_can_be_exported() -> None:
    texts = [t for t, _ in TEXTS]
    labels = [y for _, y in TEXTS]
    vec = TfidfVectorizer(analyzer=f.analyze).fit(texts)
    clf = CalibratedClassifierCV(LinearSVC(random_state=0), method="sigmoid", cv=3)
    clf.fit(vec.transform(texts), labels)  # ensemble=True: three calibrated copies
    with pytest.raises(f.ModelError):
        sm.from_calibrated(clf)


def test_no_message_text_stays_in_the_vectorisers_after_a_reply(answerer: Answerer) -> None:
    """The vectorisers keep the last message's row (the models read it in turn), never its
    words: after a reply, nothing they hold contains the message."""
    text = "mannen min qwertyzz slo meg i går"
    answerer.answer(text, "nb")
    classifier, knowledge = answerer.classifier, answerer.knowledge
    assert classifier is not None and knowledge is not None
    for vectoriser in (classifier.vectoriser, knowledge.retriever._vectoriser):
        kept = object.__getattribute__(vectoriser, "_last")
        assert kept is not None  # the cache is in use ...
        assert "qwertyzz" not in repr(kept) and text.encode() not in repr(kept).encode()
        assert vectoriser.transform(text) is kept[1]  # ... and still found by the same text
