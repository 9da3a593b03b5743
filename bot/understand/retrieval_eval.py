"""Measure retrieval on a labelled question set: ``krisebot eval --questions``.

Each case is a question and the statement ids that may answer it (the first id's topic is the
question's topic; a statement of another topic that says the same may be listed after it, and
a listed statement's curated ``same_as`` twins count as listed). A case is *right* when the
first statement shown is one of them, *from another topic* when the first statement shown is
not one of them and belongs to another topic, and a *topic page* when nothing reaches the
threshold (the bot then shows the topic's page).

Two routes are measured: with the right topic given (retrieval alone), and end to end: the
statements the bot's own reply shows (``answer``: its routing, the topic it chooses, retrieval).
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bot.catalog.knowledge import KnowledgeBase
from bot.understand.retrieve import Retriever

Route = Callable[[str], str | None]
Answer = Callable[[str], tuple[str, ...]]


class CaseError(Exception):
    """The question file is malformed or names an unknown statement."""


@dataclass(frozen=True)
class Case:
    question: str
    expected: tuple[str, ...]
    topic: str


@dataclass(frozen=True)
class Outcome:
    case: Case
    shown: tuple[str, ...]
    shown_topic: str | None

    @property
    def right_first(self) -> bool:
        return bool(self.shown) and self.shown[0] in self.case.expected

    @property
    def other_topic(self) -> bool:
        """A wrong first statement from another topic (a listed one is right wherever it is)."""
        return bool(self.shown) and not self.right_first and self.shown_topic != self.case.topic

    @property
    def topic_page(self) -> bool:
        return not self.shown


@dataclass(frozen=True)
class Report:
    name: str
    outcomes: tuple[Outcome, ...]

    def count(self, what: Callable[[Outcome], bool]) -> int:
        return sum(1 for o in self.outcomes if what(o))

    def line(self) -> str:
        n = len(self.outcomes)
        right = self.count(lambda o: o.right_first)
        other = self.count(lambda o: o.other_topic)
        page = self.count(lambda o: o.topic_page)
        share = 100 * right / n if n else 0.0
        return (
            f"{self.name}: right statement first {right}/{n} ({share:.1f} %); "
            f"answered from another topic {other}; topic page instead {page}"
        )


def read_cases(path: Path, knowledge: KnowledgeBase) -> list[Case]:
    """The cases of a ``question<TAB>id,id`` file with a header row."""
    cases: list[Case] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle, delimiter="\t"), start=2):
            question = (row.get("question") or "").strip()
            ids = tuple(i.strip() for i in (row.get("statements") or "").split(",") if i.strip())
            if not question or not ids:
                raise CaseError(f"{path}, line {number}: a question and its statement ids")
            unknown = [i for i in ids if i not in knowledge.statements]
            if unknown:
                raise CaseError(f"{path}, line {number}: unknown statement(s) {unknown}")
            twins = (t for i in ids for t in sorted(knowledge.statements[i].same_as))
            listed = tuple(dict.fromkeys([*ids, *twins]))
            cases.append(Case(question, listed, knowledge.statements[ids[0]].topic))
    return cases


def evaluate(name: str, cases: list[Case], retriever: Retriever, route: Route) -> Report:
    """Answer every case with the topic ``route`` gives (None: all topics) and score it."""
    outcomes = []
    for case in cases:
        hits = retriever.search(case.question, route(case.question))
        shown = tuple(h.statement.id for h in hits)
        outcomes.append(Outcome(case, shown, hits[0].statement.topic if hits else None))
    return Report(name, tuple(outcomes))


def evaluate_replies(
    name: str, cases: list[Case], answer: Answer, knowledge: KnowledgeBase
) -> Report:
    """Score the statements the bot's replies show (first one first)."""
    outcomes = []
    for case in cases:
        shown = answer(case.question)
        topic = knowledge.statements[shown[0]].topic if shown else None
        outcomes.append(Outcome(case, shown, topic))
    return Report(name, tuple(outcomes))


def misses(report: Report) -> list[str]:
    """One line per case that was not answered with a right statement first."""
    return [
        f"  {o.case.question!r}: expected {','.join(o.case.expected)}; "
        f"shown {','.join(o.shown) or '(topic page)'}"
        for o in report.outcomes
        if not o.right_first
    ]


def run(
    cases: list[Case],
    retriever: Retriever,
    answer: Answer,
    knowledge: KnowledgeBase,
    verbose: bool = False,
) -> str:
    """Both measurements as text (with every miss when ``verbose``)."""
    topics = {c.question: c.topic for c in cases}
    reports = [
        evaluate("given the right topic", cases, retriever, topics.get),
        evaluate_replies("the bot's replies", cases, answer, knowledge),
    ]
    lines = [f"{len(cases)} questions"]
    for report in reports:
        lines.append(report.line())
        if verbose:
            lines += misses(report)
    return "\n".join(lines)
