"""What the bot remembers of one conversation between two messages: labels and a place, never
the text. In memory only; the shells keep one per chat, forget it after ``EXPIRY_S`` and on
/glem and /slett.

It lets a short follow-up mean what the person means: a bare "Bodø" or "1337" after the bot
asked where, a place after telling what happens (the card remembers the topic), "telefon?" or
"nærmere?" after a centre card.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass

from bot.answers.reply import Reply

EXPIRY_S = 30 * 60


@dataclass(frozen=True)
class Context:
    intent: str = ""  # the intent of the bot's last reply
    topic: str | None = None  # the topic it carried (a disclosure's topic is kept)
    municipality: str | None = None  # the municipality number it was about
    centre: str | None = None  # the centre it showed first
    asked_place: bool = False  # it asked where the person lives
    at: float = 0.0  # when (seconds: the shell's clock)

    def fresh(self, now: float) -> bool:
        return bool(self.intent) and 0 <= now - self.at <= EXPIRY_S


EMPTY = Context()


def after(reply: Reply, before: Context, now: float) -> Context:
    """The context after ``reply``: its labels and place. A topic (say, a disclosure's) and a
    place are kept while the conversation goes on without a new one."""
    fresh = before.fresh(now)
    municipality = reply.municipality.number if reply.municipality else None
    if municipality is None and reply.intent == "centre" and fresh:
        municipality = before.municipality  # a centre card keeps the place it came from
    return Context(
        intent=reply.intent,
        topic=reply.topic or (before.topic if fresh else None),
        municipality=municipality,
        centre=reply.centres[0].id if reply.centres else None,
        asked_place=reply.asks_place,
        at=now,
    )


def to_record(ctx: Context) -> bytes:
    """The context as a small JSON record, for a state store."""
    return json.dumps(asdict(ctx), separators=(",", ":")).encode()


def from_record(record: bytes) -> Context:
    """A context from ``to_record``'s bytes; ``EMPTY`` for anything else."""
    try:
        data = json.loads(record)
        ctx = Context(
            intent=str(data["intent"]),
            topic=_optional(data["topic"]),
            municipality=_optional(data["municipality"]),
            centre=_optional(data["centre"]),
            asked_place=bool(data["asked_place"]),
            at=float(data["at"]),
        )
    except (ValueError, KeyError, TypeError):
        return EMPTY
    return ctx


def _optional(value: object) -> str | None:
    return None if value is None else str(value)
