"""Replies -> Telegram markup: inline buttons, and the reply keyboard with a location button."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup

from bot.answers.reply import Reply
from bot.text import t


def inline(reply: Reply) -> InlineKeyboardMarkup | None:
    if not reply.buttons:
        return None
    rows = [
        [
            InlineKeyboardButton(b.label, url=b.url)
            if b.url
            else InlineKeyboardButton(b.label, callback_data=b.data)
            for b in row
        ]
        for row in reply.buttons
    ]
    return InlineKeyboardMarkup(rows)


def location(lang: str) -> ReplyKeyboardMarkup:
    """A reply keyboard whose button shares the position instead of typing a place."""
    return ReplyKeyboardMarkup(
        [[KeyboardButton(t(lang, "btn_location"), request_location=True)]],
        resize_keyboard=True,
        is_persistent=False,
        input_field_placeholder=t(lang, "input_placeholder"),
    )
