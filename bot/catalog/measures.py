"""A ``Measure``: a figure the bot talks about, picked out of the ``figures`` table by its table,
region and exact label, with its names in bokmål and English. The measures themselves are data
(``data/curated/measures.csv``, checked by the build, read by ``bot.catalog.load``); here are
the tables and regions the statistics logic itself needs to know.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from bot.catalog.models import Figure
from bot.schema import STATS_TOPICS

AGENCY_PREFIX: Final = "Antall sentre som deltok i samarbeid med: "
WOMEN: Final = "Krisesentre med tilbud til kvinner (43 sentre)"
TOPICS: Final = STATS_TOPICS
KS_COOP: Final = "krisesenterstatistikk_samarbeid"  # Bufdir: cooperation, by agency
BUFDIR_CENTRE: Final = "bufdir_okonomi_og_organisering"  # Bufdir: one row per centre
#: Figures shown only when a question names them (the topic's answer would grow too long; the
#: cooperation chart shows every agency): cooperation per agency, contact persons, agreements.
DETAIL_LABELS: Final = (AGENCY_PREFIX, "Andel krisesentertilbud med ", "Endring fra 2019 ")


@dataclass(frozen=True)
class Measure:
    """A figure the bot talks about: where it is (table, region, label) and its names."""

    key: str
    topic: str
    table: str
    labels: tuple[str, ...]
    nb: str
    en: str
    region: str | None = None  # None: any region (per-centre measures)
    denominator: str = ""  # key of the measure a count is "out of"

    @property
    def detail(self) -> bool:
        """Shown only when asked for by name (``DETAIL_LABELS``)."""
        return all(label.startswith(DETAIL_LABELS) for label in self.labels)

    def matches(self, f: Figure) -> bool:
        return (
            f.table_id == self.table
            and f.measure in self.labels
            and (self.region is None or f.region == self.region)
        )
