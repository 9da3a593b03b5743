"""Derive the fixture source set (tests/data/sources/) from data/raw/: a few municipalities, their
postal codes and places, eight centres and the figures about them, as rows copied unchanged from
the real files (nothing is written by hand, so nothing in it is invented).

Run ``python -m tests.support.derive_fixture`` only to widen the set on purpose; the files it
writes are committed, so that a correction in data/raw/ breaks only the tests about that datum
(the tests on the fixture keep their values until someone re-derives it). The help lines, help
facts, knowledge and the curated danger phrases are not part of the set: the fixture build takes
them from data/ as they are (tests/conftest.py ``fixture_db_path``).
"""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Callable
from pathlib import Path

from bot.pipeline.sources import RawPaths
from bot.pipeline.tables import Tables, centre_matcher, read_all

ROOT = Path(__file__).resolve().parent.parent.parent
RAW = ROOT / "data" / "raw"
OUT = ROOT / "tests" / "data" / "sources"

#: Oslo, Bærum, Asker, Gol, Hå (no sourced centre), Bodø, Sør-Varanger, Vadsø, and the hosts of
#: Romerike (Lillestrøm), Gudbrandsdal (Lillehammer) and Narvik.
MUNICIPALITIES = frozenset(
    {"0301", "3201", "3203", "3324", "1119", "1804", "5605", "5607", "3205", "3405", "1806"}
)
#: Centres with a phone (old, secondary, for men), none, conflicting sources, no recent source.
CENTRES = frozenset(
    {"oslo", "asker_baerum_lier", "hallingdal", "salten", "norasenteret", "romerike",
     "gudbrandsdal", "narvik"}
)  # fmt: skip


def _lines(path: Path, keep: Callable[[str], bool]) -> None:
    """Copy ``path`` keeping its header line and the lines ``keep(line)`` accepts."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [lines[0], *(ln for ln in lines[1:] if keep(ln))]
    _write(path, "".join(kept))


def _tsv(path: Path, keep: Callable[[list[str]], bool]) -> None:
    """A headerless TSV: keep the lines ``keep(fields)`` accepts."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [ln for ln in lines if keep(ln.rstrip("\n").split("\t"))]
    _write(path, "".join(kept))


def _csv_rows(path: Path, keep: Callable[[dict[str, str]], bool]) -> None:
    """A CSV with a header: keep the records ``keep(row)`` accepts, written back unchanged."""
    text = path.read_text(encoding="utf-8")
    reader = csv.reader(text.splitlines(keepends=True))
    header = next(reader)
    # Re-read by physical record so quoting and line ends stay exactly as in the source.
    records = _records(text)
    kept = [records[0]] + [
        rec for rec, row in zip(records[1:], reader, strict=True)
        if keep(dict(zip(header, row, strict=True)))
    ]  # fmt: skip
    _write(path, "".join(kept))


def _records(text: str) -> list[str]:
    """The CSV's records as their original text (a quoted field may span lines)."""
    out: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        current += line
        if current.count('"') % 2 == 0:
            out.append(current)
            current = ""
    return out


def _write(source: Path, text: str) -> None:
    target = OUT / source.relative_to(RAW.parent)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def main() -> None:
    raw = RawPaths(RAW)
    tables = read_all(raw)
    shutil.rmtree(OUT, ignore_errors=True)
    m = MUNICIPALITIES
    counties = set(tables.municipalities[tables.municipalities["number"].isin(m)]["county_number"])
    _tsv(raw.municipalities, lambda f: f[0] in m)
    _tsv(raw.counties, lambda f: f[0] in counties)
    _tsv(raw.postal_2026, lambda f: f[2] in m)
    codes = {ln.split("\t")[0] for ln in raw.postal_2026.read_text().splitlines() if
             ln.split("\t")[2] in m}  # fmt: skip
    _tsv(raw.postal_2022, lambda f: f[0] in codes)
    old = {ln.split("\t")[2] for ln in raw.postal_2022.read_text().splitlines()
           if ln.split("\t")[0] in codes}  # fmt: skip
    _kartverket(raw.kartverket, m | old)
    _lines(raw.former_2016, lambda ln: ln.rstrip()[-4:] in m)
    towns = set(tables.places[tables.places["municipality_number"].isin(m)]["geonameid"])
    _csv_rows(raw.geonames, lambda r: r["geonameid"] in towns)
    _csv_rows(raw.centres, lambda r: r["id"] in CENTRES)
    _csv_rows(raw.memberships,
              lambda r: r["centre_id"] in CENTRES and r["municipality_number"] in m)  # fmt: skip
    _figures(raw, tables)
    _write(raw.measures, raw.measures.read_text(encoding="utf-8"))


def _kartverket(path: Path, numbers: frozenset[str]) -> None:
    counties = json.loads(path.read_text(encoding="utf-8"))
    kept = []
    for county in counties:
        items = [i for i in county.get("kommuner", []) if i.get("kommunenummer") in numbers]
        if items:
            kept.append({**county, "kommuner": items})
    _write(path, json.dumps(kept, ensure_ascii=False, indent=4) + "\n")


def _figures(raw: RawPaths, tables: Tables) -> None:
    """National figures as they are; per-centre figures of the fixture's centres only."""
    centre_of = centre_matcher(tables.centres)
    for path in raw.transcribed_figures():
        _csv_rows(path, lambda r: centre_of(r["region_label"]) in CENTRES | {""})


if __name__ == "__main__":
    main()
