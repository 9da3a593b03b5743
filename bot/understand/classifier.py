"""The intent and topic models, loaded from the database and applied to one message.

The models are fitted by ``bot.pipeline.train`` inside ``build-db`` and stored with the
database; here they are applied with numpy (``bot.understand.features``), so serving never
imports scikit-learn. ``Classifier.load`` refuses models fitted by another scikit-learn version
or another feature definition (``ModelError``), as the bot refuses another schema version.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.understand import features

VECTORISER = "understand"
INTENT_MODEL = "intent"
TOPIC_MODEL = "topic"
LANG_MODEL = "lang"


@dataclass(frozen=True)
class Scores:
    """What the models think of one message: every label with its probability, best first."""

    intents: tuple[tuple[str, float], ...]
    topics: tuple[tuple[str, float], ...]
    langs: tuple[tuple[str, float], ...]
    words: int  # words in the message (ASCII-folded)
    known_words: int  # of those, the words the examples hold
    folded: tuple[str, ...] = ()  # the words themselves, folded (in memory only)
    unknown: tuple[str, ...] = ()  # the folded words the examples do not hold

    @property
    def intent(self) -> str:
        return self.intents[0][0]

    @property
    def confidence(self) -> float:
        return self.intents[0][1]

    @property
    def topic(self) -> str:
        return self.topics[0][0]

    @property
    def lang(self) -> str:
        return self.langs[0][0]

    def p(self, intent: str) -> float:
        return next((p for label, p in self.intents if label == intent), 0.0)

    def margin(self) -> float:
        """How far the best intent is ahead of the second."""
        return self.intents[0][1] - (self.intents[1][1] if len(self.intents) > 1 else 0.0)

    def topic_margin(self) -> float:
        return self.topics[0][1] - (self.topics[1][1] if len(self.topics) > 1 else 0.0)

    def likely_topics(self, n: int = 3) -> tuple[str, ...]:
        return tuple(label for label, _ in self.topics[:n])


class Classifier:
    """One vectoriser, two calibrated linear models; built once, used from any thread."""

    def __init__(
        self,
        vectoriser: features.Vectoriser,
        intent: features.LinearModel,
        topic: features.LinearModel,
        lang: features.LinearModel,
    ) -> None:
        self.vectoriser = vectoriser
        self.intent_model = intent
        self.topic_model = topic
        self.lang_model = lang

    @classmethod
    def load(cls, conn: features.Connection) -> Classifier:
        """The stored models; ``features.ModelError`` if absent, broken or from another
        scikit-learn version."""
        features.check_fitted_by(conn)
        vec = features.load_vectoriser(conn, VECTORISER)
        width = len(vec.terms)
        return cls(vec, *(features.load_linear(conn, name, width)
                          for name in (INTENT_MODEL, TOPIC_MODEL, LANG_MODEL)))  # fmt: skip

    def scores(self, text: str) -> Scores:
        row = self.vectoriser.transform(text)
        words = features.folded_words(text)
        index = self.vectoriser.index
        unknown = tuple(w for w in words if f"w:{features.stem(w)}" not in index)
        return Scores(
            tuple(self.intent_model.ranked(row)),
            tuple(self.topic_model.ranked(row)),
            tuple(self.lang_model.ranked(row)),
            len(words),
            len(words) - len(unknown),
            tuple(words),
            unknown,
        )
