"""Two replicas in webhook mode sharing one real Redis, behind a simulated round-robin: the
updates are posted alternately to the two ports, one replica slower than the other. Each
person's replies come in order, every update is answered exactly once, /slett on one replica
deletes what the other sent, and a language chosen on one holds on the other."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp

from bot.answers import Answerer
from bot.answers.actions import Action, encode
from bot.config import Settings
from bot.state import open_state
from bot.tg import ops, webhook
from bot.tg.app import build_application
from bot.tg.serving import Webhook, serve_webhook
from bot.tg.startup import close, start
from tests.support.fake_telegram import TOKEN, FakeBotApi, FakeTelegramServer
from tests.support.redis_server import free_port
from tests.support.running import until

SECRET = "replica-secret-for-tests"
PLACES = ["Bærum", "Tromsø", "Bodø", "Hamar", "Molde"]


@asynccontextmanager
async def replica(
    answerer: Answerer, fake: FakeTelegramServer, redis_url: str, slow_s: float = 0.0
) -> AsyncIterator[int]:
    """One replica serving the webhook on a free port (yielded), state in ``redis_url``."""
    app = build_application(Settings(token=TOKEN, base_url=fake.base_url), answerer,
                            state=open_state(redis_url))  # fmt: skip
    if slow_s:
        from telegram.ext import TypeHandler

        async def slow(update: object, context: object) -> None:
            await asyncio.sleep(slow_s)

        app.add_handler(TypeHandler(object, slow), group=-2)
    port, stop = free_port(), asyncio.Event()
    await start(app)
    hook = Webhook("https://bot.example.invalid/telegram", "127.0.0.1", port)
    serving = asyncio.create_task(
        serve_webhook(app, hook, SECRET, stop, extra_routes=ops.routes(app))
    )
    try:
        await until(lambda: app.bot_data["liveness"].healthy())
        yield port
    finally:
        stop.set()
        await asyncio.wait_for(serving, 15)
        await close(app)
        await app.bot_data["state"].close()


class RoundRobin:
    """Telegram behind a load balancer: each update to the next port, one at a time."""

    def __init__(self, api: FakeBotApi, ports: list[int], session: aiohttp.ClientSession):
        self.api, self.ports, self.session, self.sent = api, ports, session, 0

    async def post(self, update: dict[str, Any]) -> dict[str, Any]:
        update = {"update_id": self.sent + 1, **update}
        port = self.ports[self.sent % len(self.ports)]
        self.sent += 1
        async with self.session.post(
            f"http://127.0.0.1:{port}/telegram", data=json.dumps(update),
            headers={webhook.SECRET_HEADER: SECRET, "Content-Type": "application/json"},
        ) as response:  # fmt: skip
            assert response.status == 200
        return update


def replies(api: FakeBotApi, chat: int) -> list[str]:
    return [str(c.params.get("text", "")) for c in api.sent(chat)]


async def test_two_replicas_behind_round_robin(answerer: Answerer, redis_url: str) -> None:
    chats = [101, 102, 104]  # three chats on two replicas: each chat goes to both
    with FakeTelegramServer() as fake:
        api = fake.api
        async with (
            replica(answerer, fake, redis_url, slow_s=0.15) as slow_port,
            replica(answerer, fake, redis_url) as fast_port,
            aiohttp.ClientSession() as session,
        ):
            telegram = RoundRobin(api, [slow_port, fast_port], session)
            user_ids: dict[int, list[int]] = {chat: [] for chat in chats}
            for place in PLACES:
                for chat in chats:
                    update = await telegram.post(api.user_message(place, chat_id=chat))
                    user_ids[chat].append(update["message"]["message_id"])
            await until(lambda: all(len(api.sent(c)) == len(PLACES) for c in chats), 30)

            # The language chosen through one replica holds on the other.
            await telegram.post(api.user_message("/start", chat_id=103))
            await until(lambda: len(api.sent(103)) == 1)
            menu = api.sent(103)[0].result["message_id"]
            await telegram.post(api.callback(encode(Action.LANGUAGE), message_id=menu,
                                             chat_id=103))  # fmt: skip
            await until(lambda: "editMessageText" in api.methods())
            await telegram.post(api.user_message("Bærum", chat_id=103))
            await until(lambda: len(api.sent(103)) == 2)

            # /slett through one replica deletes what both sent.
            slett = await telegram.post(api.user_message("/slett", chat_id=101))
            await until(lambda: len(api.sent(101)) == len(PLACES) + 1)
            for port in (slow_port, fast_port):
                async with session.get(f"http://127.0.0.1:{port}/healthz") as response:
                    assert response.status == 200, await response.text()
    for chat in chats:
        texts = replies(api, chat)[: len(PLACES)]
        assert len(texts) == len(PLACES)  # exactly once each
        for place, text in zip(PLACES, texts, strict=True):
            assert place in text, (chat, place, text[:60])  # in the order written
    assert "has an agreement with" in replies(api, 103)[1]
    bot_ids = [c.result["message_id"] for c in api.sent(101)[: len(PLACES)]]
    everything = {*user_ids[101], *bot_ids, slett["message"]["message_id"]}
    assert everything <= set(api.deleted)
    assert replies(api, 101)[-1] == f"Slettet {len(everything)} meldinger."
