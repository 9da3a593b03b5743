"""The danger phrases as the bot reads them: an urgency word after a negation in its clause says
the opposite; every other phrase counts wherever it stands."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from bot.understand.danger import Danger

PHRASES = Path(__file__).parents[2] / "data" / "curated" / "danger_phrases.csv"


@pytest.fixture(scope="module")
def danger() -> Danger:
    with PHRASES.open(encoding="utf-8") as rows:
        return Danger(row["phrase"] for row in csv.DictReader(rows))


@pytest.mark.parametrize("text", [
    "hva ringer jeg når det ikke er akutt",
    "det er ikke akutt, men jeg vil snakke med noen",
    "det er ikkje noko akutt",
    "det er ikke en nødsituasjon",
    "it is not an emergency",
    "it isn't an emergency but I need advice",
    "non-emergency number for the police",
])  # fmt: skip
def test_an_urgency_word_after_a_negation_is_not_danger(danger: Danger, text: str) -> None:
    assert not danger.found(text)


@pytest.mark.parametrize("text", [
    "det er akutt",
    "akutt!!",
    "this is an emergency",
    "oh no emergency",
    "I can't talk, emergency",
    "ingen svarer, akutt",
    "jeg vet ikke om det er akutt",
    "jeg vet ikke, akutt!",
    "nei. ikke. akutt",
    "det er ikke akutt, men han har kniv",
    "han har ikke kniv nå, men jeg er redd",
    "han slår meg nå, det er ikke lett å skrive",
])  # fmt: skip
def test_danger_is_found_wherever_a_negation_does_not_reach(danger: Danger, text: str) -> None:
    assert danger.found(text)
