"""Every button the bot shows: an ``Action`` and its arguments, and the one codec between them
and Telegram's callback data (at most 64 bytes).

``encode`` is the only place callback data is made and ``decode`` the only place it is read,
by Telegram and by the terminal alike. A new button: add an ``Action``, give it a reply in
``bot.answers.answerer.Answerer.press`` (or, for what the shell does itself, in ``SHELL``).
The wire format is ``code[:arg[:arg]]``; it never changes meaning for a code in use, since
buttons stay in old chats.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

MAX_BYTES: Final = 64  # Telegram's limit for callback data


class Action(StrEnum):
    """What a button asks for; the value is its code on the wire."""

    MUNICIPALITY = "m"  # a municipality's centres (arg: number)
    CENTRE = "c"  # a centre's card (arg: centre id)
    NEARBY = "n"  # the nearest centres to a municipality (arg: number)
    HELP = "h"  # a help topic (arg: topic)
    STATS_TOPIC = "st"  # a statistics topic (args: topic, [year])
    CHART = "ch"  # a statistics topic as a chart (args: topic, [year], [centre ids, ","])
    STATS = "s"  # the statistics menu
    FIND = "f"  # "find a centre": ask where
    NOT_MINE = "x"  # "not my municipality": ask where again
    EMERGENCY = "e"  # the emergency numbers
    MENU = "mn"  # the start menu
    TOPIC = "k"  # a knowledge topic's page (args: topic, page from 0)
    TOPICS = "kk"  # every knowledge topic ("Spørsmål og svar")
    HELPLINE = "hl"  # one help line (arg: helpline id)
    LANGUAGE = "lang"  # switch language (the shell)
    DELETE = "slett"  # delete the conversation (the shell)
    AUTO_DELETE = "auto"  # delete automatically after N minutes, 0 = off (the shell)


#: Actions the shells carry out themselves (they touch the chat, not the answers).
SHELL: Final = frozenset({Action.LANGUAGE, Action.DELETE, Action.AUTO_DELETE})
#: Actions after which the shell offers to share a location.
ASKS_WHERE: Final = frozenset({Action.FIND, Action.NOT_MINE})


@dataclass(frozen=True)
class Pressed:
    """A decoded button: its action and arguments (as text, as they travel)."""

    action: Action
    args: tuple[str, ...] = ()

    @property
    def arg(self) -> str:
        return self.args[0] if self.args else ""

    @property
    def page(self) -> int:
        """The second argument as a page number (knowledge topic pages), 0 when absent."""
        text = self.args[1] if len(self.args) > 1 else ""
        return int(text) if text.isdigit() else 0

    @property
    def year(self) -> int | None:
        """The second argument as a year (statistics buttons), if there is one."""
        text = self.args[1] if len(self.args) > 1 else ""
        return int(text) if text.isdigit() else None

    @property
    def centre_ids(self) -> tuple[str, ...]:
        """The third argument as the centres a chart is about (comma-separated), if any."""
        text = self.args[2] if len(self.args) > 2 else ""
        return tuple(c for c in text.split(",") if c)


def encode(action: Action, *args: str | int) -> str:
    """Callback data for a button; raises ``ValueError`` past Telegram's 64 bytes."""
    data = ":".join([action.value, *(str(a) for a in args)])
    if len(data.encode()) > MAX_BYTES:
        raise ValueError(f"callback data over {MAX_BYTES} bytes: {action.name}")
    return data


def decode(data: str) -> Pressed | None:
    """Callback data -> what was pressed; ``None`` for data this bot never made."""
    code, _, rest = data.partition(":")
    try:
        action = Action(code)
    except ValueError:
        return None
    if not rest:
        return Pressed(action)
    if action in {Action.STATS_TOPIC, Action.CHART}:
        return Pressed(action, tuple(rest.split(":", 2)))  # topic, year, centre ids
    if action == Action.TOPIC:
        return Pressed(action, tuple(rest.split(":", 1)))  # topic, page
    return Pressed(action, (rest,))
