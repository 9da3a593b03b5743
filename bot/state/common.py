"""What every backend does the same way, written once: ``KeyedState``.

A backend provides a few primitives: values with a TTL (``_get``, ``_put``, ``_delete``), sets
of message ids (``_add_members``, ``_members``, ``_remove_members``), the sent ids younger than a
cutoff (``_ids_since``) and the sweep schedule (``_set_due``). ``KeyedState`` builds the rest of
``State`` from them, so that the rules live in one place:

* expiry: every key lives ``MAX_TTL_S`` (48 hours) unless said otherwise; a conversation context
  lives ``CONTEXT_TTL_S`` and any TTL given is checked (``check_ttl``);
* bounds: a context is at most ``MAX_CONTEXT_BYTES`` (``check_context``); ids older than
  ``DELETABLE_FOR_S`` are no longer offered for deletion;
* deletion bookkeeping: which ids were promised a deletion, which replies were sent twice, the
  automatic-deletion setting, and that a new schedule only ever moves a sweep earlier.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterable

from bot.state.base import (
    CONTEXT_TTL_S,
    DELETABLE_FOR_S,
    MAX_TTL_S,
    Arrival,
    Arriving,
    Leaving,
    check_context,
    check_ttl,
)

#: A key: its kind (``ids``, ``promised``, ``dups``, ``auto``, ``lang``, ``ctx``, ``told``) and
#: the chat or user it belongs to.
Key = tuple[str, int]


class KeyedState(ABC):
    """The parts of ``State`` that are the same in every backend, over a few primitives."""

    clock: Callable[[], float]

    # -- primitives (each backend) -----------------------------------------------------------
    @abstractmethod
    async def _get(self, kind: str, key: int) -> bytes | None: ...

    @abstractmethod
    async def _put(
        self, kind: str, key: int, value: bytes, ttl_s: float = MAX_TTL_S, only_new: bool = False
    ) -> bool:
        """Store ``value`` for ``ttl_s``; with ``only_new``, only if the key is not there.
        True if it was stored."""

    @abstractmethod
    async def _delete(self, *keys: Key) -> None: ...

    @abstractmethod
    async def _add_members(self, kind: str, key: int, members: list[int]) -> None: ...

    @abstractmethod
    async def _members(self, kind: str, key: int) -> set[int]: ...

    @abstractmethod
    async def _remove_members(self, kind: str, key: int, members: list[int]) -> None: ...

    @abstractmethod
    async def _ids_since(self, chat_id: int, cutoff: float) -> dict[int, float]:
        """The chat's sent ids remembered at a time after ``cutoff``: id -> sent at."""

    @abstractmethod
    async def _set_due(self, chat_id: int, due_at: float, earlier_only: bool) -> None:
        """Sweep the chat at ``due_at``; with ``earlier_only``, only if that is earlier."""

    # -- message ids ---------------------------------------------------------------------
    @abstractmethod
    async def add_ids(
        self, chat_id: int, ids: Iterable[int], at: float | None = None,
        context: bytes | None = None,
    ) -> int: ...  # fmt: skip

    async def arrive(
        self, chat_id: int, user_id: int, ids: Iterable[int], at: float | None = None
    ) -> Arrival:
        """``add_ids``, then the reads (a backend with round trips does them in one)."""
        auto = await self.add_ids(chat_id, ids, at)
        return Arrival(auto, await self.lang(user_id), await self.context(chat_id))

    async def arrival(self, arriving: Arriving | None) -> Arrival | None:
        """``arrive`` for a turn's ``arriving`` (None: nothing arrives)."""
        if arriving is None:
            return None
        return await self.arrive(arriving.chat_id, arriving.user_id, arriving.ids)

    async def keep(self, leaving: Leaving | None) -> None:
        """A turn's last write (``Turn.leaving``): the ids and the context, and with automatic
        deletion on, the sweep (as ``Deleter.remember``)."""
        if leaving is None:
            return
        chat_id, at = leaving.chat_id, leaving.at
        if minutes := await self.add_ids(chat_id, leaving.ids, at, leaving.context):
            await self.schedule(chat_id, at + minutes * 60)

    async def ids(self, chat_id: int) -> dict[int, float]:
        return await self._ids_since(chat_id, self.clock() - DELETABLE_FOR_S)

    async def promise(self, chat_id: int, ids: Iterable[int]) -> None:
        await self._add_members("promised", chat_id, list(ids))

    async def promised(self, chat_id: int) -> set[int]:
        return await self._members("promised", chat_id)

    async def mark_duplicate(self, chat_id: int, message_id: int) -> None:
        await self._add_members("dups", chat_id, [message_id])

    async def duplicates(self, chat_id: int) -> set[int]:
        return await self._members("dups", chat_id)

    async def drop_duplicates(self, chat_id: int, ids: Iterable[int]) -> None:
        await self._remove_members("dups", chat_id, list(ids))

    # -- automatic deletion ----------------------------------------------------------------
    async def set_auto(self, chat_id: int, minutes: int) -> None:
        if minutes:
            await self._put("auto", chat_id, str(minutes).encode())
        else:
            await self._delete(("auto", chat_id))

    async def auto(self, chat_id: int) -> int:
        return int(await self._get("auto", chat_id) or 0)

    async def schedule(self, chat_id: int, due_at: float) -> None:
        await self._set_due(chat_id, due_at, earlier_only=True)

    async def reschedule(self, chat_id: int, due_at: float) -> None:
        await self._set_due(chat_id, due_at, earlier_only=False)

    # -- what a person chose ---------------------------------------------------------------
    async def lang(self, user_id: int) -> str | None:
        value = await self._get("lang", user_id)
        return value.decode() if value else None

    async def set_lang(self, user_id: int, lang: str) -> None:
        await self._put("lang", user_id, lang.encode())

    async def context(self, chat_id: int) -> bytes | None:
        return await self._get("ctx", chat_id)

    async def set_context(self, chat_id: int, record: bytes, ttl_s: float = CONTEXT_TTL_S) -> None:
        await self._put("ctx", chat_id, check_context(record), check_ttl(ttl_s))

    async def clear_context(self, chat_id: int) -> None:
        await self._delete(("ctx", chat_id))

    async def forget(self, chat_id: int) -> None:
        await self._delete(("lang", chat_id), ("ctx", chat_id))

    async def tell_once(self, chat_id: int) -> bool:
        return await self._put("told", chat_id, b"1", only_new=True)
