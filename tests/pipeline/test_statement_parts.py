"""The statement model fitted in parts is the one-vs-rest fit over all the statements."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.svm import LinearSVC

from bot.catalog.knowledge import StatementModel
from bot.pipeline import retrieval
from bot.understand import features

ROWS = [
    ("shelter", "kan jeg bo på krisesenter"),
    ("shelter", "hvor lenge kan jeg bo på krisesenteret"),
    ("shelter", "can I stay at the shelter"),
    ("children", "kan barna bli med på krisesenteret"),
    ("children", "får jeg ta med barna"),
    ("children", "can my children come with me"),
    ("police", "skal jeg anmelde til politiet"),
    ("police", "hvordan anmelder jeg vold"),
    ("police", "should I report it to the police"),
    ("phone", "kan han se hva jeg gjør på telefonen"),
    ("phone", "han leser meldingene mine"),
    ("phone", "is he tracking my phone"),
    ("lawyer", "får jeg gratis advokat"),
    ("lawyer", "bistandsadvokat uten å betale"),
    ("lawyer", "can I get a free lawyer"),
]


def _dense(model: StatementModel, features_count: int) -> npt.NDArray[np.float64]:
    weights = model.weights
    out = np.zeros((len(weights.owners), features_count))
    for feature in range(features_count):
        at = slice(weights.starts[feature], weights.starts[feature + 1])
        out[weights.questions[at], feature] = weights.values[at]
    return out


@pytest.mark.parametrize("statements", [5, 2])
def test_the_parts_give_the_one_vs_rest_fit(statements: int) -> None:
    kept = {sid for sid, _ in ROWS[: statements * 3]}
    rows = [(sid, q) for sid, q in ROWS if sid in kept]
    owners = [sid for sid, _ in rows]
    x = TfidfVectorizer(analyzer=features.analyze, sublinear_tf=True).fit_transform(
        [q for _, q in rows]
    )
    model = retrieval.fit_model(x, owners)
    shared = np.flatnonzero(np.bincount(x.indices, minlength=x.shape[1]) >= retrieval.MIN_ROWS)
    whole = LinearSVC(C=retrieval.MODEL_C, random_state=0).fit(x[:, shared], owners)
    assert model.weights.owners == tuple(whole.classes_)
    decisions = x @ _dense(model, x.shape[1]).T + model.intercepts
    expected = whole.decision_function(x[:, shared])
    if statements == 2:  # one model for the second statement; the first is its negative
        expected = np.column_stack([-expected, expected])
    assert np.allclose(decisions, expected, atol=1e-3)
    assert [owners[i] for i in decisions.argmax(axis=0)] == list(whole.classes_)
