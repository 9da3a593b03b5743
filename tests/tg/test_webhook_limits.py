"""The webhook server under abuse, on 127.0.0.1: idle and trickling connections are closed in
bounded time, connections are capped, the secret is checked before a body is read, deep or
malformed bodies get 400 (never 500), running out of file descriptors is logged once, not
767 723 times, and a refusal is logged with its real status. (Issue 14's table, rows 8-10.)"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.answers import Answerer
from bot.config import Settings
from bot.tg import webhook, webserver
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeBotApi, FakeTelegramServer, RecordingRequest
from tests.support.running import until
from tests.tg.test_process import SECRET, _free_port

PATH = "hook"
LIMITS = webserver.Limits(idle_s=0.5, body_s=0.5, max_connections=20)


class Server:
    def __init__(self, port: int, api: FakeBotApi, server: webserver.WebhookServer) -> None:
        self.port = port
        self.api = api
        self.server = server

    def head(self, secret: str, length: int) -> bytes:
        return (
            f"POST /{PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            f"{webhook.SECRET_HEADER}: {secret}\r\nContent-Length: {length}\r\n\r\n"
        ).encode()

    async def post(self, body: bytes, secret: str = SECRET) -> int:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.post(
                f"http://127.0.0.1:{self.port}/{PATH}", content=body,
                headers={webhook.SECRET_HEADER: secret},
            )  # fmt: skip
            return response.status_code


@pytest.fixture
async def server(answerer: Answerer) -> AsyncIterator[Server]:
    api = FakeBotApi()
    app = build_application(
        Settings(token=TOKEN), answerer, request=RecordingRequest(api), rate_limiter=False
    )
    http = webhook.make_server(app, PATH, SECRET, LIMITS)
    port = http.listen_on(0, "127.0.0.1")[0].getsockname()[1]
    async with app:
        await app.start()
        try:
            yield Server(port, api, http)
        finally:
            http.begin_shutdown()
            await http.close_all()
            await app.stop()


def _closed_by_server(sock: socket.socket, within_s: float) -> bool:
    sock.settimeout(within_s)
    try:
        while sock.recv(4096):
            pass  # a 408 or the like may come first
    except TimeoutError:
        return False
    except OSError:
        return True
    return True


async def test_idle_and_trickling_connections_are_closed_in_bounded_time(server: Server) -> None:
    """40 connections (twice the cap): idle, headers trickling, body trickling. Each is closed
    by the server within its timeout once accepted; meanwhile and after, a real update is
    answered."""
    socks = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(40)]
    for i, sock in enumerate(socks):
        if i % 3 == 1:
            sock.sendall(b"POST /hook HTTP/1.1\r\nHo")  # headers never finish
        elif i % 3 == 2:
            sock.sendall(server.head(SECRET, 1000) + b'{"update_id": ')  # body never finishes
    started = time.monotonic()
    closed = await asyncio.gather(
        *(asyncio.to_thread(_closed_by_server, s, 10) for s in socks)
    )  # fmt: skip
    took = time.monotonic() - started
    for sock in socks:
        sock.close()
    assert all(closed)
    assert took < 4 * LIMITS.idle_s + 2, took  # two rounds of the cap, with room to spare
    update = {"update_id": 1, **server.api.user_message("Bærum")}
    assert await server.post(json.dumps(update).encode()) == 200


async def test_connections_beyond_the_cap_wait_and_are_not_accepted(server: Server) -> None:
    socks = [socket.create_connection(("127.0.0.1", server.port)) for _ in range(30)]
    try:
        await until(lambda: len(server.server._connections) >= LIMITS.max_connections, 2)
        await asyncio.sleep(0.1)
        assert len(server.server._connections) == LIMITS.max_connections
    finally:
        for sock in socks:
            sock.close()


async def test_the_secret_is_checked_before_the_body_is_read(server: Server) -> None:
    """Row 9: a wrong secret with a 255 KiB body announced: 403 comes back although not one
    byte of the body was sent; the server never read (or buffered) it."""

    def headers_only() -> str:
        with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
            sock.sendall(server.head("wrong", 255 * 1024))
            return sock.recv(1024).decode(errors="replace")

    assert (await asyncio.to_thread(headers_only)).startswith("HTTP/1.1 403")


def _deep(depth: int) -> bytes:
    inner = "[" * depth + "]" * depth
    return ('{"update_id": 5, "message": ' + inner + "}").encode()


@pytest.mark.parametrize(
    "body",
    [
        b'{"update_id": 1, "message": "hi"}',
        _deep(100_000),
        _deep(65),
        b'{"update_id": "1"}',
        b'{"update_id": 1, "message": {"chat": 5, "date": "x", "message_id": []}}',
        b'{"update_id": 1, "callback_query": {"from": 3}}',
        b"\xff\xfe{}",
        b"",
        b"null",
    ],
    ids=["message-hi", "deep-100000", "deep-65", "id-string", "chat-int", "from-int", "bytes",
         "empty", "null"],
)  # fmt: skip
async def test_every_malformed_body_gets_400(server: Server, body: bytes) -> None:
    """Row 10: 400, never 500 (Telegram retries a 500 forever)."""
    assert await server.post(body) == 400
    assert server.api.sent() == []


async def test_brackets_inside_strings_are_not_nesting(server: Server) -> None:
    update = {"update_id": 9, **server.api.user_message("[" * 200 + " Bærum")}
    assert await server.post(json.dumps(update).encode()) == 200


async def test_a_refusal_is_logged_with_its_status(server: Server, caplog: Any) -> None:
    caplog.set_level(logging.DEBUG, logger="bot.tg.webhook")
    assert await server.post(b"{}", secret="wrong") == 403
    assert await server.post(b"{not json") == 400
    lines = [r.getMessage() for r in caplog.records if r.name == "bot.tg.webhook"]
    assert lines == ["webhook request refused: 403", "webhook request refused: 400"]


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _few_descriptors() -> None:
    resource.setrlimit(resource.RLIMIT_NOFILE, (96, 96))


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_out_of_descriptors_is_logged_once_and_does_not_spin(db_path: Path) -> None:
    """Row 8: the bot with 96 descriptors and 200 idle connections: accepting fails (EMFILE),
    is logged once, the process stays nearly idle, and answers again once they go."""
    port = _free_port()
    with FakeTelegramServer() as fake:
        url = "https://example.invalid/hook"
        args = ("--webhook", url, "--listen", "127.0.0.1", "--port", str(port))
        env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "KRISEBOT_WEBHOOK_SECRET": SECRET}
        command = [sys.executable, "-m", "bot.cli", "--db", str(db_path), "run",
                   "--base-url", fake.base_url, *args]  # fmt: skip
        child = subprocess.Popen(
            command, env=env, stderr=subprocess.PIPE, text=True, preexec_fn=_few_descriptors
        )
        try:
            fake.api.wait_for(lambda: "setWebhook" in fake.api.methods(), timeout=30)
            socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(200)]
            cpu_before = _cpu_seconds(child.pid)
            time.sleep(2.0)
            cpu = _cpu_seconds(child.pid) - cpu_before
            for sock in socks:
                sock.close()
            update = {"update_id": 1, **fake.api.user_message("Bærum")}
            response = httpx.post(f"http://127.0.0.1:{port}/hook", json=update, timeout=10,
                                  headers={webhook.SECRET_HEADER: SECRET})  # fmt: skip
            fake.api.wait_for(lambda: len(fake.api.sent()) == 1, timeout=10)
        finally:
            child.send_signal(signal.SIGTERM)
            _, stderr = child.communicate(timeout=20)
    lines = [line for line in stderr.splitlines() if "cannot accept" in line]
    print(f"EMFILE: {len(lines)} log line(s), {cpu:.2f} s CPU in 2 s")
    assert response.status_code == 200
    assert 1 <= len(lines) <= 2, stderr[-2000:]
    assert "EMFILE" in lines[0]
    assert cpu < 1.0
    assert "Traceback" not in stderr


async def test_extra_routes_are_served_beside_the_webhook(answerer: Answerer) -> None:
    """The hook for operations routes (a health check reading the liveness signal)."""
    import tornado.web

    from bot.tg.app import liveness

    class Health(tornado.web.RequestHandler):
        def initialize(self, app: Any) -> None:
            self.app = app

        def get(self) -> None:
            self.write(liveness(self.app).snapshot())

    app = build_application(Settings(token=TOKEN), answerer, request=RecordingRequest(FakeBotApi()))
    routes = [("/healthz", Health, {"app": app})]
    http = webhook.make_server(app, PATH, SECRET, LIMITS, extra_routes=routes)
    port = http.listen_on(0, "127.0.0.1")[0].getsockname()[1]
    try:
        async with httpx.AsyncClient(timeout=5) as client:
            response = await client.get(f"http://127.0.0.1:{port}/healthz")
    finally:
        http.begin_shutdown()
        await http.close_all()
    assert response.status_code == 200
    assert response.json()["healthy"] is False  # not started: Telegram never answered
