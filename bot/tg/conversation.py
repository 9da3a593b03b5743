"""The Telegram shell's conversation context (``bot.answers.context.Context``: labels and a
municipality number, never text), kept per chat behind ``bot.state`` (memory or Redis) as a
small JSON record that expires after ``CONTEXT_TTL_S``. /glem (``State.forget``) and /slett
(``State.clear_context``) clear it. The only code that reads or makes the record: it is read
with the update's ``Arrival`` (one round trip for everything an update needs), and the new one
is written by ``bot.tg.context.send`` together with the reply's id (one more).
"""

from __future__ import annotations

import time

from bot.answers.context import EMPTY, Context, after, from_record, to_record
from bot.answers.reply import Reply
from bot.state import Arrival, State


async def recall(state: State, chat_id: int, arrival: Arrival | None = None) -> Context:
    """The chat's context, or ``EMPTY`` (none, expired, or unreadable); from ``arrival`` when
    the update's arrival read it."""
    record = arrival.context if arrival is not None else await state.context(chat_id)
    ctx = from_record(record) if record else EMPTY
    return ctx if ctx.fresh(time.time()) else EMPTY


def record(reply: Reply, before: Context) -> bytes:
    """The chat's context after ``reply``, to be kept with the reply's id."""
    return to_record(after(reply, before, time.time()))


async def follow(state: State, chat_id: int, reply: Reply, arrival: Arrival | None = None) -> bytes:
    """After a button or a location: the record in which the reply's place becomes what
    "telefon?" refers to."""
    return record(reply, await recall(state, chat_id, arrival))
