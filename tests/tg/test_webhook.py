"""The webhook server on 127.0.0.1: only POST /<path> with the right secret (compared in
constant time) reaches the bot; everything else is refused with the right status, and an
oversized body is refused before it is read."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
import tornado.netutil

from bot.answers import Answerer
from bot.config import Settings
from bot.tg import webhook
from bot.tg.app import build_application
from bot.tg.serving import Webhook, serve_webhook
from bot.tg.startup import close, start
from tests.support.fake_telegram import TOKEN, FakeBotApi, FakeTelegramServer, RecordingRequest
from tests.support.running import until

SECRET = "s3cret-token_for-tests"
PATH = "hook/abc"


@dataclass
class Hook:
    url: str
    api: FakeBotApi
    client: httpx.AsyncClient

    async def post(self, body: Any, secret: str | None = SECRET, path: str = PATH) -> int:
        headers = {"Content-Type": "application/json"}
        if secret is not None:
            headers[webhook.SECRET_HEADER] = secret
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        response = await self.client.post(f"{self.url}/{path}", content=content, headers=headers)
        return response.status_code


@pytest.fixture
async def hook(answerer: Answerer) -> AsyncIterator[Hook]:
    api = FakeBotApi()
    app = build_application(
        Settings(token=TOKEN), answerer, request=RecordingRequest(api), rate_limiter=False
    )
    server = webhook.make_server(app, PATH, SECRET)
    sockets = tornado.netutil.bind_sockets(0, "127.0.0.1")
    server.add_guarded(sockets)
    port = sockets[0].getsockname()[1]
    async with app, httpx.AsyncClient(timeout=5) as client:
        await app.start()
        try:
            yield Hook(f"http://127.0.0.1:{port}", api, client)
        finally:
            server.stop()
            await app.stop()


async def test_the_right_secret_reaches_the_bot(hook: Hook) -> None:
    update = {"update_id": 1, **hook.api.user_message("Bærum")}
    assert await hook.post(update) == 200
    await until(lambda: len(hook.api.sent()) == 1)
    assert "Bærum har avtale med" in hook.api.sent()[0].params["text"]


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET[:-1], SECRET + "x", SECRET.upper()])
async def test_a_missing_or_wrong_secret_gets_403(hook: Hook, secret: str | None) -> None:
    update = {"update_id": 1, **hook.api.user_message("Bærum")}
    assert await hook.post(update, secret=secret) == 403
    await asyncio.sleep(0.1)
    assert hook.api.sent() == []


async def test_other_paths_404_and_other_methods_405(hook: Hook) -> None:
    update = {"update_id": 1, **hook.api.user_message("Bærum")}
    assert await hook.post(update, path="other") == 404
    assert await hook.post(update, path="") == 404
    for method in ("GET", "PUT", "DELETE", "PATCH"):
        response = await hook.client.request(method, f"{hook.url}/{PATH}")
        assert response.status_code == 405, method
    assert hook.api.sent() == []


async def test_unreadable_bodies_get_400(hook: Hook) -> None:
    for body in (b"{not json", b"[]", b'"text"', json.dumps({"no": "update_id"}).encode()):
        assert await hook.post(body) == 400, body
    assert hook.api.sent() == []


async def test_an_oversized_body_is_refused_before_it_is_read(hook: Hook) -> None:
    host, port = hook.url.removeprefix("http://").split(":")
    head = (
        f"POST /{PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        f"{webhook.SECRET_HEADER}: {SECRET}\r\nContent-Length: {webhook.MAX_BODY + 1}\r\n\r\n"
    )

    def headers_only() -> str:  # the body is never sent: the headers alone are refused
        with socket.create_connection((host, int(port)), timeout=5) as sock:
            sock.sendall(head.encode())
            return sock.recv(1024).decode(errors="replace")

    answer = await asyncio.to_thread(headers_only)
    assert answer.startswith("HTTP/1.1 400")
    big = {"update_id": 1, **hook.api.user_message("x" * (webhook.MAX_BODY + 10))}
    try:
        status: int | None = await hook.post(big)
    except httpx.HTTPError:
        status = None  # closed before an answer: refused too
    assert status in {None, 400, 413}
    assert hook.api.sent() == []


async def test_the_secret_is_compared_in_constant_time(hook: Hook, monkeypatch: Any) -> None:
    seen: list[tuple[bytes, bytes]] = []

    def compare_digest(a: bytes, b: bytes) -> bool:
        seen.append((a, b))
        return a == b

    monkeypatch.setattr(webhook.hmac, "compare_digest", compare_digest)
    assert await hook.post({"update_id": 1, **hook.api.user_message("Hei")}, "wrong") == 403
    assert seen == [(b"wrong", SECRET.encode())]


def test_a_webhook_without_a_secret_is_refused(answerer: Answerer) -> None:
    app = build_application(Settings(token=TOKEN), answerer, rate_limiter=False)
    with pytest.raises(ValueError, match="secret"):
        webhook.make_server(app, PATH, "")


async def test_serve_registers_the_webhook_and_stops(answerer: Answerer) -> None:
    with FakeTelegramServer() as fake:
        app = build_application(Settings(token=TOKEN, base_url=fake.base_url), answerer)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        stop = asyncio.Event()
        url = f"https://example.invalid/{PATH}"
        await start(app)
        hook = Webhook(url, "127.0.0.1", port)
        task = asyncio.create_task(serve_webhook(app, hook, SECRET, stop))
        await until(lambda: "setWebhook" in fake.api.methods())
        registered = next(c for c in fake.api.calls if c.method == "setWebhook").params
        assert registered["secret_token"] == SECRET
        assert registered["allowed_updates"] == ["message", "callback_query", "inline_query"]
        async with httpx.AsyncClient(timeout=5) as client:
            update = {"update_id": 7, **fake.api.user_message("/start")}
            response = await client.post(
                f"http://127.0.0.1:{port}/{PATH}", json=update,
                headers={webhook.SECRET_HEADER: SECRET},
            )  # fmt: skip
        assert response.status_code == 200
        await until(lambda: len(fake.api.sent()) == 1)
        stop.set()
        await asyncio.wait_for(task, 10)
        await close(app)
    assert fake.api.sent()[0].params["text"].startswith("Hei.")
