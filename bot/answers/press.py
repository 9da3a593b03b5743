"""A pressed button -> the reply it asks for: one dispatch for Telegram and the terminal.

Every button is made and read by ``bot.answers.actions``; ``press`` answers the ones the core
answers (``Answerer.press`` is its entry point). The shell's own actions (language, deletion,
``actions.SHELL``) never come here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.answers.actions import Action, Pressed
from bot.answers.help import HELP_LINES, HELP_PAGE
from bot.answers.reply import Reply

if TYPE_CHECKING:
    from bot.answers.answerer import Answerer


def press(core: Answerer, pressed: Pressed | None, lang: str) -> Reply:
    """A button (``bot.answers.actions.decode``) -> the reply it asks for. The shell's own
    actions (language, deletion) never come here."""
    if pressed is None:
        return core.unknown(lang)
    action, arg = pressed.action, pressed.arg
    if action == Action.MUNICIPALITY:
        return core.municipality(arg, lang)
    if action == Action.CENTRE:
        return core.centre_card(arg, lang)
    if action == Action.NEARBY:
        return core.nearby(arg, lang)
    if action == Action.HELP and (arg in HELP_LINES or arg in HELP_PAGE):
        return core.help(arg, lang)
    if action in {Action.TOPIC, Action.TOPICS, Action.HELPLINE} and core.knowledge:
        return _knowledge_button(core, pressed, lang)
    if action == Action.STATS_TOPIC:
        return core.stats.topic(arg, pressed.year, lang)
    if action == Action.CHART:
        return core.stats.chart_reply(arg, pressed.year, lang, pressed.centre_ids)
    simple = {Action.NOT_MINE: core.find_prompt, Action.FIND: core.find_prompt,
              Action.EMERGENCY: core.emergency, Action.STATS: core.stats_overview,
              Action.MENU: core.start}  # fmt: skip
    handler = simple.get(action)
    return handler(lang) if handler else core.unknown(lang)


def _knowledge_button(core: Answerer, pressed: Pressed, lang: str) -> Reply:
    knowledge = core.knowledge
    assert knowledge is not None
    if pressed.action == Action.TOPIC:
        return knowledge.page(pressed.arg, pressed.page, lang)
    if pressed.action == Action.HELPLINE:
        return knowledge.helpline(pressed.arg, lang) or core.unknown(lang)
    return knowledge.index(lang)
