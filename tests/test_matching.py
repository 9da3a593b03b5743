"""Resolution: numbers, names in every form, sentences, typos; never guessing between two."""

from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.understand.matching import clean


@pytest.mark.parametrize(
    ("query", "number", "via"),
    [
        ("1337", "3201", "postal_code"),
        ("8006", "1804", "postal_code"),
        ("0301", "0301", "postal_code"),  # also the municipality number: same place
        ("1103", "1103", "municipality_number"),
        ("Bærum", "3201", "official"),
        ("baerum", "3201", "official"),
        ("BÆRUM", "3201", "official"),
        ("tromso", "5501", "official"),
        ("aalesund", "1508", "official"),
        ("Guovdageaidnu", "5612", "parallel"),
        ("Kárášjohka", "5610", "parallel"),
        ("Unjárga", "5636", "parallel"),
        ("Snåase", "5041", "parallel"),
        ("Nøtterøy", "3911", "former"),
        ("Ski", "3207", "former"),
        ("Lenvik", "5530", "former"),
        ("Sandvika", "3201", "postal_place"),
        ("Geilo", "3330", "postal_place"),
        ("Mo i Rana", "1833", "postal_place"),
        ("Bræum", "3201", "fuzzy"),
        ("Kristiansnad", "4204", "fuzzy"),
        ("jeg bor i Bodø og trenger hjelp", "1804", "official"),
        ("krisesenter i tromsø?", "5501", "official"),
        ("I live in Ålesund", "1508", "official"),
        ("jeg bor i Guovdageaidnu", "5612", "parallel"),
        ("jeg bor i Kristiansnad", "4204", "fuzzy"),
        ("Herøy Nordland", "1818", "official"),
        ("bor i ski", "3207", "former"),
    ],
)
def test_resolves(answerer: Answerer, query: str, number: str, via: str) -> None:
    match = answerer.matcher.resolve(query)
    assert match.status == "found", match
    assert match.best is not None
    assert (match.best.number, match.best.via) == (number, via)


@pytest.mark.parametrize(
    ("query", "numbers"),
    [
        ("Herøy", {"1515", "1818"}),
        ("Våler", {"3114", "3419"}),
        ("Bø", {"1867", "4020"}),
        ("Os", {"3430", "4624"}),
        ("Nes", {"3228", "3322"}),
        ("3201", {"3201", "3907"}),
        ("fra Bergen til Oslo", {"4601", "0301"}),
    ],
)
def test_asks_instead_of_guessing(answerer: Answerer, query: str, numbers: set[str]) -> None:
    match = answerer.matcher.resolve(query)
    assert match.status == "ambiguous"
    assert {c.number for c in match.candidates} == numbers


@pytest.mark.parametrize(
    "query",
    [
        "han slår meg nå",  # "nå" is a postal place, but not here
        "what time is it",  # "Time" is a municipality, but not here
        "jeg vil bo trygt",  # "Bø"
        "jeg hørte at han ropte",  # "Hørte" is a postal place
        "han sto utenfor døra",  # "Stø"
        "han slo meg i øyet, øye mitt er hovent",  # "Øye"
        "asdfgh",
        "hei",
        "",
        "😀",
    ],
)
def test_everyday_words_are_not_places(answerer: Answerer, query: str) -> None:
    assert answerer.matcher.resolve(query).status == "none"


def test_clean_removes_control_and_invisible_characters() -> None:
    assert clean("B\u200bæ\u200brum\x00") == "B æ rum"
    assert clean("x" * 10_000) == "x" * 400
    assert clean("\u202eabc") == "abc"
