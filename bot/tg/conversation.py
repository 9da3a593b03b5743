"""Where the Telegram shell keeps each chat's ``Context`` (labels and a municipality number,
never text): in python-telegram-bot's in-memory ``chat_data``, nowhere else. Expires after
``EXPIRY_S`` (``Context.fresh``); /glem and /slett clear it. The only code that touches the
storage: moving it behind another store (say, Redis) changes this file alone.
"""

from __future__ import annotations

import time
from collections.abc import MutableMapping
from typing import Any

from bot.answers.context import EMPTY, Context, after
from bot.answers.reply import Reply

KEY = "conversation"


def recall(chat_data: MutableMapping[Any, Any] | None) -> Context:
    """The chat's context, or ``EMPTY`` when there is none or it has expired."""
    ctx = (chat_data or {}).get(KEY)
    return ctx if isinstance(ctx, Context) and ctx.fresh(time.monotonic()) else EMPTY


def remember(chat_data: MutableMapping[Any, Any] | None, reply: Reply, before: Context) -> None:
    if chat_data is not None:
        chat_data[KEY] = after(reply, before, time.monotonic())


def forget(chat_data: MutableMapping[Any, Any] | None) -> None:
    if chat_data is not None:
        chat_data.pop(KEY, None)
