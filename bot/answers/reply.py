"""What the answer core returns: a ``Reply`` (HTML text, buttons, facts, an optional chart)
that Telegram and the terminal render, and its JSON form for ``krisebot ask --json``."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.text.format import plain

CAPTION_LIMIT = 1024


@dataclass(frozen=True)
class Button:
    """An inline button: ``data`` is a callback (<= 64 bytes), ``url`` opens a page."""

    label: str
    data: str = ""
    url: str = ""


@dataclass(frozen=True)
class Ref:
    number: str
    name: str


@dataclass(frozen=True)
class CentreHit:
    id: str
    name: str
    phone: str
    basis: str
    distance_km: float | None


@dataclass(frozen=True)
class Reply:
    intent: str
    html: str
    lang: str
    municipality: Ref | None = None
    candidates: tuple[Ref, ...] = ()
    centres: tuple[CentreHit, ...] = ()
    buttons: tuple[tuple[Button, ...], ...] = ()
    figures: tuple[dict[str, Any], ...] = ()
    chart: bytes | None = field(default=None, repr=False)
    topic: str | None = None  # the help topic it is about (TAXONOMY.md), if any
    confidence: float | None = None  # how sure the reading of the message was (0-1)
    asks_place: bool = False  # it asked where the person lives (a bare place answers it)
    statements: tuple[str, ...] = ()  # the knowledge statements that answer the question

    @property
    def text(self) -> str:
        """The reply as a person reads it (no HTML)."""
        return plain(self.html)

    @property
    def caption_html(self) -> str:
        """The text that goes with a chart (Telegram captions hold 1 024 characters)."""
        return fit(self.html, CAPTION_LIMIT)

    def to_json(self, query: str) -> dict[str, Any]:
        m = self.municipality
        return {
            "query": query,
            "intent": self.intent,
            "topic": self.topic,
            "confidence": None if self.confidence is None else round(self.confidence, 3),
            "lang": self.lang,
            "municipality": {"number": m.number, "name": m.name} if m else None,
            "candidates": [{"number": c.number, "name": c.name} for c in self.candidates],
            "centres": [
                {
                    "id": c.id,
                    "name": c.name,
                    "phone": c.phone or None,
                    "basis": c.basis,
                    "distance_km": None if c.distance_km is None else round(c.distance_km, 1),
                }
                for c in self.centres
            ],
            "figures": list(self.figures),
            "statements": list(self.statements),
            "text": self.text,
        }


def fit(html: str, limit: int) -> str:
    """``html`` cut to ``limit`` characters at whole lines, never inside a tag or an entity,
    keeping its last block (the footer with 112 and 116 006) and marking the cut with "…"."""
    if len(html) <= limit:
        return html
    body, _, footer = html.rpartition("\n\n")
    room = limit - len(footer) - len("\n…\n\n")
    kept: list[str] = []
    for line in body.split("\n"):
        if sum(len(k) + 1 for k in kept) + len(line) > room:
            break
        kept.append(line)
    return "\n".join(kept).rstrip() + "\n…\n\n" + footer
