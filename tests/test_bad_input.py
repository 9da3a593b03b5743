"""Bad input through the answer core, property-based: whatever a person types (empty, huge,
control characters, SQL, HTML, RTL, combining marks, zero-width, emoji), the core answers once,
calmly, never raises, never echoes the text unescaped, and always shows 112 and 116 006."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.answers import Answerer
from bot.answers.actions import decode
from bot.text import CATALOGUE
from bot.understand.labels import INTENTS
from tests.support.telegram_html import problems

TRICKY = [
    "", " ", "\t\n\r", "\x00", "\x1b[2J", "\u202e1337\u202c", "مرحبا أنا في خطر", "שלום",
    "Bæ\u0301rum", "Ba\u0308\u0308\u0308rum", "Bæ\u200brum", "\u200d\u200c\ufeff", "\U0001f198🏠🆘",
    "👩‍👧‍👦", "'; DROP TABLE municipalities; --", "1' OR '1'='1", "<script>alert(1)</script>",
    "<b>Bærum</b>", "a & b < c > d", "&amp;&lt;", "%s %d {0} {muni}", "\\", "\ud7ff",
    "0000", "9999", "00000000", "-1", "1e309", "NaN", "Guovdageaidnu" * 200, "x" * 10_000,
    "han slår meg nå <b>", "/start", "/slett", "@krisebot Bærum",
]  # fmt: skip
PLACES = ["Bærum", "Hå", "Herøy", "Tromsø", "1337", "Sandvika", "Kárášjohka", "statistikk 2022"]
texts = st.one_of(
    st.text(max_size=300),
    st.sampled_from(TRICKY),
    st.lists(st.one_of(st.sampled_from(TRICKY + PLACES), st.text(max_size=20)), max_size=6).map(
        " ".join
    ),
    st.text(st.characters(categories=["Mn", "Me", "Cf", "Zs", "So", "Cc", "Co"]), max_size=50),
)
LEADS = {v for lang in CATALOGUE for k, v in CATALOGUE[lang].items() if k.startswith("lead_")}


@pytest.fixture(scope="module")
def core(tmp_path_factory: pytest.TempPathFactory) -> Answerer:
    from bot.catalog.db import open_readonly
    from bot.cli import answerer_from
    from bot.pipeline.build import build

    path = tmp_path_factory.mktemp("bad") / "krisebot.db"
    build(Path(__file__).resolve().parent.parent / "data" / "raw", path)
    return answerer_from(open_readonly(path))


def check(html: str, text: str) -> None:
    assert not problems(html), problems(html)
    assert text.splitlines()[0] in LEADS
    assert "112" in text and "116 006" in text


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(query=texts, lang=st.sampled_from(["nb", "en"]))
def test_any_text_gets_one_calm_valid_reply(core: Answerer, query: str, lang: str) -> None:
    reply = core.answer(query, lang)
    check(reply.html, reply.text)
    assert reply.intent in set(INTENTS)
    for row in reply.buttons:
        for button in row:
            assert len(button.data.encode()) <= 64 and bool(button.data) != bool(button.url)


@settings(max_examples=200, deadline=None)
@given(data=st.one_of(st.text(max_size=70), st.sampled_from(
    ["m:", "c:", "n:", "h:", "st:", "ch:", "st:stays:", "ch:x:2022", "st:stays:99999999999",
     "m:0301:x", "c:../../etc", "n:<b>", "st:spending:-1", "ch:centre_cost:1900"])))  # fmt: skip
def test_any_button_data_gets_a_valid_reply(core: Answerer, data: str) -> None:
    reply = core.press(decode(data), "nb")
    check(reply.html, reply.text)


@settings(max_examples=200, deadline=None)
@given(
    lat=st.floats(allow_nan=True, allow_infinity=True),
    lon=st.floats(allow_nan=True, allow_infinity=True),
)
def test_any_location_gets_a_valid_reply(core: Answerer, lat: float, lon: float) -> None:
    reply = core.location(lat, lon, "en")
    check(reply.html, reply.text)


@pytest.mark.parametrize("query", TRICKY)
def test_markup_in_the_input_is_escaped(core: Answerer, query: str) -> None:
    html = core.answer(query, "nb").html
    assert not problems(html)
    for raw in ("<script>", "<b>Bærum</b>", "a & b < c"):
        assert raw not in html
