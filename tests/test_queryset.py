"""The 500+ query test set from the data: >= 98 % right, 0 confidently wrong where the right
answer is to ask, 100 % answered without an exception, every unclear reply with 112/116 006."""

from __future__ import annotations

import sqlite3
from collections import Counter

from bot.answers import Answerer
from tests.support.queryset import DANGER, NASTY, build


def test_query_set(answerer: Answerer, sql: sqlite3.Connection) -> None:
    cases = build(sql)
    assert len(cases) >= 500
    assert Counter(c.kind for c in cases).keys() >= {
        "official", "ascii", "upper", "parallel_or_former", "postal_place", "postal_code",
        "municipality_number", "sentence", "typo",
    }  # fmt: skip
    right = 0
    confidently_wrong = []
    for case in cases:
        reply = answerer.answer(case.query, case.lang)
        got = {c.number for c in reply.candidates}
        if case.must_ask:
            if reply.municipality is not None:
                confidently_wrong.append(case)
            elif reply.intent == "clarify" and case.expected <= got:
                right += 1
        elif reply.municipality is not None and reply.municipality.number in case.expected:
            right += 1
    assert confidently_wrong == []
    assert right / len(cases) >= 0.98, right / len(cases)


def test_danger_sentences_are_emergencies(answerer: Answerer) -> None:
    for query in DANGER:
        assert answerer.answer(query, "nb").intent == "emergency", query


def test_broken_input_gets_a_calm_answer(answerer: Answerer) -> None:
    for query in NASTY:
        for lang in ("nb", "en"):
            reply = answerer.answer(query, lang)
            assert "112" in reply.text, query
            assert "116 006" in reply.text, query
