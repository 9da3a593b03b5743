"""Lookups staff make: charts that show what the text says (read back from the PNG itself)."""

from __future__ import annotations

from bot.answers import Answerer
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
