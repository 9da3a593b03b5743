"""The aiohttp transport's wire format: one JSON body per call, multipart only for uploads."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from aiohttp import web
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup

from bot.tg.transport import AiohttpRequest
from tests.support.fake_telegram import TOKEN

SENT = {"message_id": 7, "date": 0, "chat": {"id": 5, "type": "private"}}


@pytest.fixture
async def received() -> AsyncIterator[tuple[str, list[tuple[str, bytes]]]]:
    """A local Bot API that records each request's content type and body."""
    seen: list[tuple[str, bytes]] = []

    async def answer(request: web.Request) -> web.Response:
        seen.append((request.content_type, await request.read()))
        return web.json_response({"ok": True, "result": SENT})

    app = web.Application()
    app.router.add_post("/{path:.*}", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    try:
        yield f"http://127.0.0.1:{port}/bot", seen
    finally:
        await runner.cleanup()


async def bot_on(base_url: str) -> Bot:
    request = AiohttpRequest()
    await request.initialize()
    return Bot(TOKEN, base_url=base_url, request=request)


async def test_a_message_goes_as_one_json_object(received: Any) -> None:
    base_url, seen = received
    bot = await bot_on(base_url)
    markup = InlineKeyboardMarkup([[InlineKeyboardButton("Ring 116 006", callback_data="x:1")]])
    try:
        sent = await bot.send_message(5, "Bærum & <b>Sandvika</b> 😊", reply_markup=markup)
    finally:
        await bot.request.shutdown()
    assert sent.message_id == 7
    [(content_type, body)] = seen
    assert content_type == "application/json"
    assert json.loads(body) == {
        "chat_id": 5,
        "text": "Bærum & <b>Sandvika</b> 😊",
        "reply_markup": {"inline_keyboard": [[{"text": "Ring 116 006", "callback_data": "x:1"}]]},
    }


async def test_an_upload_stays_multipart(received: Any) -> None:
    base_url, seen = received
    bot = await bot_on(base_url)
    try:
        await bot.send_photo(5, b"\x89PNG not really", caption="Tall <b>2024</b>")
    finally:
        await bot.request.shutdown()
    [(content_type, body)] = seen
    assert content_type == "multipart/form-data"
    assert b"Tall <b>2024</b>" in body
    assert b"\x89PNG not really" in body
