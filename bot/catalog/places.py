"""The ``Catalog``: municipalities, names, centres and their points, memberships valid today,
help lines, postal codes, all in memory; and distances between places and centres. Everything
here is read once (``bot.catalog.load``) and needs no locks."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from bot.catalog.models import (
    Centre,
    CentrePoint,
    CentreStatus,
    HelpFact,
    Helpline,
    Membership,
    Municipality,
    NameHit,
    Nearby,
    PostalCode,
)


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
    danger_phrases: tuple[str, ...]
    built_at: str = ""
    _nearest: dict[str, tuple[Nearby, ...]] = field(default_factory=dict, repr=False)

    def nearest_centres(self, lat: float, lon: float, limit: int = 3) -> list[Nearby]:
        """Open centres by straight-line distance from a point (a centre's nearest point)."""
        hits = []
        for centre in self.centres.values():
            if centre.status == CentreStatus.CLOSED:
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
