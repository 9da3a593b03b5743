"""The knowledge base as the bot reads it: help topics and their sourced statements.

Loaded once from the database (``statements``, ``statement_questions``, ``knowledge_topics``)
into frozen objects. Every statement carries its source row's quote, title, URL and year, so
anything shown can name and link its source.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import numpy.typing as npt

from bot import schema


class KnowledgeIndexError(Exception):
    """The stored retrieval index is missing or broken (rebuild the database)."""


@dataclass(frozen=True)
class Statement:
    """One sourced statement in the bot's own words."""

    id: str
    topic: str
    nb: str
    en: str
    quote: str
    source_title: str
    source_url: str
    source_year: str
    kind: str
    source_file: str
    questions: tuple[str, ...]
    #: Statements of other topics that say the same thing (``bot.pipeline.twins``).
    same_as: frozenset[str] = frozenset()

    def text(self, lang: str) -> str:
        """The wording in ``lang`` ("en"; anything else is bokmål)."""
        return self.en if lang == "en" else self.nb


@dataclass(frozen=True)
class Topic:
    """A help topic: its titles, its help line (an id in ``helplines``) and its statements."""

    id: str
    title_nb: str
    title_en: str
    helpline_id: str
    statement_ids: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.title_en if lang == "en" else self.title_nb


@dataclass(frozen=True)
class KnowledgeBase:
    """Topics in menu order and statements by id."""

    topics: Mapping[str, Topic]
    statements: Mapping[str, Statement]

    def in_topic(self, topic: str) -> list[Statement]:
        """The statements of ``topic`` in their curated order ([] for an unknown topic)."""
        found = self.topics.get(topic)
        return [self.statements[s] for s in found.statement_ids] if found else []


def load_knowledge(conn: sqlite3.Connection) -> KnowledgeBase:
    """Every topic and statement, with each statement's example questions."""
    questions: dict[str, list[str]] = {}
    for sid, question in conn.execute(
        f"SELECT statement_id, question FROM {schema.STATEMENT_QUESTIONS} "
        "ORDER BY statement_id, position"
    ):
        questions.setdefault(str(sid), []).append(str(question))
    statements: dict[str, Statement] = {}
    by_topic: dict[str, list[str]] = {}
    for row in conn.execute(
        f"SELECT id, topic, nb, en, quote, source_title, source_url, source_year, kind, "
        f"source_file, same_as FROM {schema.STATEMENTS} ORDER BY topic, position"
    ):
        statement = _statement([str(v or "") for v in row], questions)
        statements[statement.id] = statement
        by_topic.setdefault(statement.topic, []).append(statement.id)
    topics = {
        str(r[0]): _topic([str(v or "") for v in r], by_topic)
        for r in conn.execute(
            f"SELECT id, title_nb, title_en, helpline_id FROM {schema.KNOWLEDGE_TOPICS} "
            "ORDER BY position"
        )
    }
    return KnowledgeBase(MappingProxyType(topics), MappingProxyType(statements))


def _statement(row: list[str], questions: dict[str, list[str]]) -> Statement:
    sid, topic, nb, en, quote, title, url, year, kind, source_file, same_as = row
    twins = frozenset(t for t in same_as.split(",") if t)
    return Statement(sid, topic, nb, en, quote, title, url, year, kind, source_file,
                     tuple(questions.get(sid, ())), twins)  # fmt: skip


def _topic(row: list[str], by_topic: dict[str, list[str]]) -> Topic:
    tid, title_nb, title_en, helpline_id = row
    return Topic(tid, title_nb, title_en, helpline_id, tuple(by_topic.get(tid, ())))


@dataclass(frozen=True)
class QuestionIndex:
    """Every example question as a TF-IDF row, stored by feature (an inverted index).

    ``owners[q]`` is the statement of question ``q``; the rows that use feature ``j`` are
    ``questions[starts[j]:starts[j + 1]]`` with weights ``values[starts[j]:starts[j + 1]]``.
    """

    owners: tuple[str, ...]
    starts: npt.NDArray[np.int64]
    questions: npt.NDArray[np.int64]
    values: npt.NDArray[np.float64]


@dataclass(frozen=True)
class StatementModel:
    """A linear model that tells statements apart (a ``LinearSVC`` over the example questions
    and wordings, fitted by the pipeline): its weights stored by feature like ``QuestionIndex``,
    one row per statement (``weights.owners``), and each row's intercept."""

    weights: QuestionIndex
    intercepts: npt.NDArray[np.float64]


#: The part names of the statement model in ``schema.KNOWLEDGE_INDEX``.
MODEL_PREFIX = "model_"


def load_index(conn: sqlite3.Connection) -> QuestionIndex:
    """The stored index; ``KnowledgeIndexError`` when it is missing or broken."""
    return _index(_parts(conn, ""), "")


def load_model(conn: sqlite3.Connection) -> StatementModel:
    """The stored statement model; ``KnowledgeIndexError`` when it is missing or broken."""
    parts = _parts(conn, MODEL_PREFIX)
    weights = _index(parts, MODEL_PREFIX)
    try:
        raw = parts[MODEL_PREFIX + "intercepts"]
    except KeyError as exc:
        raise KnowledgeIndexError(f"the statement model is missing: {exc!r}") from exc
    intercepts = np.frombuffer(raw, dtype="<f8").astype(np.float64)
    if len(intercepts) != len(weights.owners):
        raise KnowledgeIndexError("the statement model is broken: one intercept per statement")
    return StatementModel(weights, intercepts)


def _index(parts: dict[str, bytes], prefix: str) -> QuestionIndex:
    """A ``QuestionIndex`` from its stored parts (named with ``prefix``)."""
    try:
        index = QuestionIndex(
            owners=tuple(json.loads(parts[prefix + "owners"].decode())),
            starts=np.frombuffer(parts[prefix + "starts"], dtype="<i8").astype(np.int64),
            questions=np.frombuffer(parts[prefix + "questions"], dtype="<i8").astype(np.int64),
            values=np.frombuffer(parts[prefix + "values"], dtype="<f8").astype(np.float64),
        )
    except (KeyError, ValueError) as exc:
        raise KnowledgeIndexError(f"the knowledge index is missing or broken: {exc!r}") from exc
    if len(index.questions) != len(index.values):
        raise KnowledgeIndexError("the knowledge index is broken: arrays differ in length")
    return index


def _parts(conn: sqlite3.Connection, prefix: str) -> dict[str, bytes]:
    """The stored parts of one table (the index's have no prefix, the model's have theirs):
    each loader reads only its own, once."""
    names = [prefix + n for n in ("owners", "starts", "questions", "values", "intercepts")]
    query = f"SELECT part, data FROM {schema.KNOWLEDGE_INDEX} WHERE part IN ({', '.join('?' * 5)})"
    try:
        return {str(k): bytes(v) for k, v in conn.execute(query, names)}
    except sqlite3.Error as exc:
        raise KnowledgeIndexError(f"the knowledge index is missing or broken: {exc!r}") from exc
