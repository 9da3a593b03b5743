"""The ``krisebot`` command: parse -> Settings -> one call -> print.

One module per command group, each registering its commands on ``main`` (``group.py``):

* ``data.py``: ``build-db``, ``fetch-ssb``, ``browse`` (the database and its sources);
* ``ask.py``: ``ask`` (answer queries as the bot would, as text, JSON or CSV);
* ``measure.py``: ``eval`` (understanding and knowledge retrieval against labelled files);
* ``serve.py``: ``chat``, ``run``, ``links`` (the conversation: terminal, Telegram, posters).

Shared by them: ``database.py`` (build the database when it is missing or stale, never over a
file that is not a Krisebot database: a typo in ``--db`` must not destroy a document) and
``loading.py`` (open the database read-only and load the answer core). Every command that needs
the database builds it first, so a newcomer never has to know that step exists. This package is
the only part of the bot that sees both sides: the pipeline and the shells.
"""

from __future__ import annotations

from bot.cli import ask, data, measure, serve
from bot.cli.database import build_database, ensure_database, refuse_foreign
from bot.cli.group import main
from bot.cli.loading import answerer_from, help_topic, load_answerer, load_retriever

#: The command modules, imported for the commands they register on ``main``.
COMMAND_MODULES = (ask, data, measure, serve)

__all__ = [
    "COMMAND_MODULES",
    "answerer_from",
    "build_database",
    "ensure_database",
    "help_topic",
    "load_answerer",
    "load_retriever",
    "main",
    "refuse_foreign",
]
