"""A broken source stops the build with a message naming the file, the row and the problem,
and leaves any existing database untouched."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from bot.pipeline.build import build
from bot.pipeline.checks import is_valid_phone
from bot.pipeline.sources import SourceError


def _edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def _append(path: Path, line: str) -> None:
    text = path.read_text(encoding="utf-8")
    sep = "" if text.endswith("\n") else "\n"
    path.write_text(text + sep + line, encoding="utf-8")


def dup_centre(raw: Path) -> None:
    lines = (raw / "centres/centres.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    _append(raw / "centres/centres.csv", lines[1])


def unknown_municipality(raw: Path) -> None:
    _edit(raw / "centres/centre_municipalities.csv", "oslo,0301,Oslo", "oslo,0399,Oslo")


def bad_phone(raw: Path) -> None:
    _edit(raw / "centres/centres.csv", "77 61 10 60", "77 61 10 6")


def centre_without_point(raw: Path) -> None:
    path = raw / "centres/centre_municipalities.csv"
    kept = [ln for ln in path.read_text(encoding="utf-8").splitlines(keepends=True)
            if not ln.startswith("hallingdal,")]  # fmt: skip
    path.write_text("".join(kept), encoding="utf-8")


def figure_without_source(raw: Path) -> None:
    path = raw / "ssb/transcribed/12130_kostra.csv"
    url = (
        "http://www.ssb.no/sosiale-forhold-og-kriminalitet/artikler-og-publikasjoner/"
        "store-kostnadsforskjeller-blant-landets-krisesentre"
    )
    _edit(path, f",{url},For hele landet", ",,For hele landet")


def bad_postal_code(raw: Path) -> None:
    _append(raw / "postal/postal_codes_2026-05.tsv", "12X4\tNOWHERE\t0301\tOSLO\tG\n")


def unknown_postal_municipality(raw: Path) -> None:
    _append(raw / "postal/postal_codes_2026-05.tsv", "9998\tNOWHERE\t9998\tNOWHERE\tG\n")


def duplicate_municipality(raw: Path) -> None:
    _append(raw / "centres/municipalities_2024.tsv", "0301\tOslo\t03\n")


def two_centres_today(raw: Path) -> None:
    _append(raw / "centres/centre_municipalities.csv",
            "bergen,0301,Oslo,stated,,,https://example.invalid/test,2020,test row\n")  # fmt: skip


def non_numeric_figure(raw: Path) -> None:
    _edit(raw / "ssb/transcribed/12130_kostra.csv", "Hele landet,2016,,", "Hele landet,20x6,,")


def measure_label_typo(raw: Path) -> None:
    _edit(raw.parent / "curated/measures.csv", "Dagbrukere,Dagbrukere", "Dagbrukerne,Dagbrukere")


def measure_unknown_topic(raw: Path) -> None:
    _edit(raw.parent / "curated/measures.csv", "day_visits,day_users,", "day_visits,nowhere,")


def duplicate_danger_phrase(raw: Path) -> None:
    _append(raw.parent / "curated/danger_phrases.csv", "Slår meg NÅ,nb\n")


def no_danger_phrases(raw: Path) -> None:
    (raw.parent / "curated/danger_phrases.csv").write_text("phrase,lang\n", encoding="utf-8")


def help_line_without_english(raw: Path) -> None:
    path = raw.parent / "curated/helplines_en.csv"
    path.write_text("\n".join(path.read_text(encoding="utf-8").splitlines()[:-1]) + "\n")


CASES: list[tuple[Callable[[Path], None], str, str]] = [
    (dup_centre, "centres/centres.csv", "row 45: duplicate id 'alta'"),
    (unknown_municipality, "centre_municipalities.csv", "unknown municipality number '0399'"),
    (bad_phone, "centres/centres.csv", "malformed phone number in phone: '77 61 10 6'"),
    (centre_without_point, "centres/centres.csv", "centre 'hallingdal' has no point"),
    (figure_without_source, "12130_kostra.csv", "row 2: figure without a source"),
    (bad_postal_code, "postal_codes_2026-05.tsv", "bad postal code '12X4'"),
    (unknown_postal_municipality, "postal_codes_2026-05.tsv", "unknown municipality number"),
    (duplicate_municipality, "municipalities_2024.tsv", "row 358: duplicate municipality"),
    (two_centres_today, "centre_municipalities.csv", "0301 has two centres valid today"),
    (non_numeric_figure, "12130_kostra.csv", "row 2: bad year '20x6'"),
    (measure_label_typo, "curated/measures.csv", "label 'Dagbrukerne' matches no figure"),
    (measure_unknown_topic, "curated/measures.csv", "unknown topic 'nowhere'"),
    (duplicate_danger_phrase, "danger_phrases.csv", "duplicate norm 'slar meg na'"),
    (no_danger_phrases, "danger_phrases.csv", "no danger phrases"),
    (help_line_without_english, "helplines_en.csv", "has no English words"),
]


@pytest.mark.parametrize(("breakage", "file", "message"), CASES, ids=[c[0].__name__ for c in CASES])
def test_broken_source_fails_with_a_clear_message(
    raw_copy: Path, tmp_path: Path, breakage: Callable[[Path], None], file: str, message: str
) -> None:
    out = tmp_path / "k.db"
    out.write_bytes(b"previous database")
    breakage(raw_copy)
    with pytest.raises(SourceError) as info:
        build(raw_copy, out)
    assert file in str(info.value)
    assert message in str(info.value)
    assert out.read_bytes() == b"previous database"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.parametrize(
    "number", ["22 48 03 80", "414 81 220", "112", "116 006", "800 33 321", "02800", "116 117"]
)
def test_valid_phone_numbers(number: str) -> None:
    assert is_valid_phone(number)


@pytest.mark.parametrize(
    "number", ["991 61 92", "22-48-03-80", "+47 22 48 03 80", "12345", "2248038", "11600", ""]
)
def test_malformed_phone_numbers(number: str) -> None:
    assert not is_valid_phone(number)
