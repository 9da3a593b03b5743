"""Keep answering when the shared state goes away.

``ResilientState`` puts a ``MemoryState`` of this process behind the primary backend (Redis).
When Redis does not answer, every call goes to the memory one instead, so people still get
answers and their message ids are still kept (by this replica). Reads of ids join both. A chat
that lost a write while Redis was away is remembered (``trouble``), and ``/slett`` says so
plainly: another replica may have sent messages this one never heard of. How a call fails over
is ``Failover`` (``bot.state.failover``); this module says which call goes which way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import cast

from bot.state.base import CONTEXT_TTL_S, Arrival
from bot.state.failover import Failover


class ResilientState(Failover):
    """``State``: ``primary`` while it answers, this process's memory while it does not.
    Writes that must not be lost locally (drops, unschedule, forget) go to both."""

    async def add_ids(
        self, chat_id: int, ids: Iterable[int], at: float | None = None,
        context: bytes | None = None,
    ) -> int:  # fmt: skip
        return int(await self._call("add_ids", chat_id, chat_id, list(ids), at, context))

    async def arrive(
        self, chat_id: int, user_id: int, ids: Iterable[int], at: float | None = None
    ) -> Arrival:
        return cast(Arrival, await self._call("arrive", chat_id, chat_id, user_id, list(ids), at))

    async def ids(self, chat_id: int) -> dict[int, float]:
        return cast(dict[int, float], await self._joined("ids", chat_id))

    async def drop_ids(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = list(ids)
        await self.fallback.drop_ids(chat_id, gone)
        await self._call("drop_ids", chat_id, chat_id, gone)

    async def promise(self, chat_id: int, ids: Iterable[int]) -> None:
        await self._call("promise", chat_id, chat_id, list(ids))

    async def promised(self, chat_id: int) -> set[int]:
        return cast(set[int], await self._joined("promised", chat_id))

    async def mark_duplicate(self, chat_id: int, message_id: int) -> None:
        await self._call("mark_duplicate", chat_id, chat_id, message_id)

    async def duplicates(self, chat_id: int) -> set[int]:
        return cast(set[int], await self._joined("duplicates", chat_id))

    async def drop_duplicates(self, chat_id: int, ids: Iterable[int]) -> None:
        gone = list(ids)
        await self.fallback.drop_duplicates(chat_id, gone)
        await self._call("drop_duplicates", chat_id, chat_id, gone)

    async def set_auto(self, chat_id: int, minutes: int) -> None:
        await self._call("set_auto", chat_id, chat_id, minutes)

    async def auto(self, chat_id: int) -> int:
        return int(await self._call("auto", None, chat_id))

    async def schedule(self, chat_id: int, due_at: float) -> None:
        await self._call("schedule", chat_id, chat_id, due_at)

    async def reschedule(self, chat_id: int, due_at: float) -> None:
        await self._call("reschedule", chat_id, chat_id, due_at)

    async def unschedule(self, chat_id: int) -> None:
        await self.fallback.unschedule(chat_id)
        await self._call("unschedule", None, chat_id)

    async def lang(self, user_id: int) -> str | None:
        return cast(str | None, await self._call("lang", None, user_id))

    async def set_lang(self, user_id: int, lang: str) -> None:
        await self._call("set_lang", None, user_id, lang)

    async def context(self, chat_id: int) -> bytes | None:
        return cast(bytes | None, await self._call("context", None, chat_id))

    async def set_context(self, chat_id: int, record: bytes, ttl_s: float = CONTEXT_TTL_S) -> None:
        await self._call("set_context", None, chat_id, record, ttl_s)

    async def clear_context(self, chat_id: int) -> None:
        await self.fallback.clear_context(chat_id)
        await self._call("clear_context", None, chat_id)

    async def forget(self, chat_id: int) -> None:
        await self.fallback.forget(chat_id)
        await self._call("forget", None, chat_id)

    async def tell_once(self, chat_id: int) -> bool:
        return bool(await self._call("tell_once", None, chat_id))

    async def enqueue(self, arrived: Sequence[tuple[str, int]]) -> None:
        await self._call("enqueue", None, arrived)
