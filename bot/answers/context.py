"""What the bot remembers of one conversation between two messages: labels and a place, never
the text. In memory only; the shells keep one per chat, forget it after ``EXPIRY_S`` and on
/glem and /slett.

It lets a short follow-up mean what the person means: a bare "Bodø" or "1337" after the bot
asked where, a place after telling what happens (the card remembers the topic), "telefon?" or
"nærmere?" after a centre card.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.answers.reply import Reply

EXPIRY_S = 30 * 60


@dataclass(frozen=True)
class Context:
    intent: str = ""  # the intent of the bot's last reply
    topic: str | None = None  # the topic it carried (a disclosure's topic is kept)
    municipality: str | None = None  # the municipality number it was about
    centre: str | None = None  # the centre it showed first
    asked_place: bool = False  # it asked where the person lives
    at: float = 0.0  # when (time.monotonic())

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
