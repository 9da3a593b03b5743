"""Open the database read-only and load the answer core: catalog, statistics, the knowledge
base with its retrieval, and the classifier (what ``ask``, ``eval``, ``chat`` and ``run`` use)."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

import click

from bot import schema
from bot.answers import Answerer
from bot.answers.knowledge import KnowledgeReplies
from bot.catalog.db import DatabaseError, open_readonly
from bot.catalog.knowledge import (
    KnowledgeBase,
    KnowledgeIndexError,
    load_index,
    load_knowledge,
    load_model,
)
from bot.catalog.load import load_catalog, load_stats
from bot.cli.database import ensure_database
from bot.config import Settings
from bot.understand.classifier import Classifier
from bot.understand.features import ModelError, load_vectoriser
from bot.understand.retrieve import Retriever

#: The topic classifier's reading counts when it is this sure that a message asks for help.
HELP_INTENT_P = 0.6


def load_answerer(settings: Settings) -> Answerer:
    """Build the database if needed, open it read-only and load the answer core."""
    ensure_database(settings)
    try:
        conn = open_readonly(settings.db_path)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    try:
        return answerer_from(conn)
    except (ModelError, KnowledgeIndexError) as exc:
        raise click.ClickException(f"{exc} (run `krisebot build-db`)") from exc


def answerer_from(conn: sqlite3.Connection) -> Answerer:
    """The answer core over an open database: catalog, statistics and the knowledge base."""
    catalog = load_catalog(conn)
    knowledge = load_knowledge(conn)
    retriever = load_retriever(conn, knowledge)
    classifier = Classifier.load(conn)
    replies = KnowledgeReplies(knowledge, retriever, catalog, help_topic(classifier))
    return Answerer(catalog, load_stats(conn), replies, classifier)


def help_topic(classifier: Classifier) -> Callable[[str], str | None]:
    """The classifier's topic for a message it reads as a help question (else None)."""

    def topic(text: str) -> str | None:
        scores = classifier.scores(text)
        return scores.topic if scores.p("help") >= HELP_INTENT_P else None

    return topic


def load_retriever(conn: sqlite3.Connection, knowledge: KnowledgeBase) -> Retriever:
    """The knowledge retrieval: the stored vectoriser, question index and statement model over
    ``knowledge``."""
    vectoriser = load_vectoriser(conn, schema.KNOWLEDGE_MODEL)
    return Retriever(vectoriser, load_index(conn), knowledge, load_model(conn))
