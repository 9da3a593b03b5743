"""One figure in words: its value with qualifier and unit ("ca. 14 prosent"), its source as a
link, the centre it belongs to, and its JSON form. Shared by the statistics replies, the charts
and the centre card."""

from __future__ import annotations

from typing import Any, Final

from bot.catalog.figures import Stats
from bot.catalog.measures import Measure
from bot.catalog.models import Figure
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import esc, link, number

#: A figure's qualifier (the figures table) -> the words before its number (message key).
QUALIFIERS: Final = {
    "": "q_exact",
    "exact": "q_exact",
    "approx": "q_approx",
    "less_than": "q_less_than",
    "more_than": "q_more_than",
    "nearly": "q_nearly",
    "derived": "q_derived",
}
#: A figure's unit (the figures table) -> its words (message key).
UNITS: Final = {
    "NOK": "unit_nok",
    "NOK per inhabitant": "unit_nok_per_inhabitant",
    "calls": "unit_calls",
    "centres": "unit_centres",
    "contacts": "unit_contacts",
    "days": "unit_days",
    "municipalities": "unit_municipalities",
    "percent": "unit_percent",
    "percent of NAV offices": "unit_percent_of_nav_offices",
    "percent of child welfare services": "unit_percent_of_child_welfare_services",
    "percent of crisis-centre offers": "unit_percent_of_crisis_centre_offers",
    "percent of municipalities": "unit_percent_of_municipalities",
    "persons": "unit_persons",
    "stays": "unit_stays",
    "stays (døgn)": "unit_stays_dogn",
    "text": "unit_text",
    "visits": "unit_visits",
}


def qualifier(f: Figure, lang: str) -> str:
    """The words before a figure's number ("ca. ", "under "); empty when it is exact."""
    return t(lang, QUALIFIERS[f.qualifier])


def source(f: Figure, lang: str) -> str:
    """The figure's source as HTML: a link, or the publisher's name when no link is known."""
    label = t(lang, "src_ssb", table=f.table_id) if f.publisher == "SSB" else "Bufdir"
    if f.source_url.startswith("http"):
        return link(f.source_url, label)
    return esc(label) + " " + t(lang, "src_no_link")  # named by the source, link not known


def as_json(m: Measure, f: Figure, lang: str) -> dict[str, Any]:
    """The figure as ``krisebot ask --json`` gives it."""
    return {
        "key": m.key,
        "measure": getattr(m, lang),
        "region": f.region,
        "year": f.year,
        "value": f.value if f.value is not None else (f.value_text or None),
        "unit": f.unit,
        "qualifier": f.qualifier or "exact",
        "source": f.source_url,
        "table": f.table_id,
        "centre": f.centre_id or None,
    }


class FigureWords:
    """Figures of one ``Stats`` in words; needs the catalog for the centres' names."""

    def __init__(self, stats: Stats, catalog: Catalog) -> None:
        self.stats = stats
        self.catalog = catalog

    def centre_label(self, f: Figure) -> str:
        """The centre's name as we list it (plain text: escape it where it goes into HTML)."""
        centre = self.catalog.centres.get(f.centre_id)
        return centre.name if centre else f.region

    def line(self, m: Measure, f: Figure, lang: str) -> str:
        """One bullet: the measure's name, the value, the year and the source."""
        name = getattr(m, lang)
        if m.topic == "centre_cost" and m.region is None:
            name = self.centre_label(f)
        value = self.value(m, f, lang)
        return f"• {esc(name)}: {value} ({f.year}) – {source(f, lang)}"

    def value(self, m: Measure, f: Figure, lang: str) -> str:
        if f.value is None:
            return esc(f.value_text) if f.value_text else t(lang, "stats_no_value")
        unit = t(lang, UNITS[f.unit])
        words = qualifier(f, lang)
        amount = number(abs(f.value) if m.key.endswith("change") else f.value, lang)
        if m.key.endswith("change"):
            key = "stats_change_up" if f.value >= 0 else "stats_change_down"
            return t(lang, key, amount=f"{words}{amount}", unit=unit)
        denominator = self.stats.denominator(m, f)
        if denominator and denominator.value:
            return t(lang, "stats_of", amount=f"{words}{amount}",
                     total=number(denominator.value, lang), unit=unit)  # fmt: skip
        return f"{words}{amount} {unit}".strip()
