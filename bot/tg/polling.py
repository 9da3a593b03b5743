"""Long polling that confirms only what the bot can answer soon, and cannot silently die.

Telegram confirms an update when the next ``getUpdates`` asks for a higher offset. So the
poller asks for more only when ``Intake`` has room (``limit`` = the room), and a crash (SIGKILL)
loses at most the accepted, unanswered updates: ``MAX_IN_FLIGHT`` (128), or up to
``MAX_ACCEPTED`` (512) when one chat floods. A graceful stop answers what was accepted, then
confirms only the answered prefix, so the next start gets the rest again.

Failures of ``getUpdates`` are retried with back-off (0.5 s doubling, at most 30 s): network
errors, 5xx, 409 (a webhook or another instance), 429 (waited out as told), and 401/404 too,
since Telegram answers those briefly during its own trouble. Only a refusal that lasts
``TOKEN_REFUSED_FOR_S`` ends polling with ``TokenRevoked``: the process then exits non-zero
with the fixed message, so a supervisor restarts it, and the health check fails meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from telegram import Update
from telegram.error import Conflict, InvalidToken, RetryAfter, TelegramError
from telegram.ext import Application

from bot.tg.intake import Intake
from bot.tg.liveness import Liveness
from bot.tg.ordering import OrderedIntake

log = logging.getLogger(__name__)

#: Seconds a long poll waits for updates (Telegram answers at once when there are some).
POLL_TIMEOUT_S = 10
#: A token refused (401/404) continuously for this long counts as revoked.
TOKEN_REFUSED_FOR_S = 120.0
MAX_POLL_BACKOFF_S = 30.0
#: Telegram's maximum batch.
MAX_BATCH = 100

AnyApp = Application[Any, Any, Any, Any, Any, Any]


class TokenRevoked(Exception):
    """Telegram kept refusing the token while the bot was running."""


class Poller:
    """Fetch updates into ``app.update_queue`` while ``intake`` has room."""

    def __init__(
        self,
        app: AnyApp,
        intake: Intake,
        liveness: Liveness,
        allowed_updates: list[str],
        timeout: int = POLL_TIMEOUT_S,
        token_refused_for_s: float = TOKEN_REFUSED_FOR_S,
    ) -> None:
        self.app = app
        self.intake = intake
        self.liveness = liveness
        self.allowed_updates = allowed_updates
        self.timeout = timeout
        self.token_refused_for_s = token_refused_for_s
        self.offset = 0  # the next update id we want
        self.confirmed = 0  # the highest offset Telegram was sent: everything below is gone

    async def run(self) -> None:
        """Poll until cancelled; raise ``TokenRevoked`` when the token stays refused."""
        self.liveness.mode = "polling"
        attempt = 0
        while True:
            await self.intake.wait_for_room()
            try:
                updates = await self._fetch(min(MAX_BATCH, self.intake.room()), self.timeout)
            except RetryAfter as error:
                await self._wait_as_told(error)
                continue
            except TelegramError as error:
                self._failed(error)
                await asyncio.sleep(min(0.5 * 2**attempt, MAX_POLL_BACKOFF_S))
                attempt += 1
                continue
            attempt = 0
            self.liveness.contact()
            await self._accept(updates)

    async def confirm_answered(self, unanswered: set[int]) -> None:
        """On a graceful stop: tell Telegram which updates are done, never the ``unanswered``
        (taken before they were cancelled), so that the next start gets those again."""
        unfinished = [i for i in unanswered if i >= self.confirmed]
        offset = min(unfinished) if unfinished else self.offset
        lost = sum(1 for i in unanswered if i < self.confirmed)
        if lost:
            log.warning("stopping with %d confirmed updates unanswered", lost)
        if offset <= self.confirmed:
            return
        try:
            await self.app.bot.get_updates(offset=offset, limit=1, timeout=0)
            self.confirmed = offset
        except TelegramError as error:
            log.warning("could not confirm the answered updates (%s)", type(error).__name__)

    async def _fetch(self, limit: int, timeout: int) -> tuple[Update, ...]:
        offset = self.offset
        updates = await self.app.bot.get_updates(
            offset=offset or None, limit=limit, timeout=timeout,
            allowed_updates=self.allowed_updates,
        )  # fmt: skip
        self.confirmed = max(self.confirmed, offset)
        return tuple(updates)

    async def _accept(self, updates: tuple[Update, ...]) -> None:
        taken: list[object] = []
        for update in updates:
            if update.update_id < self.offset:
                continue  # already taken
            self.intake.take(update)
            self.offset = update.update_id + 1
            self.liveness.received += 1
            taken.append(update)
        queue = self.app.update_queue
        if isinstance(queue, OrderedIntake):
            await queue.put_all(taken)  # the batch entered in the state at once
        else:
            for item in taken:
                await queue.put(item)

    async def _wait_as_told(self, error: RetryAfter) -> None:
        wait = error.retry_after
        seconds = wait if isinstance(wait, int | float) else wait.total_seconds()
        log.warning("getUpdates: Telegram asks to wait %.0f s; waiting", seconds)
        await asyncio.sleep(seconds)

    def _failed(self, error: TelegramError) -> None:
        refused = isinstance(error, InvalidToken)
        self.liveness.failed(token_refused=refused)
        since = self.liveness.token_refused_since
        if refused and since is not None and time.monotonic() - since >= self.token_refused_for_s:
            raise TokenRevoked from None
        what = "token refused" if refused else type(error).__name__
        if isinstance(error, Conflict):
            what = "conflict: a webhook or another instance uses this token"
        log.warning("getUpdates failed (%s); retrying", what)
