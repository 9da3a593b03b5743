"""Bad input through the whole application (real Update JSON -> handlers -> the fake Bot
API), property-based: every message, button press and inline query gets exactly one answer,
valid Telegram HTML, with 112 and 116 006 where it was not understood, and no handler fails
(the error handler's reply never shows)."""

from __future__ import annotations

import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.text import CATALOGUE
from tests.support.telegram_html import problems
from tests.test_bad_input import TRICKY, texts
from tests.tg.conftest import Harness

ANSWERS = {"sendMessage", "sendPhoto", "editMessageText"}
ERROR_LEADS = {CATALOGUE[lang]["lead_error"] for lang in CATALOGUE}
UNKNOWN_LEADS = {CATALOGUE[lang]["lead_unknown"] for lang in CATALOGUE}
CONFIRMATIONS = [
    re.compile(re.escape(CATALOGUE[lang][k]).replace(re.escape("{n}"), r"\d+"))
    for lang in CATALOGUE
    for k in ("deleted_none", "deleted_one", "deleted_n", "forgotten")
]
RELAXED = settings(
    max_examples=120, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip


def answers_since(harness: Harness, before: int) -> list[Any]:
    return [c for c in harness.api.calls[before:] if c.method in ANSWERS]


def check_answer(call: Any) -> None:
    text = str(call.params.get("text") or call.params.get("caption") or "")
    assert not problems(text), problems(text)
    first = text.splitlines()[0] if text else ""
    assert first not in ERROR_LEADS, "a handler failed"
    if any(c.fullmatch(first) for c in CONFIRMATIONS):
        return
    if first in UNKNOWN_LEADS:
        assert "112" in text and "116 006" in text


@RELAXED
@given(text=texts, lang=st.sampled_from(["nb", "en", "nn", "de", "", "zz-ZZ"]))
async def test_every_message_gets_exactly_one_valid_answer(
    harness: Harness, text: str, lang: str
) -> None:
    before = len(harness.api.calls)
    update = harness.api.user_message(text if text.strip() else None, lang=lang)
    if not text.strip():
        update["message"]["sticker"] = {"file_id": "s", "file_unique_id": "u", "width": 1,
                                        "height": 1, "is_animated": False,
                                        "is_video": False, "type": "regular"}  # fmt: skip
    await harness.feed(update)
    answers = answers_since(harness, before)
    assert len(answers) == 1, [c.method for c in answers]
    check_answer(answers[0])


BUTTONS = ["lang", "slett", "auto:", "auto:x", "auto:99999", "st::", "ch:"]


@RELAXED
@given(data=st.one_of(st.text(max_size=64), st.sampled_from(BUTTONS)))
async def test_every_button_press_gets_exactly_one_valid_answer(
    harness: Harness, data: str
) -> None:
    before = len(harness.api.calls)
    await harness.feed(harness.api.callback(data, message_id=10_000))
    calls = harness.api.calls[before:]
    assert [c.method for c in calls].count("answerCallbackQuery") == 1
    answers = [c for c in calls if c.method in ANSWERS]
    assert len(answers) == 1, [c.method for c in calls]
    check_answer(answers[0])


@RELAXED
@given(query=st.one_of(st.text(max_size=256), st.sampled_from(TRICKY)))
async def test_every_inline_query_is_answered_once(harness: Harness, query: str) -> None:
    before = len(harness.api.calls)
    await harness.feed(harness.api.inline(query[:256]))
    calls = harness.api.calls[before:]
    assert [c.method for c in calls] == ["answerInlineQuery"]
    for result in calls[0].params["results"]:
        assert not problems(result["input_message_content"]["message_text"])
