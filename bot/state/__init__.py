"""Per-chat state for the Telegram shell: one interface (``State``), two backends.

* ``MemoryState`` (``bot.state.memory``, the default): in this process, bounded, nothing to
  install; lost at a restart.
* ``RedisState`` (``bot.state.redis``, when ``KRISEBOT_REDIS_URL`` is set): shared by every
  replica and kept across restarts, in Redis's memory (run Redis without persistence).

What is kept, and nothing else: the message ids of each private chat (so that ``/slett`` and
automatic deletion can delete them), the ids promised for deletion, the automatic-deletion
setting and schedule, the language a person chose, a small conversation context, the "told this
group once" flag, and short-lived ordering entries and locks. Every key has a TTL of at most
``MAX_TTL_S`` (48 hours: after that the Bot API no longer lets a bot delete a message).

``open_state`` picks the backend from the settings. ``ResilientState`` (``bot.state.resilient``)
keeps a Redis-backed bot answering when Redis goes away.
"""

from __future__ import annotations

from bot.state.base import (
    CONTEXT_TTL_S,
    DELETABLE_FOR_S,
    MAX_TTL_S,
    Arrival,
    Arriving,
    Leaving,
    State,
    StateUnavailable,
    Turn,
)
from bot.state.memory import MemoryState

__all__ = [
    "CONTEXT_TTL_S",
    "DELETABLE_FOR_S",
    "MAX_TTL_S",
    "Arrival",
    "Arriving",
    "Leaving",
    "MemoryState",
    "State",
    "StateUnavailable",
    "Turn",
    "ensure_reachable",
    "open_state",
]


def open_state(redis_url: str = "", prefix: str = "") -> State:
    """Memory when ``redis_url`` is empty, otherwise Redis with this process's memory behind it.
    Nothing is contacted yet: ``ensure_reachable`` checks Redis at start."""
    if not redis_url:
        return MemoryState()
    from bot.state.redis import RedisState
    from bot.state.redis_client import DEFAULT_PREFIX
    from bot.state.resilient import ResilientState

    return ResilientState(RedisState(redis_url, prefix=prefix or DEFAULT_PREFIX))


async def ensure_reachable(state: State) -> None:
    """Raise ``StateUnavailable`` (naming the setting, never the password) if Redis is down."""
    if await state.ping():
        return
    where = getattr(getattr(state, "primary", state), "where", "")
    raise StateUnavailable(
        f"Redis did not answer at {where} (KRISEBOT_REDIS_URL). Start Redis, or correct the "
        "setting, or unset it to keep the state in this process's memory."
    )
