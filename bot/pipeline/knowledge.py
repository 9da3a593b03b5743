"""The knowledge base: curated statements joined with the source rows they quote.

``data/curated/knowledge/<topic>.toml`` holds, per help topic, its titles (nb, en), its help line
and its statements: each names a source row (``source`` file under ``data/raw/``, ``id``) and
gives the bot's wording in bokmål and English and a few example questions it answers. The quote,
source title, URL, year and kind come from the source row, never from the curated file.

Checks that stop the build (``SourceError`` naming the file and the statement): an unknown topic
id; a topic with statements but no title; a help line that is not in ``helplines.csv``; a
statement whose source row is missing, has no quote or no URL, or whose note marks it outdated,
a proposal, foreign or not to be shown (unless the curated file says why it is shown); a
statement without wording in both languages or without example questions; the wording
checks of ``bot.pipeline.wording`` (numbers, year, law); a ``same_as`` naming an unknown
statement, itself, or one of its own topic.

``same_as``: the ids of statements in other topics that say the same thing (reviewed pairs, e.g.
calling 112 without a SIM card under emergency numbers and under the safety plan). The link is
made both ways at build; retrieval does not count such a twin as a rival topic.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

import pandas as pd

from bot import schema
from bot.pipeline import twins, wording
from bot.pipeline.readers import read_csv
from bot.pipeline.sources import RawPaths, SourceError

#: Notes in the pack that mark a row as not current fact.
_BLOCKING_NOTE: Final = re.compile(
    r"DO NOT SHOW|OUTDATED|PROPOSAL|FOREIGN SOURCE|may be outdated", re.IGNORECASE
)
_MIN_QUESTIONS: Final = 2


@dataclass(frozen=True)
class Knowledge:
    """The three tables, ready to write, and the example questions for retrieval."""

    topics: pd.DataFrame
    statements: pd.DataFrame
    questions: pd.DataFrame


def topic_questions(knowledge: Knowledge) -> list[tuple[str, str]]:
    """Every example question with its statement's topic, in curated order (for the topic
    model: each is a way of asking about that topic)."""
    topic_of = dict(zip(knowledge.statements["id"], knowledge.statements["topic"], strict=True))
    return [
        (str(question), str(topic_of[sid]))
        for sid, question in zip(
            knowledge.questions["statement_id"], knowledge.questions["question"], strict=True
        )
    ]


def read_knowledge(raw: RawPaths, helpline_ids: set[str]) -> Knowledge:
    """Read every topic file, join each statement with its source row, and check it all."""
    sources = _source_rows(raw)
    topics: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    questions: list[dict[str, Any]] = []
    if not raw.knowledge_files():
        raise SourceError(raw.knowledge_dir, None, "no topic files (<topic>.toml)")
    for path in raw.knowledge_files():
        doc = _load_toml(path)
        topic = _topic(path, doc, helpline_ids)
        rows = doc.get("statement", [])
        if rows and not (topic["title_nb"] and topic["title_en"]):
            raise SourceError(path, None, "a topic with statements needs title_nb and title_en")
        topics.append(topic)
        for position, item in enumerate(rows):
            statement = _statement(path, topic["id"], position, item, sources)
            statements.append(statement)
            questions += [
                {"statement_id": statement["id"], "position": i, "question": q}
                for i, q in enumerate(item["questions"])
            ]
    _check_unique([s["id"] for s in statements], raw.knowledge_dir)
    twins.link(statements, raw.knowledge_dir)
    return Knowledge(
        topics=_ordered_topics(pd.DataFrame(topics, columns=TOPIC_COLUMNS)),
        statements=pd.DataFrame(statements, columns=STATEMENT_COLUMNS),
        questions=pd.DataFrame(questions, columns=["statement_id", "position", "question"]),
    )


TOPIC_COLUMNS: Final = ["id", "position", "title_nb", "title_en", "helpline_id"]
STATEMENT_COLUMNS: Final = [
    "id", "topic", "position", "nb", "en", "quote", "source_title", "source_url",
    "source_year", "kind", "source_file", "same_as",
]  # fmt: skip


def _load_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(path, None, f"cannot read TOML: {exc}") from exc


def _topic(path: Path, doc: dict[str, Any], helpline_ids: set[str]) -> dict[str, Any]:
    topic_id = path.stem
    if topic_id not in schema.TOPICS:
        raise SourceError(path, None, f"unknown topic id {topic_id!r}")
    head = doc.get("topic", {})
    helpline = str(head.get("helpline", "")).strip()
    if helpline and helpline not in helpline_ids:
        raise SourceError(path, None, f"unknown help line {helpline!r} (see helplines.csv)")
    return {
        "id": topic_id,
        "position": schema.TOPICS.index(topic_id),
        "title_nb": str(head.get("title_nb", "")).strip(),
        "title_en": str(head.get("title_en", "")).strip(),
        "helpline_id": helpline,
    }


def _ordered_topics(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.sort_values("position").reset_index(drop=True)


def _source_rows(raw: RawPaths) -> dict[str, dict[str, dict[str, str]]]:
    """Every quotable row, by source file (as named in the curated files) and id."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for path in [*raw.knowledge_sources(), raw.help_facts]:
        frame = read_csv(path)
        out[raw.relative(path)] = {
            str(r["id"]): {str(k): str(v) for k, v in r.items()} for _, r in frame.iterrows()
        }
    return out


def _statement(
    path: Path,
    topic: str,
    position: int,
    item: dict[str, Any],
    sources: dict[str, dict[str, dict[str, str]]],
) -> dict[str, Any]:
    sid = str(item.get("id", "")).strip()
    where = f"statement {sid or position + 1!r}"

    def fail(problem: str) -> SourceError:
        return SourceError(path, where, problem)

    row = _source_row(item, sources, fail)
    nb, en = str(item.get("nb", "")).strip(), str(item.get("en", "")).strip()
    _check_row(row, item, fail)
    _check_wording(nb, en, row, fail)
    _check_questions(item, fail)
    return {
        "id": sid,
        "topic": topic,
        "position": position,
        "nb": nb,
        "en": en,
        "quote": row["quote"],
        "source_title": row["source_title"],
        "source_url": row["source_url"],
        "source_year": row["source_year"],
        "kind": row.get("kind") or "fact",
        "source_file": str(item["source"]),
        "same_as": twins.twin_ids(item, fail),
    }


def _source_row(
    item: dict[str, Any], sources: dict[str, dict[str, dict[str, str]]], fail: Any
) -> dict[str, str]:
    source = str(item.get("source", ""))
    if source not in sources:
        raise fail(f"unknown source file {source!r} (one of {sorted(sources)})")
    row = sources[source].get(str(item.get("id", "")))
    if row is None:
        raise fail(f"no row with this id in {source}")
    return row


def _check_row(row: dict[str, str], item: dict[str, Any], fail: Any) -> None:
    if not row.get("quote", "").strip():
        raise fail("the source row has no quote")
    if not row.get("source_url", "").strip():
        raise fail("the source row has no source URL")
    note = row.get("note", "")
    if _BLOCKING_NOTE.search(note) and not str(item.get("shown_because", "")).strip():
        raise fail(f"the source note says it is not current fact: {note!r}")


def _check_wording(nb: str, en: str, row: dict[str, str], fail: Any) -> None:
    if not nb or not en:
        raise fail("wording in both languages (nb, en) is required")
    quote, year = row["quote"], row["source_year"]
    for language, text in (("nb", nb), ("en", en)):
        for problem in (
            wording.unquoted_numbers(text, quote, year),
            wording.missing_year(text, year),
        ):
            if problem:
                raise fail(f"{language}: {problem}")
    if row.get("kind") == "law":
        source_text = " ".join((quote, row["source_title"], row.get("note", "")))
        problem = wording.missing_law(nb, en, source_text)
        if problem:
            raise fail(problem)


def _check_questions(item: dict[str, Any], fail: Any) -> None:
    questions = item.get("questions", [])
    if not isinstance(questions, list) or len(questions) < _MIN_QUESTIONS:
        raise fail(f"at least {_MIN_QUESTIONS} example questions are required")
    if any(not str(q).strip() for q in questions):
        raise fail("an example question is empty")


def _check_unique(ids: list[str], where: Path) -> None:
    seen: set[str] = set()
    for sid in ids:
        if sid in seen:
            raise SourceError(where, None, f"statement id {sid!r} is used twice")
        seen.add(sid)
