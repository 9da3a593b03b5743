"""The state interface every backend implements, and the limits they share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, field
from typing import Final, Protocol

#: The longest any key lives: the Bot API lets a bot delete a message for 48 hours.
MAX_TTL_S: Final = 48 * 3600
#: An id older than this is no longer worth a deletion attempt (a margin under 48 h).
DELETABLE_FOR_S: Final = MAX_TTL_S - 600
#: A conversation context is forgotten after 30 minutes without a new message.
CONTEXT_TTL_S: Final = 30 * 60
#: A conversation context is a small opaque record (bytes of its serialised form).
MAX_CONTEXT_BYTES: Final = 2048
#: An ordering entry for an update waits at most this long for the ones before it.
ORDER_TTL_S: Final = 60
#: A per-chat lock is released on its own after this long (a crashed replica).
LOCK_TTL_S: Final = 60.0


class StateUnavailable(Exception):
    """The state backend did not answer (Redis down or unreachable). Never carries a secret."""


@dataclass(frozen=True)
class Arrival:
    """What the state held for an update when it arrived (``State.arrive``), read together."""

    #: The chat's automatic-deletion minutes (0: off).
    auto: int = 0
    #: The language the person chose, if they did.
    lang: str | None = None
    #: The chat's conversation context record, if one is kept.
    context: bytes | None = None


@dataclass(frozen=True)
class Arriving:
    """An update whose turn also records its arrival (``State.turn``): ``arrive``'s arguments."""

    chat_id: int
    user_id: int
    #: The incoming message's id (none for a button press: that message is the bot's own).
    ids: tuple[int, ...] = ()


@dataclass(frozen=True)
class Leaving:
    """A reply's ids (sent at ``at``) and the chat's new conversation ``context``: ``add_ids``'s
    arguments, written as a turn is released (``Turn.leaving``)."""

    chat_id: int
    ids: tuple[int, ...]
    at: float
    context: bytes | None = None

    def __post_init__(self) -> None:
        if self.context is not None:
            check_context(self.context)


@dataclass
class Turn:
    """A chat's turn, held (``State.turn``): what arrived with it, and the last write to do
    as it is released, in the same round trip where the backend can (``add_ids``, and the
    sweep scheduled with automatic deletion on, as ``Deleter.remember`` does). The release
    writes ``leaving`` whatever happened meanwhile (an error, a cancellation); once it has
    begun the turn is ``closed`` and takes no more."""

    arrival: Arrival | None = None
    leaving: Leaving | None = None
    closed: bool = field(default=False, compare=False)

    def leave(self) -> Leaving | None:
        """Close the turn; the write its release carries."""
        self.closed = True
        return self.leaving


class State(Protocol):
    """Per-chat state. Times are wall-clock seconds (``time.time()``), shared by replicas."""

    name: str

    async def ping(self) -> bool:
        """True when the backend answers."""

    async def close(self) -> None: ...

    async def key_count(self) -> int:
        """How many keys the backend holds (for the metrics)."""

    # -- message ids ---------------------------------------------------------------------
    async def add_ids(
        self, chat_id: int, ids: Iterable[int], at: float | None = None,
        context: bytes | None = None,
    ) -> int:  # fmt: skip
        """Remember message ids of a chat, sent at ``at`` (now); with ``context``, also keep the
        chat's conversation context (as ``set_context``). Returns the chat's automatic-deletion
        minutes (0: off), read in the same round trip."""

    async def arrive(
        self, chat_id: int, user_id: int, ids: Iterable[int], at: float | None = None
    ) -> Arrival:
        """An update arrived: remember its message ids (as ``add_ids``, before any reply is
        tried) and read the chat's automatic-deletion minutes, the person's chosen language and
        the chat's context, in one round trip."""

    async def ids(self, chat_id: int) -> dict[int, float]:
        """Every remembered id of the chat younger than ``DELETABLE_FOR_S``: id -> sent at."""

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        """Forget ids: they were deleted, or Telegram said they can no longer be."""

    async def promise(self, chat_id: int, ids: Iterable[int]) -> None:
        """Ids that were promised a deletion (``/slett``) and must be retried until done."""

    async def promised(self, chat_id: int) -> set[int]: ...

    async def mark_duplicate(self, chat_id: int, message_id: int) -> None:
        """A reply was sent again after a lost acknowledgement; ``message_id`` is the copy
        we know of, the other one has an unknown id just below it."""

    async def duplicates(self, chat_id: int) -> set[int]: ...

    async def drop_duplicates(self, chat_id: int, ids: Iterable[int]) -> None: ...

    # -- automatic deletion ----------------------------------------------------------------
    async def set_auto(self, chat_id: int, minutes: int) -> None:
        """0 turns automatic deletion off."""

    async def auto(self, chat_id: int) -> int: ...

    async def schedule(self, chat_id: int, due_at: float) -> None:
        """Sweep this chat at ``due_at``, or earlier if it is already due earlier."""

    async def reschedule(self, chat_id: int, due_at: float) -> None:
        """Sweep this chat next at exactly ``due_at`` (the sweeper, after a sweep)."""

    async def unschedule(self, chat_id: int) -> None: ...

    async def due(self, now: float, limit: int = 100) -> list[int]:
        """Chats whose sweep is due, oldest first."""

    def sweep_lock(self) -> AbstractAsyncContextManager[bool]:
        """At most one sweeper at a time across replicas; yields False if another has it."""

    # -- what a person chose ---------------------------------------------------------------
    async def lang(self, user_id: int) -> str | None: ...

    async def set_lang(self, user_id: int, lang: str) -> None: ...

    async def context(self, chat_id: int) -> bytes | None: ...

    async def set_context(self, chat_id: int, record: bytes, ttl_s: float = CONTEXT_TTL_S) -> None:
        """Keep a small opaque record (at most ``MAX_CONTEXT_BYTES``) for ``ttl_s``."""

    async def clear_context(self, chat_id: int) -> None: ...

    async def forget(self, chat_id: int) -> None:
        """``/glem``: the language choice and the context. Message ids stay for ``/slett``."""

    async def tell_once(self, chat_id: int) -> bool:
        """True the first time for a group chat (within the TTL), False after."""

    # -- order across replicas ---------------------------------------------------------------
    async def enqueue(self, arrived: Sequence[tuple[str, int]]) -> None:
        """Updates arrived, each ``(key, update_id)`` (a chat or a user): each is answered in
        its key's turn. A batch (a ``getUpdates`` answer) is entered in one round trip."""

    def turn(
        self, key: str, update_id: int, arriving: Arriving | None = None
    ) -> AbstractAsyncContextManager[Turn]:
        """Hold ``key``'s lock once every earlier update of ``key`` has been answered. With
        ``arriving``, once the lock is held, also ``arrive`` (in the same round trip where the
        backend can): ``Turn.arrival``. The release writes ``Turn.leaving``, if set."""


def check_context(record: bytes) -> bytes:
    if len(record) > MAX_CONTEXT_BYTES:
        raise ValueError(f"a conversation context is at most {MAX_CONTEXT_BYTES} bytes")
    return record


def check_ttl(ttl_s: float) -> float:
    if not 0 < ttl_s <= MAX_TTL_S:
        raise ValueError(f"a TTL must be within (0, {MAX_TTL_S}] seconds")
    return ttl_s
