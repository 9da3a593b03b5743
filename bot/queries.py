"""Small pure functions over the database, returning frozen dataclasses.

``load_catalog`` reads the few thousand rows the answers need once, at start-up, into a
``Catalog``: name index, municipalities, centres and their points, memberships valid today,
help lines, postal codes. Everything after that is in memory and needs no locks.
"""

from __future__ import annotations

import math
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field

from bot import schema


@dataclass(frozen=True)
class Municipality:
    number: str
    name: str
    county: str
    lat: float
    lon: float


@dataclass(frozen=True)
class NameHit:
    """One way of writing a municipality's name (or a place in it)."""

    name: str
    municipality_number: str
    kind: str
    rank: int


@dataclass(frozen=True)
class Centre:
    id: str
    name: str
    status: str
    host_municipality_number: str
    phone: str
    phone_note: str
    phone_men: str
    phone_source_url: str
    phone_source_year: str
    phone_confidence: str
    website: str
    women: str
    men: str
    children: str
    source_urls: tuple[str, ...]
    source_year: str
    aliases: tuple[str, ...]


@dataclass(frozen=True)
class CentrePoint:
    centre_id: str
    label: str
    lat: float
    lon: float
    basis: str


@dataclass(frozen=True)
class Membership:
    centre_id: str
    municipality_number: str
    basis: str
    source_url: str
    source_year: str


@dataclass(frozen=True)
class Helpline:
    id: str
    name: str
    number: str
    hours: str
    audience: str
    what_for: str
    website: str
    source_url: str


@dataclass(frozen=True)
class HelpFact:
    id: str
    topic: str
    source_title: str
    source_url: str
    source_year: str


@dataclass(frozen=True)
class PostalCode:
    code: str
    place: str
    municipality_number: str


@dataclass(frozen=True)
class Nearby:
    centre: Centre
    distance_km: float


@dataclass(frozen=True)
class Catalog:
    """Everything the answers need, read once from the database."""

    municipalities: dict[str, Municipality]
    names: dict[str, tuple[NameHit, ...]]
    centres: dict[str, Centre]
    points: dict[str, tuple[CentrePoint, ...]]
    agreements: dict[str, Membership]
    served: dict[str, tuple[str, ...]]
    helplines: dict[str, Helpline]
    help_facts: dict[str, HelpFact]
    postal: dict[str, PostalCode]
    town_points: tuple[tuple[float, float, str], ...]
    built_at: str = ""
    _nearest: dict[str, tuple[Nearby, ...]] = field(default_factory=dict, repr=False)

    def nearest_centres(self, lat: float, lon: float, limit: int = 3) -> list[Nearby]:
        """Open centres by straight-line distance from a point (a centre's nearest point)."""
        hits = []
        for centre in self.centres.values():
            if centre.status == "closed":
                continue
            hits.append(Nearby(centre, self.distance_km(lat, lon, centre.id)))
        hits.sort(key=lambda n: (n.distance_km, n.centre.id))
        return hits[:limit]

    def distance_km(self, lat: float, lon: float, centre_id: str) -> float:
        """Straight-line km from a point to the nearest of a centre's points."""
        return min(haversine_km(lat, lon, p.lat, p.lon) for p in self.points[centre_id])

    def nearest_to_municipality(self, number: str, limit: int = 4) -> tuple[Nearby, ...]:
        cached = self._nearest.get(number)
        if cached is None or len(cached) < limit:
            m = self.municipalities[number]
            cached = tuple(self.nearest_centres(m.lat, m.lon, limit))
            self._nearest[number] = cached
        return cached[:limit]

    def municipality_at(self, lat: float, lon: float) -> tuple[Municipality, float]:
        """The municipality whose point (or a town point in it) is nearest, and the km."""
        best = min(self.town_points, key=lambda t: haversine_km(lat, lon, t[0], t[1]))
        return self.municipalities[best[2]], haversine_km(lat, lon, best[0], best[1])


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(min(1.0, a)))


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
        index[norm].append(NameHit(name, number, kind, int(rank)))
    return {k: tuple(v) for k, v in index.items()}


def centres(conn: sqlite3.Connection) -> dict[str, Centre]:
    out = {}
    cursor = conn.execute(f"SELECT * FROM {schema.CENTRES} ORDER BY id")
    columns = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(columns, values, strict=True))
        out[row["id"]] = Centre(
            id=row["id"],
            name=row["name"],
            status=row["status"],
            host_municipality_number=row["host_municipality_number"],
            phone=row["phone"],
            phone_note=row["phone_note"],
            phone_men=row["phone_men"],
            phone_source_url=row["phone_source_url"],
            phone_source_year=row["phone_source_year"],
            phone_confidence=row["phone_confidence"],
            website=row["website"],
            women=row["women"],
            men=row["men"],
            children=row["children"],
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
        f"SELECT cm.centre_id, cm.municipality_number, cm.basis, cm.source_url, "
        f"COALESCE(cm.source_year, '') FROM {schema.CENTRE_MUNICIPALITIES} cm "
        f"JOIN {schema.CENTRES} c ON c.id = cm.centre_id WHERE c.status != 'closed' "
        "AND (cm.valid_from IS NULL OR cm.valid_from <= ?) "
        "AND (cm.valid_to IS NULL OR cm.valid_to >= ?) ORDER BY cm.municipality_number",
        (year, year),
    ).fetchall()
    return [Membership(r[0], r[1], r[2], r[3], str(r[4])) for r in rows]


def helplines(conn: sqlite3.Connection) -> dict[str, Helpline]:
    rows = conn.execute(
        f"SELECT id, name, number, hours, audience, what_for, website, source_url "
        f"FROM {schema.HELPLINES} ORDER BY position"
    ).fetchall()
    return {r[0]: Helpline(*r) for r in rows}


def help_facts(conn: sqlite3.Connection) -> dict[str, HelpFact]:
    rows = conn.execute(
        f"SELECT id, topic, source_title, source_url, source_year FROM {schema.HELP_FACTS} "
        "ORDER BY position"
    ).fetchall()
    return {r[0]: HelpFact(*r) for r in rows}


def postal_codes(conn: sqlite3.Connection) -> dict[str, PostalCode]:
    rows = conn.execute(
        f"SELECT code, place_display, municipality_number FROM {schema.POSTAL_CODES}"
    ).fetchall()
    return {r[0]: PostalCode(r[0], r[1], r[2]) for r in rows}


def town_points(
    conn: sqlite3.Connection, munis: dict[str, Municipality]
) -> tuple[tuple[float, float, str], ...]:
    """Municipality points and the points of towns placed in a municipality."""
    towns = conn.execute(
        f"SELECT lat, lon, municipality_number FROM {schema.PLACES} "
        "WHERE municipality_number != '' ORDER BY geonameid"
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
        built_at=built_at(conn),
    )
