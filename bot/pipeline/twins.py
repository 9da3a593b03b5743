"""Twins: statements of two topics that say the same thing (``same_as`` in the curated files).

A curated statement may name, in ``same_as``, statements of other topics that say the same
(reviewed pairs, e.g. calling 112 without a SIM card under emergency numbers and under the safety
plan). The build checks each id (it exists, it is not the statement itself, it is of another
topic) and links the pair both ways; the ``statements`` table stores a statement's twins as
sorted, comma-joined ids. Retrieval does not count a twin as a rival topic.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from bot.pipeline.sources import SourceError


def twin_ids(item: dict[str, Any], fail: Any) -> list[str]:
    """The ids a curated statement names in ``same_as`` (a list of strings, else ``fail``)."""
    twins = item.get("same_as", [])
    if not isinstance(twins, list) or any(not str(t).strip() for t in twins):
        raise fail("same_as is a list of statement ids")
    return [str(t).strip() for t in twins]


def link(statements: list[dict[str, Any]], where: Path) -> None:
    """Check every ``same_as`` and make it symmetric; stored as sorted, comma-joined ids."""
    by_id = {s["id"]: s for s in statements}
    links: dict[str, set[str]] = {s["id"]: set() for s in statements}
    for statement in statements:
        for twin in statement["same_as"]:
            other = by_id.get(twin)
            if other is None or other["topic"] == statement["topic"]:  # itself included
                problem = "an unknown statement" if other is None else "not one of another topic"
                raise SourceError(where, f"statement {statement['id']!r}",
                                  f"same_as {twin!r} is {problem}")  # fmt: skip
            links[statement["id"]].add(twin)
            links[twin].add(statement["id"])
    for statement in statements:
        statement["same_as"] = ",".join(sorted(links[statement["id"]]))
