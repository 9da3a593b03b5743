"""Lookups staff make: charts that show what the text says (read back from the PNG itself)."""

from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.answers.actions import decode
from tests.support.png import chart_content

README_QUESTION = "Hvilket krisesenter var dyrest per innbygger i 2022?"


def test_readme_chart_shows_2022_and_the_centres_the_text_names(answerer: Answerer) -> None:
    reply = answerer.answer(README_QUESTION, "nb", chart=True)
    assert reply.chart is not None
    title, bars = chart_content(reply.chart)
    assert "2022" in title
    assert [b["label"] for b in bars][:2] == ["Hallingdal krisesenter", "Norasenteret"]
    assert (bars[0]["value"], bars[0]["text"]) == (256, "256")
    for bar in bars:
        assert bar["label"] in reply.text
    assert "Hallingdal krisesenter: 256 kr per innbygger (2022)" in reply.text


# -- a centre by its name or alias ------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "centre"),
    [
        ("Norasenteret", "norasenteret"),
        ("Hallingdal krisesenter", "hallingdal"),
        ("hallingdal", "hallingdal"),
        ("Krisesenteret i Bergen", "bergen"),
        ("Asker og Bærum krisesenter", "asker_baerum_lier"),
    ],
)
def test_a_centre_named_gets_its_card(answerer: Answerer, text: str, centre: str) -> None:
    reply = answerer.answer(text, "nb")
    assert reply.intent == "centre"
    assert [(h.id, h.basis) for h in reply.centres] == [(centre, "card")]
    assert reply.text.splitlines()[0] == "Her er det du spurte om."


def test_a_municipality_named_like_a_centre_town_is_still_the_municipality(
    answerer: Answerer,
) -> None:
    for text, number in (("Stavanger", "1103"), ("Bergen", "4601"), ("Oslo", "0301")):
        reply = answerer.answer(text, "nb")
        assert reply.municipality is not None and reply.municipality.number == number


# -- a year is a year next to a centre or a place ---------------------------------------------
def test_a_year_next_to_a_centre_is_a_year(answerer: Answerer) -> None:
    reply = answerer.answer("Hallingdal 2022", "nb")
    assert reply.intent == "stats"
    assert {(f["centre"], f["year"]) for f in reply.figures} == {("hallingdal", 2022)}
    assert "Hallingdal krisesenter: 256 kr per innbygger (2022)" in reply.text
    assert "Romerike" not in reply.text and "Gjerdrum" not in reply.text


def test_a_year_next_to_a_place_is_a_year(answerer: Answerer) -> None:
    reply = answerer.answer("Oslo 2022", "nb")
    assert reply.intent == "stats"
    assert "Krisesenteret i Oslo" in reply.text
    assert "Gjerdrum" not in reply.text


def test_a_postal_code_with_its_own_place_is_still_a_postal_code(answerer: Answerer) -> None:
    for text in ("2022", "Gjerdrum 2022", "1337 Sandvika"):
        reply = answerer.answer(text, "nb")
        assert reply.intent == "centre", text
        assert reply.municipality is not None
    assert (
        answerer.answer("2022", "nb").municipality == answerer.answer("Gjerdrum", "nb").municipality
    )


# -- charts show the year and the centres the text names --------------------------------------
def test_the_chart_of_one_centre_and_a_year_shows_that_centre_and_year(answerer: Answerer) -> None:
    reply = answerer.answer("kostnad per innbygger Hallingdal 2022", "nb", chart=True)
    assert reply.chart is not None
    title, bars = chart_content(reply.chart)
    assert "2022" in title
    assert [(b["label"], b["text"]) for b in bars] == [("Hallingdal krisesenter", "256")]
    assert "Hallingdal krisesenter: 256 kr per innbygger (2022)" in reply.text


def test_the_chart_of_a_comparison_has_a_bar_for_every_line(answerer: Answerer) -> None:
    reply = answerer.answer("sammenlign Hallingdal og Norasenteret", "nb", chart=True)
    assert reply.chart is not None
    title, bars = chart_content(reply.chart)
    lines = [line for line in reply.text.splitlines() if line.startswith("• ")]
    assert len(bars) == len(lines) > 2
    for bar, line in zip(bars, lines, strict=True):
        name, _, year = bar["label"].rpartition(" (")
        assert line.startswith(f"• {name}: ") and line.count(f"({year.rstrip(')')})") == 1
    years = sorted({b["label"][-5:-1] for b in bars})
    assert f"{years[0]}–{years[-1]}" in title


# -- counties -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Finnmark", "nb", {"alta", "norasenteret", "vest_finnmark"}),
        ("krisesentre i Finnmark", "nb", {"alta", "norasenteret", "vest_finnmark"}),
        ("crisis centres in Finnmark", "en", {"alta", "norasenteret", "vest_finnmark"}),
        ("Nordland", "nb", {"helgeland", "rana", "salten", "narvik", "vesteralen"}),
    ],
)
def test_a_county_lists_its_centres(
    answerer: Answerer, text: str, lang: str, expected: set[str]
) -> None:
    reply = answerer.answer(text, lang)
    assert reply.intent == "centre"
    ids = {h.id for h in reply.centres}
    assert expected <= ids
    catalog = answerer.catalog
    county = text.split()[-1]
    numbers = {m.number for m in catalog.municipalities.values() if m.county == county}
    for cid in ids:
        centre = catalog.centres[cid]
        served = set(catalog.served.get(cid, ()))
        assert centre.host_municipality_number in numbers or served & numbers
        assert centre.status != "closed"
    assert "116 006" in reply.text


def test_the_chart_button_draws_the_centres_the_text_named(answerer: Answerer) -> None:
    reply = answerer.answer("Hallingdal 2022", "nb")
    data = [b.data for row in reply.buttons for b in row if b.data.startswith("ch:")]
    assert data == ["ch:centre_cost:2022:hallingdal"]
    chart = answerer.press(decode(data[0]), "nb")
    assert chart.chart is not None
    title, bars = chart_content(chart.chart)
    assert "2022" in title
    assert [b["label"] for b in bars] == ["Hallingdal krisesenter"]
    assert "Hallingdal krisesenter: 256" in chart.text


def test_old_chart_buttons_still_work(answerer: Answerer) -> None:
    chart = answerer.press(decode("ch:centre_cost:2022"), "nb")
    assert chart.chart is not None
    assert "Norasenteret" in [b["label"] for b in chart_content(chart.chart)[1]]
