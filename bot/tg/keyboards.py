"""Replies -> Telegram markup: inline buttons, and the reply keyboard with a location button.

A reply's inline keyboard is written as the Bot API's JSON (``InlineKeyboardMarkup``: rows of
buttons, each ``text`` with ``url`` or ``callback_data``) and sent through python-telegram-bot's
``api_kwargs``: building its objects and turning them back into JSON cost ~0.2 ms of CPU per
reply (about 8 % of the bot's CPU per update in ``bench/bench_load.py``), this ~5 us. The JSON
is the same as python-telegram-bot's ``InlineKeyboardMarkup.to_dict()`` (tested).
"""

from __future__ import annotations

from typing import Any

from telegram import KeyboardButton, ReplyKeyboardMarkup

from bot.answers.reply import Button, Reply
from bot.text import t

JSONDict = dict[str, Any]


def inline(reply: Reply) -> JSONDict | None:
    """The reply's buttons as the Bot API's ``InlineKeyboardMarkup`` (None without buttons)."""
    if not reply.buttons:
        return None
    return {"inline_keyboard": [[_button(b) for b in row] for row in reply.buttons]}


def with_inline(reply: Reply) -> JSONDict:
    """``api_kwargs`` that attach the reply's inline keyboard (if any) to a send or an edit."""
    markup = inline(reply)
    return {"reply_markup": markup} if markup else {}


def _button(button: Button) -> JSONDict:
    if button.url:
        return {"text": button.label, "url": button.url}
    return {"text": button.label, "callback_data": button.data}


def location(lang: str) -> ReplyKeyboardMarkup:
    """A reply keyboard whose button shares the position instead of typing a place."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t(lang, "btn_location"), request_location=True)]],
        resize_keyboard=True,
        is_persistent=False,
        input_field_placeholder=t(lang, "input_placeholder"),
    )
