"""The answer core: whole replies for the kinds of question, and its safety promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answers import Answerer, Button, Reply
from bot.answers.actions import decode
from bot.text import CATALOGUE


def _lines(reply: Reply) -> list[str]:
    return reply.text.splitlines()


def test_municipality_with_agreement(answerer: Answerer) -> None:
    reply = answerer.answer("Bærum", "nb")
    data = reply.to_json("Bærum")
    assert data["intent"] == "centre"
    assert data["municipality"] == {"number": "3201", "name": "Bærum"}
    assert data["candidates"] == []
    first = data["centres"][0]
    assert (first["id"], first["basis"], first["phone"]) == ("asker_baerum_lier", "agreement", None)
    assert [c["basis"] for c in data["centres"][1:]] == ["nearest"] * 3
    distances = [c["distance_km"] for c in data["centres"][1:]]
    assert distances == sorted(distances)
    assert data["centres"][1] == {
        "id": "oslo", "name": "Krisesenteret i Oslo", "phone": "22 48 03 80",
        "basis": "nearest", "distance_km": data["centres"][1]["distance_km"],
    }  # fmt: skip
    text = reply.text
    assert "Bærum har avtale med:" in text
    assert "Telefon: ikke kjent her." in text
    assert text.count("ring 116 006, så setter de deg over") == 1
    assert "ca. 14 km" in text
    assert text.rstrip().endswith("116 006 (gratis og anonymt).")
    assert reply.buttons[-1] == (
        Button("Andre sentre i nærheten", data="n:3201"),
        Button("Ikke riktig kommune?", data="x"),
    )


def test_municipality_without_agreement_says_so_plainly(answerer: Answerer) -> None:
    reply = answerer.answer("Hå", "nb")
    assert reply.intent == "centre"
    assert reply.municipality is not None and reply.municipality.number == "1119"
    assert [c.basis for c in reply.centres] == ["nearest"] * 3
    assert reply.centres[0].id == "stavanger"
    assert "Vi har ingen kilde på hvilket krisesenter Hå har avtale med." in reply.text
    assert "Disse er nærmest i luftlinje:" in reply.text
    assert "116 006 kan hjelpe deg å finne riktig sted." in reply.text


def test_english_reply(answerer: Answerer) -> None:
    reply = answerer.answer("Hå", "en")
    assert "We have no source saying which crisis centre Hå has an agreement with." in reply.text
    assert "approx." in reply.text


def test_old_weak_and_secondary_sources_are_flagged(answerer: Answerer) -> None:
    bodo = answerer.answer("Bodø", "nb").text
    assert "Nummeret er fra en eldre kilde (2017)." in bodo
    oslo = answerer.answer("Oslo", "nb").text
    assert "Nummeret er fra en usikker kilde." in oslo
    assert "Kilden er fra 2018. Avtalen kan ha endret seg siden." in oslo
    vadso = answerer.answer("Vadsø", "nb").text
    assert "Dette er usikkert. Ring 116 006 for å få det bekreftet." in vadso


def test_clarify_offers_choices_as_buttons(answerer: Answerer) -> None:
    reply = answerer.answer("Herøy", "nb")
    assert reply.intent == "clarify"
    assert reply.municipality is None
    assert [c.number for c in reply.candidates] == ["1515", "1818"]
    assert reply.buttons == (
        (Button("Herøy (Møre og Romsdal)", data="m:1515"),),
        (Button("Herøy (Nordland)", data="m:1818"),),
    )
    assert "Mente du en av disse?" in reply.text


def test_emergency_puts_112_first_then_116006_then_the_rest(answerer: Answerer) -> None:
    reply = answerer.answer("Han slår meg nå. Jeg bor i Bodø", "nb")
    assert reply.intent == "emergency"
    text = reply.text
    assert text.index("112") < text.index("116 006") < text.index("Bodø har avtale med")
    assert reply.municipality is not None and reply.municipality.number == "1804"
    alone = answerer.answer("I'm in danger", "en")
    assert alone.intent == "emergency"
    assert _lines(alone)[2] == "If you are in danger now: call 112."


def test_location_gives_municipality_and_nearest(answerer: Answerer) -> None:
    reply = answerer.location(69.65, 18.96, "nb")  # Tromsø
    assert reply.municipality is not None and reply.municipality.number == "5501"
    assert "Posisjonen din er trolig i eller nær Tromsø (ca.)." in reply.text
    assert reply.centres[0].id == "tromso"
    assert answerer.location(999, 0, "nb").intent == "unknown"


def test_centre_card(answerer: Answerer) -> None:
    card = answerer.centre_card("romerike", "en").text
    assert "Phone: 66 93 23 10 (open day and night)" in card
    assert "Phone for men: 63 81 41 78" in card
    assert "Municipalities with an agreement (12):" in card
    assert "Many crisis centres keep their address secret, so we show none." in card
    conflict = answerer.centre_card("gudbrandsdal", "nb").text
    assert "kildene oppgir ulike numre" in conflict
    assert "414 81 220" not in conflict and "61 27 92 20" not in conflict
    unverified = answerer.centre_card("narvik", "nb").text
    assert "ingen kilde fra 2019 eller senere" in unverified


def test_unknown_input_gets_a_calm_answer_with_emergency_numbers(answerer: Answerer) -> None:
    reply = answerer.answer("qwxzv", "nb")
    assert reply.intent == "unknown"
    assert "112" in reply.text and "116 006" in reply.text
    assert "postnummer" in reply.text


def test_help_topic_pages_name_their_sources(answerer: Answerer) -> None:
    reply = answerer.answer("barn", "nb")
    assert reply.intent == "help"
    assert "116 111" in reply.text
    assert "Kilde:" in reply.text


@pytest.mark.parametrize("query", ["<script>alert(1)</script>", "<b>Bærum</b>", "a & b < c"])
def test_user_text_is_never_echoed_unescaped(answerer: Answerer, query: str) -> None:
    html = answerer.answer(query, "nb").html
    assert "<script>" not in html
    assert "a & b" not in html


@pytest.mark.parametrize(
    "query", ["Bærum", "Hå", "Herøy", "han slår meg nå", "barn", "statistikk", "qwxzv", ""]
)
@pytest.mark.parametrize("lang", ["nb", "en"])
def test_every_reply_starts_with_a_neutral_line(answerer: Answerer, query: str, lang: str) -> None:
    reply = answerer.answer(query, lang)  # a Norwegian message gets Norwegian: reply.lang
    first = _lines(reply)[0]
    leads = {v for k, v in CATALOGUE[reply.lang].items() if k.startswith("lead_")}
    assert first in leads


@pytest.mark.parametrize(
    ("data", "intent"),
    [("m:1804", "centre"), ("c:oslo", "centre"), ("n:1119", "centre"), ("h:children", "help"),
     ("e", "emergency"), ("s", "stats"), ("x", "clarify"), ("mn", "help"),
     ("m:9999", "unknown"), ("c:nope", "unknown"), ("h:nope", "unknown"), ("zz", "unknown")],
)  # fmt: skip
def test_callbacks(answerer: Answerer, data: str, intent: str) -> None:
    assert answerer.press(decode(data), "nb").intent == intent


def test_callback_data_fits_telegram(answerer: Answerer) -> None:
    for reply in (answerer.answer("Bærum", "nb"), answerer.start("en")):
        for row in reply.buttons:
            for button in row:
                assert len(button.data.encode()) <= 64
                assert bool(button.data) != bool(button.url)


def test_danger_phrases_come_from_the_curated_data(raw_copy: Path, tmp_path: Path) -> None:
    """A phrase added to data/curated/danger_phrases.csv is danger after the next build."""
    from bot.catalog.db import open_readonly
    from bot.catalog.load import load_catalog, load_stats
    from bot.pipeline.build import build

    phrases = raw_copy.parent / "curated" / "danger_phrases.csv"
    phrases.write_text(phrases.read_text(encoding="utf-8") + "testfrase for fare,nb\n")
    build(raw_copy, tmp_path / "k.db")
    conn = open_readonly(tmp_path / "k.db")
    core = Answerer(load_catalog(conn), load_stats(conn))
    assert core.answer("dette er en testfrase for fare", "nb").intent == "emergency"


def test_unknown_phones_are_put_through_once_per_reply(answerer: Answerer) -> None:
    text = answerer.answer("Hå", "nb").text
    assert text.count("Telefon: ikke kjent her") == 3
    assert text.count("ring 116 006, så setter de deg over") == 1
