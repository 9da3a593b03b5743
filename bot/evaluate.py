"""``krisebot eval``: how well the bot understands a labelled set of messages.

A labelled file has the columns of ``shared/understanding/examples_dev.tsv`` (``message``,
``intent``, ``topic``, ``lang`` and an optional ``note``). Each message goes through the real
answer core; the report gives accuracy per intent, topic accuracy, danger recall, the
false-emergency rate, disclosures answered as "not understood", a confusion matrix and every
miss. Rows in other languages (``lang`` = ``other``) are reported apart: for them what counts is
that the reply is in English and carries 112 and 116 006 in its first lines.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Protocol

from bot.answers.reply import Reply
from bot.understand.labels import INTENTS, NO_TOPIC

FIRST_LINES = 4  # "in its first lines": 112 and 116 006 must show before this line


class LabelledFileError(Exception):
    """The labelled file is missing, or a row lacks a column."""


@dataclass(frozen=True)
class Row:
    message: str
    intent: str
    topic: str | None
    lang: str
    note: str = ""

    @property
    def borderline(self) -> bool:
        return self.note.startswith("borderline")


@dataclass(frozen=True)
class Prediction:
    """What the bot did with one message."""

    intent: str
    topic: str | None
    reply_lang: str
    first_lines: str  # the reply's first lines, as text


@dataclass(frozen=True)
class Miss:
    message: str
    expected: str  # "intent/topic"
    got: str
    note: str


@dataclass
class Report:
    rows: int = 0
    intent_correct: int = 0
    per_intent: dict[str, list[int]] = field(default_factory=dict)  # intent -> [right, total]
    topic_rows: int = 0
    topic_correct: int = 0
    danger_rows: int = 0
    danger_caught: int = 0
    calm_rows: int = 0
    false_emergencies: int = 0
    disclosure_rows: int = 0
    cold_disclosures: int = 0
    borderline_misses: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)
    misses: list[Miss] = field(default_factory=list)
    other_rows: int = 0
    other_english_with_numbers: int = 0
    other_intents: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        out = asdict(self)
        out["intent_accuracy"] = _share(self.intent_correct, self.rows)
        out["topic_accuracy"] = _share(self.topic_correct, self.topic_rows)
        out["danger_recall"] = _share(self.danger_caught, self.danger_rows)
        out["false_emergency_rate"] = _share(self.false_emergencies, self.calm_rows)
        return out


def read_labelled(path: Path) -> list[Row]:
    """The rows of a labelled TSV file (UTF-8, one header line, no quoting)."""
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            return [_row(r, i) for i, r in enumerate(reader, start=2)]
    except OSError as exc:
        raise LabelledFileError(f"cannot read {path}: {exc.strerror}") from exc


def _row(raw: dict[str, str | None], line: int) -> Row:
    try:
        message, intent, topic, lang = (str(raw[k]) for k in ("message", "intent", "topic",
                                                              "lang"))  # fmt: skip
    except KeyError as exc:
        raise LabelledFileError(f"line {line}: no column {exc}") from exc
    if intent not in INTENTS:
        raise LabelledFileError(f"line {line}: unknown intent {intent!r}")
    topic_or_none = None if topic in {NO_TOPIC, ""} else topic
    return Row(message, intent, topic_or_none, lang, str(raw.get("note") or ""))


class _Answers(Protocol):
    def answer(self, text: str, lang: str) -> Reply: ...


def predictor(answers: _Answers) -> Callable[[str], Prediction]:
    """What the bot does with a message, as ``krisebot ask`` without ``--lang`` does it."""

    def predict(message: str) -> Prediction:
        reply = answers.answer(message, "nb")
        head = "\n".join(reply.text.splitlines()[:FIRST_LINES])
        return Prediction(reply.intent, reply.topic, reply.lang, head)

    return predict


def evaluate(rows: Iterable[Row], predict: Callable[[str], Prediction]) -> Report:
    """Run every row through ``predict`` and count."""
    report = Report()
    for row in rows:
        got = predict(row.message)
        if row.lang == "other":
            _count_other(report, got)
        else:
            _count(report, row, got)
    return report


def _count(report: Report, row: Row, got: Prediction) -> None:
    report.rows += 1
    right = got.intent == row.intent
    report.intent_correct += right
    tally = report.per_intent.setdefault(row.intent, [0, 0])
    tally[0] += right
    tally[1] += 1
    cells = report.confusion.setdefault(row.intent, {})
    cells[got.intent] = cells.get(got.intent, 0) + 1
    topic_right = True
    if row.intent in {"help", "disclosure"}:
        report.topic_rows += 1
        topic_right = got.topic == row.topic
        report.topic_correct += topic_right
    if row.intent == "emergency":
        report.danger_rows += 1
        report.danger_caught += got.intent == "emergency"
    else:
        report.calm_rows += 1
        report.false_emergencies += got.intent == "emergency"
    if row.intent == "disclosure":
        report.disclosure_rows += 1
        report.cold_disclosures += got.intent == "unknown"
    if not (right and topic_right):
        report.borderline_misses += row.borderline
        report.misses.append(Miss(row.message, _label(row.intent, row.topic),
                                  _label(got.intent, got.topic), row.note))  # fmt: skip


def _count_other(report: Report, got: Prediction) -> None:
    report.other_rows += 1
    report.other_intents[got.intent] = report.other_intents.get(got.intent, 0) + 1
    head = got.first_lines
    report.other_english_with_numbers += (
        got.reply_lang == "en" and "112" in head and "116 006" in head
    )


def _label(intent: str, topic: str | None) -> str:
    return f"{intent}/{topic or NO_TOPIC}"


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f} %)" if whole else "-"


def format_report(report: Report) -> str:
    """The report as a person reads it."""
    lines = [
        f"rows: {report.rows} (+ {report.other_rows} in other languages, below)",
        f"intent accuracy:      {_pct(report.intent_correct, report.rows)}",
        f"topic accuracy:       {_pct(report.topic_correct, report.topic_rows)}"
        "  (help and disclosure rows)",
        f"danger recall:        {_pct(report.danger_caught, report.danger_rows)}",
        f"false emergencies:    {_pct(report.false_emergencies, report.calm_rows)}"
        "  (of rows without danger now)",
        f"disclosures answered as not understood: {report.cold_disclosures} of "
        f"{report.disclosure_rows}",
        f"misses on borderline rows (softer errors): {report.borderline_misses}",
        "",
        "per intent:",
    ]
    for intent in INTENTS:
        right, total = report.per_intent.get(intent, [0, 0])
        if total:
            lines.append(f"  {intent:<11} {_pct(right, total)}")
    lines += ["", *_confusion_lines(report.confusion), ""]
    lines.append(f"other languages: {report.other_rows} rows; reply in English with 112 and "
                 f"116 006 in the first lines: {report.other_english_with_numbers}; read as "
                 + (", ".join(f"{k} {v}" for k, v in sorted(report.other_intents.items()))
                    or "-"))  # fmt: skip
    lines += ["", f"misses ({len(report.misses)}):"]
    lines += [f"  {m.expected:<28} got {m.got:<28} {m.message}"
              + (f"  [{m.note}]" if m.note else "") for m in report.misses]  # fmt: skip
    return "\n".join(lines)


def _confusion_lines(confusion: dict[str, dict[str, int]]) -> Sequence[str]:
    labels = [i for i in INTENTS if i in confusion or any(i in r for r in confusion.values())]
    short = {i: i[:5] for i in labels}
    head = "expected \\ got  " + " ".join(f"{short[i]:>5}" for i in labels)
    out = ["confusion matrix (rows: expected, columns: got):", head]
    for expected in labels:
        cells = confusion.get(expected, {})
        out.append(f"  {expected:<13} " + " ".join(f"{cells.get(g, 0):>5}" for g in labels))
    return out
