"""Deletion that keeps its word: ``/slett``, automatic deletion, and their honest reports.

* A message id leaves the state only when its deletion succeeded or Telegram said it can no
  longer be deleted (400/403 on ``deleteMessage``). "Not found" counts as deleted: the message
  is no longer there. Any other failure (5xx, a timeout, a reset) keeps the id, and the chat is
  swept again ``RETRY_S`` later until it is done or 48 hours have passed.
* ``/slett`` promises every id it knows; the promise is kept in the state, so a restart or
  another replica finishes it. Its reply says how many were deleted, how many Telegram refused
  (delete those in the app), how many will be retried, and where it cannot be sure.
* Automatic deletion is a schedule in the state (a due time per chat), swept by whichever
  replica holds the sweep lock, starting right after a start-up.
* A reply sent twice after a lost acknowledgement (marked by ``bot.tg.resent``): only the
  second copy's id is known. The Bot API documents a message id only as "unique inside this
  chat", not how ids are numbered, so we cannot know the first copy's id. When the known copy
  is deleted we also ask ``deleteMessages`` for the ids just below it (at most ``GAP_IDS``,
  never below the chat's previous known id; ``deleteMessages`` skips ids it cannot find, and it
  acts only inside this chat, whose messages the person asked to delete), and the report says
  plainly that a copy may be left, because Telegram does not tell us whether it found one.

The calls themselves and the report's wording: ``bot.tg.deletion_calls``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, cast

from telegram.error import TelegramError

from bot.state import Arrival, Arriving, Leaving, State
from bot.text import t
from bot.tg.deletion_calls import Outcome, Report, delete_ids
from bot.tg.metrics import Metrics
from bot.tg.ordering import held

log = logging.getLogger(__name__)
#: How soon a failed deletion is tried again.
RETRY_S = 60.0
#: How many ids below a resent reply are deleted in case they are its first copy.
GAP_IDS = 100


class Deleter:
    """Remembers ids, deletes them on request or on schedule, and reports truthfully."""

    def __init__(
        self,
        state: State,
        metrics: Metrics | None = None,
        clock: Callable[[], float] | None = None,
        confirm_after_s: float = 5.0,
        retry_s: float = RETRY_S,
    ) -> None:
        self.state = state
        self.metrics = metrics or Metrics()
        self.clock: Callable[[], float] = clock or cast(
            Callable[[], float], getattr(state, "clock", time.time)
        )
        self.confirm_after_s = confirm_after_s
        self.retry_s = retry_s

    async def remember(
        self, chat_id: int, ids: Iterable[int], conversation: bytes | None = None
    ) -> None:
        """Keep ids a later deletion needs (and the chat's new ``conversation`` context, in the
        same write); with automatic deletion on, schedule it. Within the chat's turn (an
        update being answered, ``ordering.held``) the write goes with the turn's release, in
        the same round trip; a write already waiting there is done now, so writes keep their
        order."""
        leaving: Leaving | None = Leaving(chat_id, tuple(ids), self.clock(), conversation)
        if (turn := held(chat_id)) is not None:
            leaving, turn.leaving = turn.leaving, leaving
        if leaving is None:
            return
        minutes = await self.state.add_ids(chat_id, leaving.ids, leaving.at, leaving.context)
        if minutes:
            await self.state.schedule(chat_id, leaving.at + minutes * 60)

    async def arrive(self, coming: Arriving, arrival: Arrival | None = None) -> Arrival:
        """An update arrived: keep its message ids before any reply is tried, and read what
        answering it needs (``State.arrive``; ``arrival`` if its turn already did, see
        ``State.turn``); with automatic deletion on, schedule it."""
        now = self.clock()
        if arrival is None:
            arrival = await self.state.arrive(coming.chat_id, coming.user_id, coming.ids, now)
        if arrival.auto and coming.ids:
            await self.state.schedule(coming.chat_id, now + arrival.auto * 60)
        return arrival

    async def delete_all(self, bot: Any, chat_id: int) -> Report:
        """``/slett``: every id this chat has; what fails is promised and retried."""
        known = await self.state.ids(chat_id)
        await self.state.promise(chat_id, known)
        await self._drop_stale_promises(chat_id, known)
        return await self._delete(bot, chat_id, set(known), known)

    async def _drop_stale_promises(self, chat_id: int, known: dict[int, float]) -> None:
        """Promised ids past the deletion window: Telegram no longer deletes them."""
        stale = await self.state.promised(chat_id) - set(known)
        if stale:
            await self.state.drop_ids(chat_id, stale)

    async def confirm(self, chat_id: int, message_id: int, after_s: float | None = None) -> None:
        """The confirmation itself is deleted ``after_s`` (``confirm_after_s``) later, by the
        sweeper of whichever replica is up."""
        await self.state.add_ids(chat_id, [message_id], self.clock())
        await self.state.promise(chat_id, [message_id])
        delay = self.confirm_after_s if after_s is None else after_s
        await self.state.schedule(chat_id, self.clock() + delay)

    async def set_auto(self, chat_id: int, minutes: int) -> None:
        await self.state.set_auto(chat_id, minutes)
        if minutes:
            await self._reschedule(chat_id, Outcome())

    async def sweep(self, bot: Any) -> None:
        """Every due chat: its promised ids, and with automatic deletion its old ones."""
        async with self.state.sweep_lock() as mine:
            if not mine:
                return
            purge = getattr(self.state, "purge", None)
            if callable(purge):
                purge()
            for chat_id in await self.state.due(self.clock()):
                await self._sweep_chat(bot, chat_id)

    async def _sweep_chat(self, bot: Any, chat_id: int) -> None:
        known, minutes = await self.state.ids(chat_id), await self.state.auto(chat_id)
        cutoff = self.clock() - minutes * 60
        old = {mid for mid, at in known.items() if minutes and at <= cutoff}
        await self._drop_stale_promises(chat_id, known)
        targets = old | (await self.state.promised(chat_id) & set(known))
        if targets:
            report = await self._delete(bot, chat_id, targets, known)
            if report.refused and minutes:
                await self._tell_refused(bot, chat_id, report)
        else:
            await self._reschedule(chat_id, Outcome())

    async def _delete(
        self, bot: Any, chat_id: int, targets: set[int], known: dict[int, float]
    ) -> Report:
        out = await delete_ids(bot, chat_id, sorted(targets))
        copies = await self.state.duplicates(chat_id) & set(out.deleted)
        if copies:
            await delete_ids(bot, chat_id, _gaps(copies, known))
            await self.state.drop_duplicates(chat_id, copies)
        await self.state.drop_ids(chat_id, [*out.deleted, *out.refused])
        await self._reschedule(chat_id, out)
        self._count(out)
        trouble = getattr(self.state, "trouble", None)
        incomplete = bool(trouble(chat_id)) if callable(trouble) else False
        return Report(len(out.deleted), len(out.refused), len(out.failed), bool(copies),
                      incomplete)  # fmt: skip

    async def _reschedule(self, chat_id: int, out: Outcome) -> None:
        now = self.clock()
        if out.failed:
            await self.state.reschedule(chat_id, now + self.retry_s)
            return
        known, minutes = await self.state.ids(chat_id), await self.state.auto(chat_id)
        pending = await self.state.promised(chat_id) & set(known)
        if pending:
            await self.state.reschedule(chat_id, now + self.confirm_after_s)
        elif minutes and known:
            await self.state.reschedule(chat_id, min(known.values()) + minutes * 60)
        else:
            await self.state.unschedule(chat_id)

    async def _tell_refused(self, bot: Any, chat_id: int, report: Report) -> None:
        """Automatic deletion says only what it could not do, silently (no notification)."""
        lang = await self.state.lang(chat_id) or "nb"
        text = t(lang, "auto_refused", n=report.refused)
        try:
            sent = await bot.send_message(chat_id, text, disable_notification=True)
        except TelegramError as error:
            log.warning("could not report a refused deletion: %s", type(error).__name__)
            return
        await self.remember(chat_id, [sent.message_id])

    def _count(self, out: Outcome) -> None:
        for outcome, ids in (("deleted", out.deleted), ("refused", out.refused),
                             ("failed", out.failed)):  # fmt: skip
            if ids:
                self.metrics.deletions.labels(outcome).inc(len(ids))


def _gaps(copies: set[int], known: dict[int, float]) -> list[int]:
    """For each resent reply, the ids just below it and above the chat's previous known id."""
    ids: set[int] = set()
    for copy in copies:
        below = [mid for mid in known if mid < copy]
        floor = max(below) if below else 0
        ids.update(range(max(floor + 1, copy - GAP_IDS), copy))
    return sorted(ids)
