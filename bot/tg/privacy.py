"""Privacy: logs that never carry a token, message text, ids or locations, and message ids
kept in memory only, with an expiry.

* ``configure_logging`` installs ``RedactingFilter`` on the handler that writes the logs, and
  sets the ``httpx``, ``httpcore``, ``telegram`` and ``apscheduler`` loggers to WARNING (at
  DEBUG they log URLs with the token and whole updates).
* ``MessageLog`` remembers which messages of a private chat the bot may delete (its own and
  the user's, younger than 48 hours; Bot API ``deleteMessage``). Nothing is written to disk.
"""

from __future__ import annotations

import logging
import re
import sys
import time
from collections import deque
from collections.abc import Callable
from typing import Final

TOKEN_PATTERN: Final = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")
#: Traces of Telegram updates or payloads: such a record is replaced as a whole.
_UPDATE_TRACES: Final = re.compile(
    r"update_id|Update\(|\"message\"\s*:|'message'\s*:|\"text\"\s*:|'text'\s*:|"
    r"\"chat\"\s*:|'chat'\s*:|\"location\"\s*:|'location'\s*:|Message\(|User\(|Chat\("
)
NOISY_LOGGERS: Final = ("httpx", "httpcore", "telegram", "apscheduler", "tornado", "asyncio")
#: The Bot API lets a bot delete messages younger than 48 hours; keep a margin.
DELETABLE_FOR_S: Final = 48 * 3600 - 600


def redact(text: str) -> str:
    """The text without tokens; a trace of an update body becomes a fixed note."""
    text = TOKEN_PATTERN.sub("<token>", text)
    if _UPDATE_TRACES.search(text):
        return "[message with update content dropped]"
    return text


class RedactingFilter(logging.Filter):
    """Formats each record, redacts it, and drops exception text that could carry content."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string must not break logging
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        if record.exc_info and record.exc_info[0] is not None:
            exc_type = record.exc_info[0].__name__
            record.msg = f"{record.msg} [{exc_type}]"
            record.exc_info = None
            record.exc_text = None
        record.stack_info = None
        return True


def configure_logging(level: str = "WARNING", stream: object = None) -> logging.Handler:
    """One redacting handler on the root logger; the chatty libraries at WARNING."""
    handler = logging.StreamHandler(stream or sys.stderr)  # type: ignore[arg-type]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


class MessageLog:
    """Message ids per private chat, in memory, each forgotten after ``ttl_s`` seconds."""

    def __init__(
        self,
        ttl_s: float = DELETABLE_FOR_S,
        per_chat: int = 500,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_s = ttl_s
        self.per_chat = per_chat
        self.clock = clock
        self._chats: dict[int, deque[tuple[float, int]]] = {}

    def add(self, chat_id: int, message_id: int) -> None:
        entries = self._chats.setdefault(chat_id, deque(maxlen=self.per_chat))
        entries.append((self.clock(), message_id))

    def _fresh(self, chat_id: int) -> deque[tuple[float, int]]:
        entries = self._chats.get(chat_id, deque())
        cutoff = self.clock() - self.ttl_s
        while entries and entries[0][0] < cutoff:
            entries.popleft()
        if not entries:
            self._chats.pop(chat_id, None)
        return entries

    def ids(self, chat_id: int) -> list[int]:
        return [mid for _, mid in self._fresh(chat_id)]

    def take(self, chat_id: int) -> list[int]:
        """Every deletable id of the chat; the chat is forgotten."""
        ids = self.ids(chat_id)
        self._chats.pop(chat_id, None)
        return ids

    def take_older_than(self, chat_id: int, age_s: float) -> list[int]:
        entries = self._fresh(chat_id)
        cutoff = self.clock() - age_s
        old = [mid for at, mid in entries if at <= cutoff]
        while entries and entries[0][0] <= cutoff:
            entries.popleft()
        return old

    def forget(self, chat_id: int) -> None:
        self._chats.pop(chat_id, None)

    def sweep(self) -> None:
        """Drop expired ids of every chat (run now and then by the JobQueue)."""
        for chat_id in list(self._chats):
            self._fresh(chat_id)

    def __len__(self) -> int:
        return sum(len(v) for v in self._chats.values())
