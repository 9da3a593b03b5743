"""The message catalogue keeps its promises: both languages, same placeholders, sourced words."""

from __future__ import annotations

import csv
import string

import pytest

from bot.text import CATALOGUE, lang_for, t
from bot.text.format import plain
from tests.conftest import RAW


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f}


def test_every_key_exists_in_every_language() -> None:
    assert set(CATALOGUE["nb"]) == set(CATALOGUE["en"])


def test_both_languages_keep_the_same_groups_in_the_same_order() -> None:
    """nb.py and en.py are grouped by reply kind; a key added to one group in one file is
    added to the same group in the other."""
    from bot.text import en, nb, shell_en, shell_nb, talk_en, talk_nb

    assert list(nb.MESSAGES) == list(en.MESSAGES)
    assert list(talk_nb.MESSAGES) == list(talk_en.MESSAGES)
    assert list(shell_nb.MESSAGES) == list(shell_en.MESSAGES)


@pytest.mark.parametrize("key", sorted(CATALOGUE["nb"]))
def test_placeholders_match(key: str) -> None:
    assert _fields(CATALOGUE["nb"][key]) == _fields(CATALOGUE["en"][key])


def test_help_lines_speak_the_sources_words_in_bokmal(answerer) -> None:  # type: ignore[no-untyped-def]
    """Bokmål: the help-lines file's own words; English: data/curated/helplines_en.csv."""
    with (RAW / "centres" / "helplines.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        line = answerer.catalog.helplines[row["id"]]
        assert line.what("nb") == row["what_for"] and line.opening_hours("nb") == row["hours"]
        assert line.what("en") and bool(line.opening_hours("en")) == bool(row["hours"])


@pytest.mark.parametrize(
    ("code", "lang"),
    [("nb", "nb"), ("nn", "nb"), ("no", "nb"), ("nb-NO", "nb"), ("en", "en"), ("de", "en"),
     ("", "nb"), (None, "nb")],
)  # fmt: skip
def test_language_from_telegram(code: str | None, lang: str) -> None:
    assert lang_for(code) == lang


def test_first_lines_are_neutral() -> None:
    sensitive = ("vold", "violence", "krise", "crisis", "112", "fare", "danger", "overgrep",
                 "abuse", "politi", "police", "slå", "hit")  # fmt: skip
    for lang in CATALOGUE:
        for key, text in CATALOGUE[lang].items():
            if key.startswith(("lead_", "start_lead")):
                assert not any(w in text.lower() for w in sensitive), (lang, key)


def test_plain_text_keeps_links_readable() -> None:
    html = 'Kilde: <a href="https://bufdir.no/x?a=1&amp;b=2">bufdir.no</a> &lt;ok&gt; <b>fet</b>'
    assert plain(html) == "Kilde: bufdir.no (https://bufdir.no/x?a=1&b=2) <ok> fet"


def test_t_formats() -> None:
    assert t("en", "via_former", term="Ski", muni="Nordre Follo") == (
        "Ski is now part of Nordre Follo."
    )


def test_every_help_fact_has_words_in_both_languages_and_a_source(sql) -> None:  # type: ignore[no-untyped-def]
    facts = {r[0] for r in sql.execute("SELECT id FROM help_facts")}
    keys = {k.removeprefix("fact_") for k in CATALOGUE["nb"] if k.startswith("fact_")}
    assert facts == keys
    assert sql.execute(
        "SELECT COUNT(*) FROM help_facts WHERE source_url = '' OR quote = ''"
    ).fetchone() == (0,)


def _constants() -> set[str]:
    """Every string literal in the code outside the catalogue itself."""
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "bot"
    found: set[str] = set()
    for path in root.rglob("*.py"):
        if "text" in path.relative_to(root).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_message_key_is_used(sql) -> None:  # type: ignore[no-untyped-def]
    """A key is named in the code (no assembled names), or is the words of a data row (help
    facts, by id) or of a bot command."""
    from bot.tg.app import COMMANDS

    facts = {f"fact_{r[0]}" for r in sql.execute("SELECT id FROM help_facts")}
    commands = {f"cmd_{c}" for c in COMMANDS}
    unused = set(CATALOGUE["nb"]) - _constants() - facts - commands
    assert not unused


def test_every_mapping_names_keys_in_both_languages(sql) -> None:  # type: ignore[no-untyped-def]
    from bot.answers import centre, figure_words, help, safety, stats

    mappings = [
        centre.VIA_LINES,
        centre.BASIS_LINES,
        centre.OFFER_WORDS,
        help.HELP_TITLES,
        safety.CANDIDATE_LABELS,
        stats.TOPIC_NAMES,
        figure_words.QUALIFIERS,
        figure_words.UNITS,
    ]
    for mapping in mappings:
        for key in mapping.values():
            assert key in CATALOGUE["nb"] and key in CATALOGUE["en"], key
    units = {r[0] for r in sql.execute("SELECT DISTINCT unit FROM figures WHERE unit IS NOT NULL")}
    assert units <= set(figure_words.UNITS)
    qualifiers = {r[0] or "" for r in sql.execute("SELECT DISTINCT qualifier FROM figures")}
    assert qualifiers <= set(figure_words.QUALIFIERS)
