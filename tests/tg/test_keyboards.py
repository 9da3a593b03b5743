"""Inline keyboards as the Bot API's JSON: the same as python-telegram-bot's own markup."""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.answers import Answerer
from bot.answers.reply import Button, Reply
from bot.tg.keyboards import inline, with_inline


def ptb_markup(reply: Reply) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(b.label, url=b.url)
                if b.url
                else InlineKeyboardButton(b.label, callback_data=b.data)
                for b in row
            ]
            for row in reply.buttons
        ]
    )


def test_the_inline_keyboard_is_what_python_telegram_bot_sends(answerer: Answerer) -> None:
    asked = ["Bærum", "4950", "hva skjer på et krisesenter?", "statistikk", "zzqx", "Herøy"]
    replies = [answerer.answer(q, lang) for q in asked for lang in ("nb", "en")]
    replies += [answerer.start("nb"), answerer.start("en")]
    website = Button("Nettside", url="https://example.org/krisesenter?a=1&b=2")
    replies.append(Reply("centre", "x", "nb", buttons=((website, Button("Mer", data="m:1")),)))
    with_buttons = [r for r in replies if r.buttons]
    kinds = {k for r in with_buttons for row in r.buttons for b in row for k in ("url", "data")
             if getattr(b, k)}  # fmt: skip
    assert len(with_buttons) >= 8 and kinds == {"url", "data"}
    for reply in with_buttons:
        assert inline(reply) == ptb_markup(reply).to_dict()
        assert with_inline(reply) == {"reply_markup": inline(reply)}


def test_a_reply_without_buttons_sends_no_markup() -> None:
    reply = Reply("help", "<b>116 006</b>", "nb")
    assert not reply.buttons
    assert inline(reply) is None
    assert with_inline(reply) == {}
