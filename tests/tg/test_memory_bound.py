"""Memory stops growing with the number of people who ever wrote: after the TTLs the state is
(near) empty, and python-telegram-bot keeps no per-user or per-chat data of its own."""

from __future__ import annotations

from bot.answers.actions import Action, encode
from bot.state import MAX_TTL_S, MemoryState
from tests.tg.conftest import Harness


async def test_fifty_thousand_chats_through_the_app_then_past_the_ttls(harness: Harness) -> None:
    """Each of 50 000 people writes once (every tenth also chooses a language): the state
    grows with them while their messages may still be deleted, then expires to nothing."""
    chats = 50_000
    for chat in range(1, chats + 1):
        await harness.feed(harness.api.user_message("/start", chat_id=chat))
        if chat % 10 == 0:
            await harness.feed(
                harness.api.callback(encode(Action.LANGUAGE), message_id=10_000, chat_id=chat)
            )
    assert await harness.state.key_count() >= chats + chats // 10  # ids; a tenth: a language
    assert not harness.app.user_data and not harness.app.chat_data
    harness.clock.advance(MAX_TTL_S + 1)
    assert await harness.state.key_count() == 0


async def test_fifty_thousand_chats_then_past_the_ttls() -> None:
    now = [1_000_000.0]
    state = MemoryState(clock=lambda: now[0])
    for chat in range(50_000):
        await state.add_ids(chat, [1, 2, 3])
        await state.set_lang(chat, "en")
        await state.set_context(chat, b'{"m": "3201"}')
        if chat % 10 == 0:
            await state.set_auto(chat, 15)
            await state.schedule(chat, now[0] + 900)
    now[0] += MAX_TTL_S + 1
    assert await state.key_count() == 0
    assert await state.due(now[0]) == []
