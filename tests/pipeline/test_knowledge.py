"""The knowledge base: every statement traces to its source row; broken curation stops the build."""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

import pytest

from bot import schema
from bot.pipeline.build import build
from bot.pipeline.knowledge import read_knowledge
from bot.pipeline.readers import read_csv
from bot.pipeline.sources import RawPaths, SourceError
from bot.pipeline.wording import numbers
from tests.conftest import RAW

CURATED = RAW.parent / "curated" / "knowledge"


def _source_rows() -> dict[str, dict[str, dict[str, str]]]:
    out: dict[str, dict[str, dict[str, str]]] = {}
    for path in [*sorted((RAW / "knowledge").glob("*.csv")), RAW / "help" / "help_facts.csv"]:
        with path.open(encoding="utf-8", newline="") as handle:
            out[path.relative_to(RAW).as_posix()] = {r["id"]: r for r in csv.DictReader(handle)}
    return out


def test_every_statement_shown_traces_to_its_source_row(sql: sqlite3.Connection) -> None:
    sources = _source_rows()
    rows = sql.execute(
        "SELECT id, source_file, quote, source_title, source_url, source_year FROM statements"
    ).fetchall()
    assert len(rows) >= 150
    for sid, source_file, quote, title, url, year in rows:
        row = sources[source_file][sid]
        assert (quote, title, url, year or "") == (
            row["quote"], row["source_title"], row["source_url"], row["source_year"]
        ), sid  # fmt: skip


def test_no_number_in_any_wording_lacks_its_quote(sql: sqlite3.Connection) -> None:
    for sid, nb, en, quote, year in sql.execute(
        "SELECT id, nb, en, quote, source_year FROM statements"
    ):
        allowed = numbers(quote) | numbers(year or "")
        for text in (nb, en):
            for found in numbers(text):
                assert found in allowed or any(found in a for a in allowed), (sid, found)


def test_every_topic_of_the_taxonomy_has_titles_and_at_least_five_statements(
    sql: sqlite3.Connection,
) -> None:
    counts = dict(sql.execute("SELECT topic, COUNT(*) FROM statements GROUP BY topic"))
    titles = {
        r[0]: r[1:] for r in sql.execute("SELECT id, title_nb, title_en FROM knowledge_topics")
    }
    assert set(titles) == set(schema.TOPICS)
    for topic in schema.TOPICS:
        assert all(titles[topic]), topic
        assert counts.get(topic, 0) >= 5, topic


def test_both_languages_for_every_statement(sql: sqlite3.Connection) -> None:
    for sid, nb, en in sql.execute("SELECT id, nb, en FROM statements"):
        assert nb.strip() and en.strip() and nb != en, sid


def test_the_coverage_report_lists_statements_per_topic(db_path: Path) -> None:
    from bot.pipeline.coverage import measure, report

    with sqlite3.connect(db_path) as conn:
        text = report(measure(conn))
    assert "sourced statements over 18 topics" in text
    assert "krisesenter " in text
    assert "thin topics (fewer than 5): none" in text


@pytest.fixture
def curated_copy(raw_copy: Path) -> Path:
    target = raw_copy.parent / "curated" / "knowledge"
    assert sorted(p.name for p in target.iterdir()) == sorted(p.name for p in CURATED.iterdir())
    return target


def _known_helplines(raw: Path) -> set[str]:
    return set(read_csv(raw / "centres" / "helplines.csv")["id"])


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _fails(raw: Path, match: str) -> None:
    with pytest.raises(SourceError, match=match):
        read_knowledge(RawPaths(raw), _known_helplines(raw))


def test_an_unknown_topic_id_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    (curated_copy / "krisesenter.toml").rename(curated_copy / "shelters.toml")
    _fails(raw_copy, "unknown topic id 'shelters'")


def test_a_topic_without_a_title_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    _rewrite(curated_copy / "men.toml", 'title_en = "Men exposed to violence"', 'title_en = ""')
    _fails(raw_copy, "needs title_nb and title_en")


def test_a_missing_english_wording_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    _rewrite(curated_copy / "men.toml", 'en = "Almost all services', 'en_draft = "Almost all')
    _fails(raw_copy, "wording in both languages")


def test_a_number_not_in_the_quote_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    _rewrite(
        curated_copy / "emergency_numbers.toml", "politiet på 02800 når", "politiet på 02801 når"
    )
    _fails(raw_copy, "02801")


def test_a_source_row_without_a_quote_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    path = raw_copy / "help" / "help_facts.csv"
    _rewrite(path, "Brukere som har behov for det skal ha tilgang til kvalifisert tolk.", "")
    _fails(raw_copy, "no quote")


def test_a_statement_without_a_source_url_stops_the_build(
    raw_copy: Path, curated_copy: Path
) -> None:
    path = raw_copy / "help" / "help_facts.csv"
    _rewrite(path, "https://telegram.org/blog/photo-editor-and-passcodes", "")
    _fails(raw_copy, "no source URL")


def test_a_statement_naming_no_source_row_stops_the_build(
    raw_copy: Path, curated_copy: Path
) -> None:
    _rewrite(curated_copy / "men.toml", 'id = "men_not_believed_p4"', 'id = "men_invented"')
    _fails(raw_copy, "no row with this id")


def test_a_row_the_pack_marks_outdated_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    with (curated_copy / "protection.toml").open("a", encoding="utf-8") as handle:
        handle.write(
            '\n[[statement]]\nid = "prot_ova_only_after_judgment_politiet"\n'
            'source = "knowledge/police_law.csv"\nnb = "Omvendt voldsalarm gis etter dom."\n'
            'en = "A reverse alarm is given after a judgment."\nquestions = ["a", "b"]\n'
        )
    _fails(raw_copy, "not current fact")


def test_an_old_source_without_its_year_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    _rewrite(curated_copy / "phone_safety.toml", "Telegram skrev i 2015:", "Telegram skriver:")
    _fails(raw_copy, "from 2015")


def test_a_law_statement_that_names_no_law_stops_the_build(
    raw_copy: Path, curated_copy: Path
) -> None:
    _rewrite(
        curated_copy / "honour_control.toml", "Straffeloven § 253 forbyr", "Loven § 253 forbyr"
    )
    _fails(raw_copy, "must name its law")


def test_the_build_with_broken_curation_leaves_no_database(
    raw_copy: Path, curated_copy: Path, tmp_path: Path
) -> None:
    (curated_copy / "men.toml").write_text('[topic]\ntitle_nb = "x"\n[[statement]]\nid = 1\n')
    out = tmp_path / "k.db"
    with pytest.raises(SourceError):
        build(raw_copy, out)
    assert not out.exists()


def test_no_topic_files_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    for path in curated_copy.glob("*.toml"):
        path.unlink()
    _fails(raw_copy, "no topic files")


def test_same_as_links_both_ways(sql: sqlite3.Connection) -> None:
    rows = dict(sql.execute("SELECT id, same_as FROM statements WHERE same_as IS NOT NULL"))
    assert rows["pol_victim_is_witness"] == "leg_fornaermet_is_witness_domstol"
    assert rows["leg_fornaermet_is_witness_domstol"] == "pol_victim_is_witness"
    assert all(twin in rows and sid in rows[twin].split(",")
               for sid, twins in rows.items() for twin in twins.split(","))  # fmt: skip


def test_a_same_as_naming_an_unknown_statement_stops_the_build(
    raw_copy: Path, curated_copy: Path
) -> None:
    _rewrite(curated_copy / "police.toml", 'same_as = ["sp_call_police_when"]',
             'same_as = ["sp_call_police_whenever"]')  # fmt: skip
    _fails(raw_copy, "same_as 'sp_call_police_whenever' is an unknown statement")


def test_a_same_as_within_one_topic_stops_the_build(raw_copy: Path, curated_copy: Path) -> None:
    _rewrite(curated_copy / "police.toml", 'same_as = ["sp_call_police_when"]',
             'same_as = ["pol_victim_is_witness"]')  # fmt: skip
    _fails(raw_copy, "not one of another topic")
