"""The contract between the build (``bot.pipeline``) and the bot (``bot.catalog``).

Table and column names live here, with ``SCHEMA_VERSION``. Bump the version whenever a table or
column changes meaning; the bot refuses to open a database built for another version.

The file is meant to be read by people too (``krisebot browse``, datasette): a value we do not
know is NULL, never ''; the tables are linked by the foreign keys in ``FOREIGN_KEYS``; centre
and place names have full-text search (``FULL_TEXT``, FTS5 tables named ``<table>_fts``).
"""

from __future__ import annotations

from typing import Final

SCHEMA_VERSION: Final = 5

META: Final = "_meta"
SOURCE_FILES: Final = "_source_files"
COUNTIES: Final = "counties"
MUNICIPALITIES: Final = "municipalities"
NAMES: Final = "names"
POSTAL_CODES: Final = "postal_codes"
PLACES: Final = "places"
CENTRES: Final = "centres"
CENTRE_POINTS: Final = "centre_points"
CENTRE_MUNICIPALITIES: Final = "centre_municipalities"
HELPLINES: Final = "helplines"
HELP_FACTS: Final = "help_facts"
FIGURES: Final = "figures"
KNOWLEDGE_TOPICS: Final = "knowledge_topics"
STATEMENTS: Final = "statements"
STATEMENT_QUESTIONS: Final = "statement_questions"
KNOWLEDGE_INDEX: Final = "knowledge_index"

#: The stored TF-IDF (``bot.understand.features``) that retrieval matches questions with.
KNOWLEDGE_MODEL: Final = "knowledge"

#: The help topics of ``shared/understanding/TAXONOMY.md``, in the order the menu shows them.
TOPICS: Final = (
    "krisesenter",
    "is_it_violence",
    "safety_plan",
    "police",
    "protection",
    "legal_help",
    "children",
    "honour_control",
    "sexual_assault",
    "men",
    "friends_family",
    "violence_users",
    "phone_safety",
    "migrants",
    "elderly",
    "money_housing",
    "emergency_numbers",
    "overview",
)
DANGER_PHRASES: Final = "danger_phrases"
MEASURES: Final = "measures"

#: Name kinds in the ``names`` table, most certain first. The matcher uses the rank.
NAME_KINDS: Final = ("official", "parallel", "former", "postal_place", "town")

#: Municipality numbers in Posten's register that are not municipalities.
NOT_MUNICIPALITIES: Final = {"2100": "Svalbard", "2211": "Jan Mayen"}

#: The year the answers treat as "today" for membership validity (valid_from/valid_to).
CURRENT_YEAR: Final = 2026

#: The statistics topics, in menu order; every measure belongs to one.
STATS_TOPICS: Final = ("spending", "centre_cost", "stays", "day_users", "centres", "cooperation")
#: ``measures.region`` for a measure of any region (one figure per centre).
ANY_REGION: Final = "*"
#: Separates a measure's alternative labels in ``measures.labels``.
LABEL_SEPARATOR: Final = "|"

TABLES: Final = (
    META,
    SOURCE_FILES,
    COUNTIES,
    MUNICIPALITIES,
    NAMES,
    POSTAL_CODES,
    PLACES,
    CENTRES,
    CENTRE_POINTS,
    CENTRE_MUNICIPALITIES,
    HELPLINES,
    HELP_FACTS,
    FIGURES,
    KNOWLEDGE_TOPICS,
    STATEMENTS,
    STATEMENT_QUESTIONS,
    DANGER_PHRASES,
    MEASURES,
)

#: Foreign keys, declared when a table is created: table -> (column, other table, its column).
#: ``postal_codes.municipality_number`` has none: Posten's register gives Svalbard (2100) and
#: Jan Mayen (2211) postal codes and numbers, and they are not municipalities.
FOREIGN_KEYS: Final = {
    MUNICIPALITIES: (("county_number", COUNTIES, "county_number"),),
    NAMES: (("municipality_number", MUNICIPALITIES, "number"),),
    PLACES: (("municipality_number", MUNICIPALITIES, "number"),),
    CENTRES: (("host_municipality_number", MUNICIPALITIES, "number"),),
    CENTRE_POINTS: (("centre_id", CENTRES, "id"),),
    CENTRE_MUNICIPALITIES: (
        ("centre_id", CENTRES, "id"),
        ("municipality_number", MUNICIPALITIES, "number"),
    ),
    FIGURES: (("centre_id", CENTRES, "id"),),
    KNOWLEDGE_TOPICS: (("helpline_id", HELPLINES, "id"),),
    STATEMENTS: (("topic", KNOWLEDGE_TOPICS, "id"),),
    STATEMENT_QUESTIONS: (("statement_id", STATEMENTS, "id"),),
}

#: Full-text search (FTS5, ``<table>_fts``) over centre and place names.
FULL_TEXT: Final = {
    CENTRES: ("name", "aliases", "host_town"),
    MUNICIPALITIES: ("name",),
    NAMES: ("name",),
    PLACES: ("name",),
    STATEMENTS: ("nb", "en", "quote", "source_title"),
}
