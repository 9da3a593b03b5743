"""The contract between the build (``bot.pipeline``) and the bot (``bot.catalog``).

Table and column names live here, with ``SCHEMA_VERSION``. Bump the version whenever a table or
column changes meaning; the bot refuses to open a database built for another version.
"""

from __future__ import annotations

from typing import Final

SCHEMA_VERSION: Final = 2

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
)
