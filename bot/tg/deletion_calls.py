"""The Bot API's deletions and what they did: ``delete_ids`` (in chunks of ``CHUNK``, a refused
chunk tried one by one), its ``Outcome``, and the ``Report`` the person reads after ``/slett``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from telegram.error import BadRequest, Forbidden, TelegramError

from bot.text import t

log = logging.getLogger(__name__)
CHUNK = 100


@dataclass
class Outcome:
    """What happened to a set of ids."""

    deleted: list[int] = field(default_factory=list)
    refused: list[int] = field(default_factory=list)
    failed: list[int] = field(default_factory=list)

    def add(self, other: Outcome) -> None:
        self.deleted += other.deleted
        self.refused += other.refused
        self.failed += other.failed


@dataclass(frozen=True)
class Report:
    """What a deletion did, for the person."""

    deleted: int
    refused: int
    failed: int
    maybe_copy: bool
    incomplete: bool

    @property
    def clean(self) -> bool:
        """Nothing for the person to do."""
        return not (self.refused or self.failed or self.maybe_copy or self.incomplete)

    def text(self, lang: str) -> str:
        nothing = not (self.deleted or self.refused or self.failed)
        key = "deleted_none" if nothing else "deleted_one" if self.deleted == 1 else "deleted_n"
        lines = [t(lang, key, n=self.deleted)]
        if self.refused:
            lines.append(t(lang, "delete_refused", n=self.refused))
        if self.failed:
            lines.append(t(lang, "delete_failed", n=self.failed))
        if self.maybe_copy:
            lines.append(t(lang, "delete_maybe_copy"))
        if self.incomplete:
            lines.append(t(lang, "delete_incomplete"))
        return "\n\n".join(lines)


async def delete_ids(bot: Any, chat_id: int, ids: Sequence[int]) -> Outcome:
    """Delete in chunks of 100; a refused chunk is tried one by one to find the culprits."""
    out = Outcome()
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        try:
            await bot.delete_messages(chat_id, chunk)
            out.deleted += chunk
        except (BadRequest, Forbidden):
            for message_id in chunk:
                out.add(await _delete_one(bot, chat_id, message_id))
        except TelegramError as error:
            log.warning("deleting messages failed (%s); will retry", type(error).__name__)
            out.failed += chunk
    return out


async def _delete_one(bot: Any, chat_id: int, message_id: int) -> Outcome:
    try:
        await bot.delete_message(chat_id, message_id)
    except BadRequest as error:
        if "not found" in error.message.lower():
            return Outcome(deleted=[message_id])
        return Outcome(refused=[message_id])
    except Forbidden:
        return Outcome(refused=[message_id])
    except TelegramError:
        return Outcome(failed=[message_id])
    return Outcome(deleted=[message_id])
