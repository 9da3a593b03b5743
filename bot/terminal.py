"""``krisebot chat``: the same conversation as in Telegram, in a terminal. A thin shell.

Buttons become numbered choices (type the number). Commands: ``/start`` or ``/meny`` (the
menu), ``/lang nb|en``, ``/posisjon LAT LON`` (share a location), ``/slett`` (clear the
screen and forget the conversation), ``/glem`` (forget the language choice), ``/avslutt``.
Nothing is written to disk.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from bot.answers import Answerer
from bot.answers.actions import Action, decode
from bot.answers.context import EMPTY, Context, after
from bot.answers.reply import Button, Reply
from bot.text import t

CLEAR_SCREEN = "\033[2J\033[H"
QUIT = {"/avslutt", "/quit", "/exit", "q"}


@dataclass
class Terminal:
    answerer: Answerer
    lang: str
    write: Callable[[str], None]
    default_lang: str = "nb"
    buttons: list[Button] = field(default_factory=list)
    chosen: bool = False  # the person chose the language (/lang, the button)
    conversation: Context = EMPTY  # labels and a place, never text (see bot.answers.context)
    clock: Callable[[], float] = time.monotonic

    def run(self, lines: Iterable[str]) -> None:
        self.show(self.answerer.start(self.lang))
        for raw in lines:
            line = raw.strip()
            if line.lower() in QUIT:
                break
            self.handle(line)
        self.write(t(self.lang, "chat_bye"))

    def handle(self, line: str) -> None:
        if line.isdigit() and 1 <= int(line) <= len(self.buttons) and len(line) <= 2:
            self.press(self.buttons[int(line) - 1])
            return
        command, _, rest = line.partition(" ")
        action = self._commands().get(command.lower())
        if action:
            action(rest.strip())
            return
        before = self.conversation if self.conversation.fresh(self.clock()) else EMPTY
        reply = self.answerer.answer(line, self.lang, context=before, chosen=self.chosen)
        self.conversation = after(reply, before, self.clock())
        self.show(reply)

    def _commands(self) -> dict[str, Callable[[str], None]]:
        return {
            "/start": lambda _: self.show(self.answerer.start(self.lang)),
            "/meny": lambda _: self.show(self.answerer.start(self.lang)),
            "/menu": lambda _: self.show(self.answerer.start(self.lang)),
            "/hjelp": lambda _: self.show(self.answerer.help("overview", self.lang)),
            "/help": lambda _: self.show(self.answerer.help("overview", self.lang)),
            "/lang": self._set_lang,
            "/posisjon": self._location,
            "/location": self._location,
            "/slett": lambda _: self._forget(clear=True),
            "/glem": lambda _: self._forget(clear=False),
        }

    def press(self, button: Button) -> None:
        pressed = decode(button.data)
        action = pressed.action if pressed else None
        if button.url:
            self.write(button.url)
        elif action == Action.LANGUAGE:
            self._set_lang("en" if self.lang == "nb" else "nb")
        elif action == Action.DELETE:
            self._forget(clear=True)
        elif action == Action.AUTO_DELETE:
            self.write(t(self.lang, "chat_auto"))
        else:
            reply = self.answerer.press(pressed, self.lang)
            self.conversation = after(reply, self.conversation, self.clock())
            self.show(reply)

    def show(self, reply: Reply) -> None:
        self.buttons = [b for row in reply.buttons for b in row]
        lines = [reply.text]
        if reply.chart:
            lines += ["", t(self.lang, "chat_chart")]
        if self.buttons:
            lines.append("")
            lines += [f"  [{i}] {b.label}" for i, b in enumerate(self.buttons, start=1)]
            lines.append(t(self.lang, "chat_choose"))
        self.write("\n".join(lines) + "\n")

    def _set_lang(self, arg: str) -> None:
        self.lang = arg if arg in {"nb", "en"} else ("en" if self.lang == "nb" else "nb")
        self.chosen = True
        self.show(self.answerer.start(self.lang))

    def _location(self, arg: str) -> None:
        try:
            lat, lon = (float(x) for x in arg.replace(",", " ").split())
        except ValueError:
            self.show(self.answerer.find_prompt(self.lang))
            return
        self.show(self.answerer.location(lat, lon, self.lang))

    def _forget(self, clear: bool) -> None:
        self.buttons = []
        self.conversation = EMPTY
        if clear:
            self.write(CLEAR_SCREEN + t(self.lang, "chat_cleared"))
        else:
            self.lang = self.default_lang
            self.chosen = False
            self.write(t(self.lang, "chat_forgot"))
