"""The contract between the build (``bot.pipeline``) and the bot (``bot.db``/``bot.queries``).

Table and column names live here, with ``SCHEMA_VERSION``. Bump the version whenever a table or
column changes meaning; the bot refuses to open a database built for another version.
"""

from __future__ import annotations

from typing import Final

SCHEMA_VERSION: Final = 3

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

#: Name kinds in the ``names`` table, most certain first. The matcher uses the rank.
NAME_KINDS: Final = ("official", "parallel", "former", "postal_place", "town")

#: Municipality numbers in Posten's register that are not municipalities.
NOT_MUNICIPALITIES: Final = {"2100": "Svalbard", "2211": "Jan Mayen"}

#: The year the answers treat as "today" for membership validity (valid_from/valid_to).
CURRENT_YEAR: Final = 2026

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
)
