"""Staff exports of an answer: the JSON object of ``krisebot ask --json`` and the CSV row of
``krisebot ask --format csv``.

The answer core's ``Reply`` names the centres it showed; this module adds what staff paste into
their own lists from the catalog: website, men's line, and where each fact comes from (the
agreement's source and year, the phone number's source and year, the centre's sources). A fact
we do not hold is ``null`` in JSON and an empty cell in CSV, never a guess.
"""

from __future__ import annotations

import csv
import io
from typing import Any, Final

from bot.answers.reply import CentreHit, Reply
from bot.catalog.models import Centre
from bot.catalog.places import Catalog

CSV_COLUMNS: Final = (
    "query", "intent", "municipality_number", "municipality", "centre", "phone", "website",
    "basis", "source", "year", "phone_source", "phone_source_year",
)  # fmt: skip


def _or_none(value: str) -> str | None:
    return value or None


def shown_phone(centre: Centre) -> str:
    """The main number as the bot shows it: none when the sources disagree."""
    return "" if centre.phone_confidence == "conflict" else centre.phone


def _agreement(catalog: Catalog, reply: Reply, hit: CentreHit) -> dict[str, Any] | None:
    if hit.basis != "agreement" or reply.municipality is None:
        return None
    agreement = catalog.agreements.get(reply.municipality.number)
    if agreement is None or agreement.centre_id != hit.id:
        return None
    return {"basis": agreement.basis, "urls": agreement.source_url.split(),
            "year": _or_none(agreement.source_year)}  # fmt: skip


def centre_json(catalog: Catalog, reply: Reply, hit: CentreHit) -> dict[str, Any]:
    """One centre of a reply with its website, men's line and sources."""
    centre = catalog.centres.get(hit.id)
    if centre is None:
        return {}
    return {
        "phone": _or_none(shown_phone(centre)),
        "phone_men": _or_none(centre.phone_men),
        "website": _or_none(centre.website),
        "agreement": _agreement(catalog, reply, hit),
        "sources": {
            "phone": {"confidence": _or_none(centre.phone_confidence),
                      "urls": centre.phone_source_url.split(),
                      "year": _or_none(centre.phone_source_year)},
            "centre": {"urls": list(centre.source_urls), "year": _or_none(centre.source_year)},
        },
    }  # fmt: skip


def reply_json(catalog: Catalog, reply: Reply, query: str) -> dict[str, Any]:
    """``Reply.to_json`` with each centre's website, men's line and sources added."""
    data = reply.to_json(query)
    for item, hit in zip(data["centres"], reply.centres, strict=True):
        item.update(centre_json(catalog, reply, hit))
    return data


def csv_row(catalog: Catalog, reply: Reply, query: str) -> dict[str, str]:
    """One row per query: the municipality and the centre a staff member would call first."""
    row = dict.fromkeys(CSV_COLUMNS, "")
    row.update(query=query, intent=reply.intent)
    if reply.municipality:
        row.update(municipality_number=reply.municipality.number,
                   municipality=reply.municipality.name)  # fmt: skip
    elif reply.candidates:
        row["municipality"] = " | ".join(c.name for c in reply.candidates)
    if reply.centres:
        row.update(_centre_cells(catalog, reply, reply.centres[0]))
    return row


def _centre_cells(catalog: Catalog, reply: Reply, hit: CentreHit) -> dict[str, str]:
    centre = catalog.centres.get(hit.id)
    if centre is None:
        return {}
    phone = shown_phone(centre)
    cells = {"centre": centre.name, "phone": phone, "website": centre.website,
             "phone_source": centre.phone_source_url if phone else "",
             "phone_source_year": centre.phone_source_year if phone else ""}  # fmt: skip
    agreement = _agreement(catalog, reply, hit)
    if agreement:
        cells.update(basis=f"agreement ({agreement['basis']})",
                     source=" ".join(agreement["urls"]), year=agreement["year"] or "")  # fmt: skip
    elif hit.distance_km is not None:
        cells["basis"] = f"nearest ({hit.distance_km:.0f} km, no sourced agreement)"
    else:
        cells["basis"] = hit.basis
    return cells


def csv_text(rows: list[dict[str, str]]) -> str:
    """The rows as CSV with a header line (RFC 4180, ``\\r\\n`` line ends)."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()
