"""Every ``SELECT`` the bot makes: the database -> frozen values, once, at start-up.

``load_catalog`` reads the few thousand rows the answers need into a ``Catalog``;
``load_stats`` reads the figures into ``Stats``.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from typing import Any

from bot import schema
from bot.catalog.figures import Stats
from bot.catalog.measures import Measure
from bot.catalog.models import (
    Basis,
    Centre,
    CentrePoint,
    CentreStatus,
    Figure,
    HelpFact,
    Helpline,
    Membership,
    Municipality,
    NameHit,
    Offer,
    PhoneConfidence,
    PostalCode,
    Via,
)
from bot.catalog.places import Catalog


def _blank(values: tuple[object, ...]) -> list[Any]:
    """A row's values with NULL (unknown, in the database) as "" (unknown, in the models)."""
    return ["" if v is None else v for v in values]


def municipalities(conn: sqlite3.Connection) -> dict[str, Municipality]:
    rows = conn.execute(
        f"SELECT number, name, county_name, lat, lon FROM {schema.MUNICIPALITIES}"
    ).fetchall()
    return {r[0]: Municipality(r[0], r[1], r[2] or "", float(r[3]), float(r[4])) for r in rows}


def names(conn: sqlite3.Connection) -> dict[str, tuple[NameHit, ...]]:
    index: dict[str, list[NameHit]] = defaultdict(list)
    for norm, name, number, kind, rank in conn.execute(
        f"SELECT norm, name, municipality_number, kind, rank FROM {schema.NAMES} "
        "ORDER BY norm, rank, municipality_number"
    ):
        index[norm].append(NameHit(name, number, Via(kind), int(rank)))
    return {k: tuple(v) for k, v in index.items()}


def centres(conn: sqlite3.Connection) -> dict[str, Centre]:
    out = {}
    cursor = conn.execute(f"SELECT * FROM {schema.CENTRES} ORDER BY id")
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(columns, _blank(values), strict=True))
        out[row["id"]] = Centre(
            id=row["id"],
            name=row["name"],
            status=CentreStatus(row["status"]),
            host_municipality_number=row["host_municipality_number"],
            phone=row["phone"],
            phone_note=row["phone_note"],
            phone_men=row["phone_men"],
            phone_source_url=row["phone_source_url"],
            phone_source_year=row["phone_source_year"],
            phone_confidence=PhoneConfidence(row["phone_confidence"]),
            website=row["website"],
            women=Offer(row["women"]),
            men=Offer(row["men"]),
            children=Offer(row["children"]),
            source_urls=tuple(row["source_urls"].split()),
            source_year=row["source_year"],
            aliases=tuple(a.strip() for a in row["aliases"].split(";") if a.strip()),
        )
    return out


def centre_points(conn: sqlite3.Connection) -> dict[str, tuple[CentrePoint, ...]]:
    out: dict[str, list[CentrePoint]] = defaultdict(list)
    for cid, label, lat, lon, basis in conn.execute(
        f"SELECT centre_id, label, lat, lon, basis FROM {schema.CENTRE_POINTS} ORDER BY rowid"
    ):
        out[cid].append(CentrePoint(cid, label, float(lat), float(lon), basis))
    return {k: tuple(v) for k, v in out.items()}


def agreements_today(conn: sqlite3.Connection, year: int = schema.CURRENT_YEAR) -> list[Membership]:
    """Memberships valid in ``year`` for centres that are not closed (one per municipality)."""
    rows = conn.execute(
        f"SELECT cm.centre_id, cm.municipality_number, cm.basis, COALESCE(cm.source_url, ''), "
        f"COALESCE(cm.source_year, '') FROM {schema.CENTRE_MUNICIPALITIES} cm "
        f"JOIN {schema.CENTRES} c ON c.id = cm.centre_id WHERE c.status != 'closed' "
        "AND (cm.valid_from IS NULL OR cm.valid_from <= ?) "
        "AND (cm.valid_to IS NULL OR cm.valid_to >= ?) ORDER BY cm.municipality_number",
        (year, year),
    ).fetchall()
    return [Membership(r[0], r[1], Basis(r[2]), r[3], str(r[4])) for r in rows]


def helplines(conn: sqlite3.Connection) -> dict[str, Helpline]:
    rows = conn.execute(
        f"SELECT id, name, number, hours, audience, what_for, website, source_url, "
        f"what_for_en, hours_en FROM {schema.HELPLINES} ORDER BY position"
    ).fetchall()
    return {r[0]: Helpline(*_blank(r)) for r in rows}


def help_facts(conn: sqlite3.Connection) -> dict[str, HelpFact]:
    rows = conn.execute(
        f"SELECT id, topic, source_title, source_url, source_year FROM {schema.HELP_FACTS} "
        "ORDER BY position"
    ).fetchall()
    return {r[0]: HelpFact(*_blank(r)) for r in rows}


def postal_codes(conn: sqlite3.Connection) -> dict[str, PostalCode]:
    rows = conn.execute(
        f"SELECT code, place_display, municipality_number FROM {schema.POSTAL_CODES}"
    ).fetchall()
    return {r[0]: PostalCode(*_blank(r)) for r in rows}


def town_points(
    conn: sqlite3.Connection, munis: dict[str, Municipality]
) -> tuple[tuple[float, float, str], ...]:
    """Municipality points and the points of towns placed in a municipality."""
    towns = conn.execute(
        f"SELECT lat, lon, municipality_number FROM {schema.PLACES} "
        "WHERE municipality_number IS NOT NULL ORDER BY geonameid"
    ).fetchall()
    own = [(m.lat, m.lon, m.number) for m in munis.values()]
    return tuple(own + [(float(a), float(b), str(c)) for a, b, c in towns])


def built_at(conn: sqlite3.Connection) -> str:
    row = conn.execute(f"SELECT value FROM {schema.META} WHERE key = 'built_at'").fetchone()
    return str(row[0]) if row else ""


def load_catalog(conn: sqlite3.Connection) -> Catalog:
    munis = municipalities(conn)
    members = agreements_today(conn)
    served: dict[str, list[str]] = defaultdict(list)
    for m in members:
        served[m.centre_id].append(m.municipality_number)
    return Catalog(
        municipalities=munis,
        names=names(conn),
        centres=centres(conn),
        points=centre_points(conn),
        agreements={m.municipality_number: m for m in members},
        served={k: tuple(v) for k, v in served.items()},
        helplines=helplines(conn),
        help_facts=help_facts(conn),
        postal=postal_codes(conn),
        town_points=town_points(conn, munis),
        danger_phrases=danger_phrases(conn),
        built_at=built_at(conn),
    )


def load_figures(conn: sqlite3.Connection) -> tuple[Figure, ...]:
    rows = conn.execute(
        "SELECT table_id, publisher, region_label, year, measure, value, value_text, unit, "
        "qualifier, status, source_url, centre_id FROM figures ORDER BY rowid"
    ).fetchall()
    return tuple(_figure(r) for r in rows if r[3] is not None)


def _figure(r: tuple[object, ...]) -> Figure:
    text = [str(v) if v is not None else "" for v in r]
    value = None if r[5] is None else float(str(r[5]))
    return Figure(text[0], text[1], text[2], int(text[3]), text[4], value, text[6], text[7],
                  text[8], text[9], text[10], text[11])  # fmt: skip


def danger_phrases(conn: sqlite3.Connection) -> tuple[str, ...]:
    rows = conn.execute(f"SELECT phrase FROM {schema.DANGER_PHRASES} ORDER BY position")
    return tuple(str(r[0]) for r in rows)


def load_measures(conn: sqlite3.Connection) -> tuple[Measure, ...]:
    """The measures in their curated order (``data/curated/measures.csv``)."""
    rows = conn.execute(
        f"SELECT key, topic, table_id, labels, nb, en, region, denominator "
        f"FROM {schema.MEASURES} ORDER BY position"
    ).fetchall()
    return tuple(_measure(*(str(v or "") for v in r)) for r in rows)


def _measure(key: str, topic: str, table: str, labels: str, nb: str, en: str, region: str,
             denominator: str) -> Measure:  # fmt: skip
    alternatives = tuple(label.strip() for label in labels.split(schema.LABEL_SEPARATOR))
    anywhere = region == schema.ANY_REGION
    return Measure(key, topic, table, alternatives, nb, en, None if anywhere else region,
                   denominator)  # fmt: skip


def load_stats(conn: sqlite3.Connection) -> Stats:
    return Stats(load_figures(conn), load_measures(conn))
