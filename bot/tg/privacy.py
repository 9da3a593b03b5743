"""Privacy: logs that never carry a token, message text, ids or locations.

* ``configure_logging`` installs ``RedactingFilter`` on the handler that writes the logs, and
  sets the ``httpx``, ``httpcore``, ``telegram`` and ``apscheduler`` loggers to WARNING (at
  DEBUG they log URLs with the token and whole updates).

The message ids ``/slett`` needs live in ``bot.state`` (memory or Redis, each with a TTL).
"""

from __future__ import annotations

import logging
import re
import sys
from typing import Final

TOKEN_PATTERN: Final = re.compile(r"\d+:[A-Za-z0-9_-]{30,}")
#: Traces of Telegram updates or payloads: such a record is replaced as a whole.
_UPDATE_TRACES: Final = re.compile(
    r"update_id|Update\(|\"message\"\s*:|'message'\s*:|\"text\"\s*:|'text'\s*:|"
    r"\"chat\"\s*:|'chat'\s*:|\"location\"\s*:|'location'\s*:|Message\(|User\(|Chat\("
)
NOISY_LOGGERS: Final = ("httpx", "httpcore", "telegram", "apscheduler", "tornado", "asyncio")


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
