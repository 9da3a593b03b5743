"""How many updates may still be taken in: a bounded backlog, and fair between chats.

``Intake`` counts the updates accepted from Telegram and not yet answered, so that polling and
the webhook accept more only when there is room (``MAX_IN_FLIGHT``; a crash can lose at most
those). A chat's updates beyond ``PER_CHAT_SHARE`` count once more only towards the hard cap
``MAX_ACCEPTED``: one person's flood never stops the bot from taking in other people's messages.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from telegram import Update

#: Updates accepted from Telegram but not yet answered (each chat counts at most PER_CHAT_SHARE).
MAX_IN_FLIGHT = 128
PER_CHAT_SHARE = 8
#: Hard cap on accepted, unanswered updates, floods included.
MAX_ACCEPTED = 512


ChatKey = tuple[str, int]


def chat_key(update: object) -> ChatKey | None:
    """The chat an update belongs to (inline queries: the user); ``None`` for neither."""
    if not isinstance(update, Update):
        return None
    if update.effective_chat is not None:
        return ("chat", update.effective_chat.id)
    user = update.effective_user
    return ("user", user.id) if user is not None else None


def key_or_own(update: object) -> ChatKey:
    key = chat_key(update)
    if key is not None:
        return key
    return ("update", update.update_id if isinstance(update, Update) else id(update))


@dataclass
class Intake:
    """Accepted-but-unanswered updates: what polling and the webhook may still take in."""

    max_in_flight: int = MAX_IN_FLIGHT
    per_chat_share: int = PER_CHAT_SHARE
    max_accepted: int = MAX_ACCEPTED
    total: int = 0
    counted: int = 0  # the total with each chat capped at per_chat_share
    per_chat: dict[ChatKey, int] = field(default_factory=dict)
    unfinished: set[int] = field(default_factory=set)
    _changed: asyncio.Event = field(default_factory=asyncio.Event)

    def room(self) -> int:
        return max(0, min(self.max_in_flight - self.counted, self.max_accepted - self.total))

    def take(self, update: object) -> None:
        key = key_or_own(update)
        held = self.per_chat.get(key, 0)
        self.per_chat[key] = held + 1
        self.total += 1
        self.counted += held < self.per_chat_share
        if isinstance(update, Update):
            self.unfinished.add(update.update_id)

    def done(self, update: object) -> None:
        key = key_or_own(update)
        held = self.per_chat.pop(key, 0)
        if held == 0:
            return  # never taken (a test feeding the processor directly)
        if held > 1:
            self.per_chat[key] = held - 1
        self.total -= 1
        self.counted -= held <= self.per_chat_share
        if isinstance(update, Update):
            self.unfinished.discard(update.update_id)
        self._changed.set()

    async def wait_for_room(self) -> None:
        """Until at least one more update may be accepted."""
        while not self.room():
            self._changed.clear()
            await self._changed.wait()

    async def drained(self, timeout: float) -> bool:
        """Until every accepted update is answered (True), or ``timeout`` passed (False)."""
        try:
            async with asyncio.timeout(timeout):
                while self.total:
                    self._changed.clear()
                    await self._changed.wait()
        except TimeoutError:
            return False
        return True
