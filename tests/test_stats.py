"""Statistics through the answer core: cited figures, missing years as choices, charts whose
bars (measured in the decoded PNG) match the data, and the centre card's own figures.

These tests pin figures, so they run on the fixture source set (tests/data/sources/, built by
the real pipeline): a correction of a figure in data/raw/ does not break them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from PIL import Image

from bot.answers import Answerer, charts
from bot.answers.actions import Action, decode, encode


@pytest.fixture
def answerer(fixture_answerer: Answerer) -> Answerer:
    return fixture_answerer


def _fig(reply: Any, key: str, year: int) -> dict[str, Any]:
    return next(f for f in reply.figures if f["key"] == key and f["year"] == year)


@pytest.mark.parametrize(
    ("query", "lang"),
    [("Hva kostet krisesentrene per innbygger i 2022?", "nb"),
     ("What did the crisis centres cost per inhabitant in 2022?", "en")],
)  # fmt: skip
def test_national_spending_per_inhabitant_2022(answerer: Answerer, query: str, lang: str) -> None:
    reply = answerer.answer(query, lang)
    assert reply.intent == "stats"
    level = _fig(reply, "spending_per_inhabitant", 2022)
    expected = (79, "NOK per inhabitant", "exact")
    assert (level["value"], level["unit"], level["qualifier"]) == expected
    assert level["table"] == "12130"
    assert level["source"].startswith("https://www.ssb.no/")
    assert _fig(reply, "spending_change", 2022)["value"] == 3
    if lang == "nb":
        assert "79 kr per innbygger (2022)" in reply.text
        assert "3 kr per innbygger mer enn året før (2022)" in reply.text
    else:
        assert "79 NOK per inhabitant (2022)" in reply.text
        assert "3 NOK per inhabitant more than the year before" in reply.text


def test_most_expensive_centres_per_inhabitant_2022(answerer: Answerer) -> None:
    reply = answerer.answer("Hvilket krisesenter var dyrest per innbygger i 2022?", "nb")
    named = [f for f in reply.figures if f["key"] == "centre_cost"]
    assert [(f["region"], f["value"]) for f in named[:2]] == [
        ("Hallingdal krisesenter", 256),
        ("Norasenteret (Øst-Finnmark / Sør-Varanger)", 234),
    ]
    lines = [ln for ln in reply.text.splitlines() if ln.startswith("• ")]
    assert lines[0].startswith("• Hallingdal krisesenter: 256 kr per innbygger (2022)")
    assert lines[1].startswith("• Norasenteret: 234 kr per innbygger (2022)")
    assert any("under 50 kr per innbygger" in ln for ln in lines)  # the qualifier is kept
    assert "Kildene navngir 3 sentre for 2022." in reply.text  # of the fixture's centres


def test_child_welfare_cooperation_2022(answerer: Answerer) -> None:
    reply = answerer.answer("Hvor mange barnevern samarbeider med krisesentertilbudet i 2022?",
                            "nb")  # fmt: skip
    figure = _fig(reply, "coop_barnevern", 2022)
    assert (figure["value"], figure["qualifier"]) == (67, "approx")
    assert "om lag 67 % av barneverntjenestene (2022)" in reply.text


def test_womens_centres_in_cooperation_forums_2020(answerer: Answerer) -> None:
    reply = answerer.answer("How many women's centres took part in cooperation forums 2020?", "en")
    assert _fig(reply, "forums_women", 2020)["value"] == 32
    assert "32 of 43 centres (2020)" in reply.text
    nb = answerer.answer("kvinnesentre i samarbeidsfora 2020", "nb")
    assert "32 av 43 sentre (2020)" in nb.text


def test_a_year_we_do_not_hold_is_never_invented(answerer: Answerer) -> None:
    reply = answerer.answer("beboere på krisesenter i 2012", "nb")
    assert reply.figures == ()
    assert "Vi har ikke tall om Beboere og overnattinger for 2012." in reply.text
    data = [b.data for row in reply.buttons for b in row]
    assert data == [f"st:stays:{y}" for y in (2018, 2019, 2020, 2022, 2023, 2024)]
    chosen = answerer.press(decode(data[-1]), "nb")
    assert {f["year"] for f in chosen.figures} == {2024}


def test_a_measure_named_offers_the_years_of_that_measure(answerer: Answerer) -> None:
    reply = answerer.answer("overnattinger på krisesenter i 2012", "nb")
    assert reply.figures == ()
    assert [b.data for row in reply.buttons for b in row] == ["st:stays:2018"]


def test_menu_flow_statistics_topic_year(answerer: Answerer) -> None:
    menu = answerer.press(decode(encode(Action.STATS)), "nb")
    topics = [b.data for row in menu.buttons for b in row]
    assert topics == ["st:spending", "st:centre_cost", "st:stays", "st:day_users", "st:centres",
                      "st:cooperation"]  # fmt: skip
    topic = answerer.press(decode(encode(Action.STATS_TOPIC, "day_users")), "en")
    assert any(f["key"] == "day_users" and f["value"] == 3745 for f in topic.figures)


def test_every_figure_line_names_unit_year_and_source(answerer: Answerer) -> None:
    for topic in ("spending", "stays", "day_users", "centres", "cooperation"):
        reply = answerer.press(decode(encode(Action.STATS_TOPIC, topic)), "nb")
        for line in (ln for ln in reply.text.splitlines() if ln.startswith("• ")):
            assert " – SSB, tabell " in line or " – Bufdir" in line, line
            assert "(20" in line, line


def _bar_lengths(png: bytes, axis: str) -> list[int]:
    """Decode the PNG and measure each bar (in pixels) by the bar colours."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    colours = {
        Image.new("RGB", (1, 1), c).getpixel((0, 0)) for c in (charts.BAR, charts.BAR_QUALIFIED)
    }
    width, height = image.size
    pixels = image.load()
    assert pixels is not None
    outer, inner = (height, width) if axis == "y" else (width, height)
    counts = []
    for a in range(outer):
        counts.append(sum(
            1 for b in range(inner)
            if (pixels[b, a] if axis == "y" else pixels[a, b]) in colours
        ))  # fmt: skip
    bars, run = [], []
    for count in [*counts, 0]:
        if count:
            run.append(count)
        elif run:
            bars.append(max(run))
            run = []
    return bars


def test_centre_chart_bars_match_the_data(answerer: Answerer) -> None:
    reply = answerer.press(decode(encode(Action.CHART, "centre_cost", 2021)), "nb")
    assert reply.chart is not None and reply.chart.startswith(b"\x89PNG")
    keys = {"centre_cost", "centre_cost_bufdir"}
    values = [f["value"] for f in reply.figures if f["key"] in keys]
    lengths = _bar_lengths(reply.chart, "y")
    assert len(lengths) == len(values) == 4  # the fixture's centres with a 2021 figure
    for length, value in zip(lengths, values, strict=True):
        assert length / lengths[0] == pytest.approx(value / values[0], abs=0.01)
    assert "Hallingdal krisesenter: 173" in reply.text  # the caption carries the numbers


def test_national_chart_bars_match_the_data(answerer: Answerer) -> None:
    reply = answerer.press(decode(encode(Action.CHART, "spending")), "en")
    assert reply.chart is not None
    lengths = _bar_lengths(reply.chart, "x")
    expected = [65, 67, 69, 74, 74, 76, 79]
    assert len(lengths) == len(expected)
    for length, value in zip(lengths, expected, strict=True):
        assert length / lengths[-1] == pytest.approx(value / 79, abs=0.01)
    assert "2017: about 67" in reply.text


def test_cooperation_chart_and_caption(answerer: Answerer) -> None:
    reply = answerer.press(decode(encode(Action.CHART, "cooperation")), "nb")
    assert reply.chart is not None
    assert len(_bar_lengths(reply.chart, "y")) == 9
    assert "NAV: 43" in reply.text and "overgrepsmottak: 36" in reply.text
    assert len(reply.caption_html) <= 1024


def test_charts_are_cached(answerer: Answerer) -> None:
    first = answerer.press(decode(encode(Action.CHART, "spending")), "nb").chart
    assert answerer.press(decode(encode(Action.CHART, "spending")), "nb").chart is first


def test_centre_card_gains_its_own_figures(answerer: Answerer) -> None:
    card = answerer.centre_card("hallingdal", "nb").text
    assert "Tall for senteret:" in card
    assert "2021: 173 kr per innbygger" in card
    assert "2022: 256 kr per innbygger" in card
    assert "Tall for senteret" not in answerer.centre_card("salten", "nb").text


def test_stats_json_has_the_promised_figure_keys(answerer: Answerer) -> None:
    data = answerer.answer("kostnad per innbygger 2022", "nb").to_json("q")
    assert data["intent"] == "stats"
    assert data["figures"]
    for figure in data["figures"]:
        assert {"measure", "region", "year", "value", "unit", "qualifier", "source"} <= set(figure)


def test_compare_two_centres_side_by_side_by_year(answerer: Answerer) -> None:
    reply = answerer.answer("sammenlign Hallingdal og Norasenteret 2021 2022", "nb")
    rows = [(f["region"][:10], f["year"], f["value"]) for f in reply.figures]
    assert rows == [
        ("Hallingdal", 2021, 173),
        ("Norasenter", 2021, 200),
        ("Hallingdal", 2022, 256),
        ("Norasenter", 2022, 234),
    ]
    assert "Hallingdal krisesenter – Norasenteret" in reply.text.splitlines()[2]
    assert "• Norasenteret: over 200 kr per innbygger (2021)" in reply.text


def test_compare_two_years_of_a_topic(answerer: Answerer) -> None:
    reply = answerer.answer("adult residents 2022 and 2023", "en")
    residents = [(f["year"], f["value"]) for f in reply.figures if f["key"] == "adult_residents"]
    assert residents == [(2022, 2110), (2023, 2193)]
    missing = answerer.answer("adult residents 2022 and 2013", "en")
    assert missing.figures == ()
    assert "We have no figures on Residents and overnight stays for 2013." in missing.text


def test_a_municipality_gets_its_centres_figures_and_is_told_so(answerer: Answerer) -> None:
    reply = answerer.answer("statistikk for Bærum", "nb")
    assert "Vi har ikke egne tall for hver kommune. Bærum har avtale med" in reply.text
    assert {f["centre"] for f in reply.figures} == {"asker_baerum_lier"}
    assert ("under 50", 2022) in {(f"under {f['value']:.0f}", f["year"]) for f in reply.figures
                                  if f["qualifier"] == "less_than"}  # fmt: skip


def test_a_municipality_without_a_sourced_centre_is_told_plainly(answerer: Answerer) -> None:
    reply = answerer.answer("tall for Hå", "nb")
    assert "ingen kilde på hvilket krisesenter Hå har avtale med" in reply.text
    assert reply.figures == ()
    national = answerer.answer("overnight stays in Bodø", "en")
    assert "The figures below are for the whole country." in national.text
    assert all(f["region"] != "Bodø" for f in national.figures)


def test_a_year_is_never_read_as_a_postal_code_in_a_statistics_question(
    answerer: Answerer,
) -> None:
    reply = answerer.answer("kostnad per innbygger 2022", "nb")  # 2022 is also a postal code
    assert "har avtale med" not in reply.text
    assert _fig(reply, "spending_per_inhabitant", 2022)["value"] == 79


def test_a_centre_without_cost_figures_says_so(answerer: Answerer) -> None:
    reply = answerer.answer("kostnad per innbygger i Bodø", "nb")
    assert "Bodø har avtale med Krisesenteret i Salten" in reply.text
    assert "Vi har ingen tall om kostnad per innbygger for dette senteret." in reply.text


def test_a_figure_whose_source_has_no_link_says_so(answerer: Answerer) -> None:
    reply = answerer.press(decode(encode(Action.STATS_TOPIC, "spending")), "nb")
    line = next(ln for ln in reply.text.splitlines() if "(2023)" in ln and "året før" in ln)
    assert line.endswith("SSB, tabell 11678 (artikkel, lenke ikke kjent)")
