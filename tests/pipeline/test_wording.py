"""The wording checks: nothing in the bot's words that the quote does not say."""

from __future__ import annotations

from bot.pipeline import wording


def test_numbers_join_groups_as_written() -> None:
    assert {"116006", "02800"} <= wording.numbers("ring 116 006 eller 02 800")


def test_a_number_in_the_quote_passes_however_it_is_spaced() -> None:
    quote = "Ring Alarmtelefonen 116 111 eller politiet på telefon 02 800 eller nødnummer 112."
    assert wording.unquoted_numbers("Ring 116 111, 02800 eller 112.", quote, "") is None


def test_a_number_not_in_the_quote_stops() -> None:
    problem = wording.unquoted_numbers("Ring 116 123.", "Ring 116 006.", "")
    assert problem == "number(s) not in the quote: 116123"


def test_a_law_section_not_in_the_quote_stops() -> None:
    problem = wording.unquoted_numbers("straffeloven § 282", "Med fengsel inntil 6 år", "2019")
    assert problem == "number(s) not in the quote: 282"


def test_the_source_year_may_be_said() -> None:
    assert wording.unquoted_numbers("Politiet skrev i 2018:", "Det er ikke krav", "2018") is None


def test_an_old_source_must_say_its_year() -> None:
    assert wording.missing_year("Politiet skriver:", "2018") is not None
    assert wording.missing_year("Politiet skrev i 2018:", "2018") is None
    assert wording.missing_year("Politiet skriver:", "2019") is None
    assert wording.missing_year("Politiet skriver:", "") is None


def test_a_law_statement_names_a_law_its_source_names_in_both_languages() -> None:
    source = "Opplysningsplikten etter krisesenterloven § 6"
    assert (
        wording.missing_law("Etter krisesenterloven ...", "(krisesenterloven) ...", source) is None
    )
    assert wording.missing_law("Etter loven ...", "Under the law ...", source) is not None
    assert (
        wording.missing_law("Etter krisesenterloven ...", "Under the Act ...", source) is not None
    )
    assert wording.missing_law("Etter straffeloven ...", "(straffeloven)", source) is not None


def test_law_names_ignore_the_definite_ending() -> None:
    assert wording.law_names("krisesenterlova og Krisesenterloven, straffeloven") == {
        "krisesenterlov",
        "straffelov",
    }
