"""Fit the retrieval vectoriser: TF-IDF over every statement's example questions.

Uses the shared feature definition (``bot.understand.features.analyze``) so that retrieval reads
text exactly as the intent/topic classifier does. Only the fitted numbers are stored (model
``schema.KNOWLEDGE_MODEL`` in ``model_parts``, JSON and float arrays, never pickle); the bot
transforms the stored questions with them when it loads (see ``bot.understand.retrieve``).
"""

from __future__ import annotations

from collections.abc import Iterable

from sklearn.feature_extraction.text import TfidfVectorizer

from bot.understand import features


def fit_vectoriser(questions: Iterable[str]) -> features.Vectoriser:
    """The TF-IDF over ``questions`` (sublinear tf, l2 rows), exported for storage."""
    vectoriser = TfidfVectorizer(analyzer=features.analyze, sublinear_tf=True)
    vectoriser.fit(list(questions))
    return features.from_tfidf(vectoriser)
