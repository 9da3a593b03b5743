"""The Telegram shell's conversation context (``bot.answers.context.Context``: labels and a
municipality number, never text), kept per chat behind ``bot.state`` (memory or Redis) as a
small JSON record that expires after ``CONTEXT_TTL_S``. /glem (``State.forget``) and /slett
(``State.clear_context``) clear it. The only code that reads or writes it.
"""

from __future__ import annotations

import time

from bot.answers.context import EMPTY, Context, after, from_record, to_record
from bot.answers.reply import Reply
from bot.state import CONTEXT_TTL_S, State


async def recall(state: State, chat_id: int) -> Context:
    """The chat's context, or ``EMPTY`` (none, expired, or unreadable)."""
    record = await state.context(chat_id)
    ctx = from_record(record) if record else EMPTY
    return ctx if ctx.fresh(time.time()) else EMPTY


async def remember(state: State, chat_id: int, reply: Reply, before: Context) -> None:
    ctx = after(reply, before, time.time())
    await state.set_context(chat_id, to_record(ctx), CONTEXT_TTL_S)


async def follow(state: State, chat_id: int, reply: Reply) -> None:
    """After a button or a location: the reply's place becomes what "telefon?" refers to."""
    await remember(state, chat_id, reply, await recall(state, chat_id))
