"""The read side's values: frozen dataclasses and the ``StrEnum``s of the fields that take one
of a few values. A ``StrEnum`` equals its text, so these read and print like the database's
strings; an unknown value in the database fails at load, not deep inside a reply."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class CentreStatus(StrEnum):
    ACTIVE = "active"
    CLOSED = "closed"
    UNVERIFIED = "unverified"


class PhoneConfidence(StrEnum):
    """How sure the sources are of a centre's phone number ("" when there is none)."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    CONFLICT = "conflict"
    NONE = ""


class Basis(StrEnum):
    """Why we say a municipality belongs to a centre."""

    STATED = "stated"
    DERIVED = "derived"
    WEAK = "weak"


class Offer(StrEnum):
    """Whether a centre offers a stay to women, men, children."""

    YES = "yes"
    NO = "no"
    UNKNOWN = "unknown"


class Via(StrEnum):
    """How a municipality was found from what a person typed (the name kinds come first)."""

    OFFICIAL = "official"
    PARALLEL = "parallel"
    FORMER = "former"
    POSTAL_PLACE = "postal_place"
    TOWN = "town"
    POSTAL_CODE = "postal_code"
    MUNICIPALITY_NUMBER = "municipality_number"
    FUZZY = "fuzzy"


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
    kind: Via
    rank: int


@dataclass(frozen=True)
class Centre:
    id: str
    name: str
    status: CentreStatus
    host_municipality_number: str
    phone: str
    phone_note: str
    phone_men: str
    phone_source_url: str
    phone_source_year: str
    phone_confidence: PhoneConfidence
    website: str
    women: Offer
    men: Offer
    children: Offer
    source_urls: tuple[str, ...]
    source_year: str
    aliases: tuple[str, ...]

    @property
    def phone_is_24h(self) -> bool:
        """The source says the phone is answered day and night ("døgnåpen")."""
        return "døgn" in self.phone_note.lower()


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
    basis: Basis
    source_url: str
    source_year: str


@dataclass(frozen=True)
class Helpline:
    id: str
    name: str
    number: str
    hours: str
    audience: str
    what_for: str  # the source's own words (bokmål)
    website: str
    source_url: str
    what_for_en: str  # data/curated/helplines_en.csv
    hours_en: str

    def what(self, lang: str) -> str:
        """What the line is for, in ``lang`` (bokmål: the source's own words)."""
        return self.what_for_en if lang == "en" else self.what_for

    def opening_hours(self, lang: str) -> str:
        return self.hours_en if lang == "en" else self.hours


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
class Figure:
    """One figure of the ``figures`` table (SSB or Bufdir), with its source."""

    table_id: str
    publisher: str
    region: str
    year: int
    measure: str
    value: float | None
    value_text: str
    unit: str
    qualifier: str
    status: str
    source_url: str
    centre_id: str
