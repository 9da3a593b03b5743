"""Force the intent model's reading of every message (the rest of its reading kept), to test
what a route does with a reading independently of how the fitted model happens to read a text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.answers import Answerer
from bot.understand.classifier import Scores


def read_as(
    answerer: Answerer,
    monkeypatch: pytest.MonkeyPatch,
    intent: str,
    told: float = 0.05,
    topic: str | None = None,
) -> None:
    """Every message is read as ``intent``, with ``told`` the probability that it tells (and
    surely about ``topic``, when given)."""
    classifier = answerer.classifier
    assert classifier is not None
    real = classifier.scores

    def forced(text: str) -> Scores:
        other = "help" if intent != "help" else "smalltalk"
        intents = ((intent, 0.95 - told), ("disclosure", told), (other, 0.05))
        return replace(real(text), intents=intents)

    monkeypatch.setattr(classifier, "scores", forced)
    if topic:
        topics_as(answerer, monkeypatch, ((topic, 0.9), ("overview", 0.1)))


def topics_as(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch, topics: tuple[tuple[str, float], ...]
) -> None:
    """Every message's topics are ``topics`` (with their probabilities, best first), on top of
    whatever else the classifier's reading is (also a forced one)."""
    classifier = answerer.classifier
    assert classifier is not None
    real = classifier.scores

    def forced(text: str) -> Scores:
        return replace(real(text), topics=topics)

    monkeypatch.setattr(classifier, "scores", forced)
