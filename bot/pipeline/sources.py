"""Where each source file lives under ``data/raw/`` (and ``data/curated/``), and the error a
bad source raises."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


class SourceError(Exception):
    """A raw file is broken. The message names the file, the row and the problem."""

    def __init__(self, path: Path | str, row: int | str | None, problem: str) -> None:
        where = f"{path}" if row is None else f"{path}, row {row}"
        super().__init__(f"{where}: {problem}")
        self.path = str(path)
        self.row = row
        self.problem = problem


@dataclass(frozen=True)
class RawPaths:
    """The raw files the build reads, relative to one root (``data/raw`` by default)."""

    root: Path

    @property
    def municipalities(self) -> Path:
        return self.root / "centres" / "municipalities_2024.tsv"

    @property
    def counties(self) -> Path:
        return self.root / "places" / "counties_2024.tsv"

    @property
    def kartverket(self) -> Path:
        return self.root / "places" / "kartverket_kommuner_2020-2023.json"

    @property
    def former_2016(self) -> Path:
        return self.root / "places" / "regtools_kommuner_2016_harmonized.txt"

    @property
    def geonames(self) -> Path:
        return self.root / "places" / "geonames_no_cities500.csv"

    @property
    def postal_2026(self) -> Path:
        return self.root / "postal" / "postal_codes_2026-05.tsv"

    @property
    def postal_2022(self) -> Path:
        return self.root / "postal" / "postal_codes_2022-10.tsv"

    @property
    def centres(self) -> Path:
        return self.root / "centres" / "centres.csv"

    @property
    def memberships(self) -> Path:
        return self.root / "centres" / "centre_municipalities.csv"

    @property
    def helplines(self) -> Path:
        return self.root / "centres" / "helplines.csv"

    @property
    def help_facts(self) -> Path:
        return self.root / "help" / "help_facts.csv"

    @property
    def curated_dir(self) -> Path:
        """``data/curated/``: beside the raw sources (also in an installed wheel)."""
        return self.root.parent / "curated"

    @property
    def danger_phrases(self) -> Path:
        return self.curated_dir / "danger_phrases.csv"

    @property
    def measures(self) -> Path:
        return self.curated_dir / "measures.csv"

    @property
    def helplines_en(self) -> Path:
        return self.curated_dir / "helplines_en.csv"

    @property
    def knowledge_dir(self) -> Path:
        """One TOML file per help topic: its titles and its statements."""
        return self.curated_dir / "knowledge"

    def knowledge_files(self) -> list[Path]:
        return sorted(self.knowledge_dir.glob("*.toml")) if self.knowledge_dir.is_dir() else []

    def knowledge_sources(self) -> list[Path]:
        """The raw files statements may quote (exactly as obtained from the shared pack)."""
        names = ("centres_children_practical.csv", "police_law.csv", "violence_safety.csv")
        return [self.root / "knowledge" / n for n in names]

    def relative(self, path: Path) -> str:
        """``path`` as recorded in ``_source_files``: relative to the raw folder
        (``../curated/…`` for curated files)."""
        return Path(os.path.relpath(path, self.root)).as_posix()

    @property
    def transcribed_dir(self) -> Path:
        return self.root / "ssb" / "transcribed"

    @property
    def ssb_api_dir(self) -> Path:
        """JSON-stat2 responses written by ``krisebot fetch-ssb`` (absent until then)."""
        return self.root / "ssb" / "api"

    def transcribed_figures(self) -> list[Path]:
        names = (
            "11678_centres.csv",
            "12130_kostra.csv",
            "12991_samarbeid.csv",
            "krisesenterstatistikk_national.csv",
            "krisesenterstatistikk_samarbeid.csv",
            "bufdir_per_centre.csv",
        )
        return [self.transcribed_dir / n for n in names]

    def api_figures(self) -> list[Path]:
        if not self.ssb_api_dir.is_dir():
            return []
        return sorted(
            p for p in self.ssb_api_dir.glob("*.json") if not p.name.endswith(".metadata.json")
        )

    def all_inputs(self) -> list[Path]:
        """Every file whose content decides the database (hashed into ``_source_files``)."""
        fixed = [
            self.municipalities,
            self.counties,
            self.kartverket,
            self.former_2016,
            self.geonames,
            self.postal_2026,
            self.postal_2022,
            self.centres,
            self.memberships,
            self.helplines,
            self.help_facts,
            self.danger_phrases,
            self.measures,
            self.helplines_en,
        ]
        knowledge = self.knowledge_sources() + self.knowledge_files()
        return fixed + knowledge + self.transcribed_figures() + self.api_figures() + self.examples()

    @property
    def examples_dir(self) -> Path:
        """The training examples for the understanding models (``bot.pipeline.examples``)."""
        return self.curated_dir / "examples"

    def examples(self) -> list[Path]:
        return sorted(self.examples_dir.glob("*.tsv"))
