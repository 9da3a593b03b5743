"""/healthz and /metrics over HTTP, beside a polling bot: 200 only when the database is loaded,
updates are being received and the state answers; metrics count without naming anyone."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import aiohttp

from bot.answers import Answerer
from bot.config import Settings
from bot.state import open_state
from bot.tg import ops
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeTelegramServer
from tests.support.redis_server import RedisServer, free_port
from tests.support.running import polling, until


async def get(port: int, path: str) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        return response.status, await response.text()


async def test_health_and_metrics_beside_polling(answerer: Answerer, tmp_path: Path) -> None:
    redis = RedisServer(tmp_path).start()
    port = free_port()
    try:
        with FakeTelegramServer() as fake:
            settings = Settings(token=TOKEN, base_url=fake.base_url)
            app = build_application(settings, answerer, state=open_state(redis.url))
            server = ops.listen_locally(app, port)
            status, body = 0, ""
            async with polling(app):
                api = fake.api
                api.push(api.user_message("jeg bor i Bærum MARKER-7Q", chat_id=55501))
                await until(lambda: len(api.sent()) == 1)
                status, body = await get(port, "/healthz")
                assert status == 200, body
                report: dict[str, Any] = json.loads(body)
                assert report == {"healthy": True, "database": True, "updates": True,
                                  "state": True, "mode": "polling",
                                  "state_backend": "redis"}  # fmt: skip
                status, metrics = await get(port, "/metrics")
                assert status == 200
                assert 'krisebot_updates_total{intent="centre",topic="none"} 1.0' in metrics
                assert "krisebot_reply_seconds_count 1.0" in metrics
                assert "krisebot_state_up 1.0" in metrics
                assert "55501" not in metrics and "MARKER-7Q" not in metrics
                assert redis.password not in body + metrics
                redis.kill()
                status, body = await get(port, "/healthz")
                assert status == 503 and json.loads(body)["state"] is False
            server.stop()
    finally:
        redis.kill()


async def test_health_is_503_before_updates_flow(answerer: Answerer) -> None:
    app = build_application(Settings(token=TOKEN), answerer)
    report = await ops.health(app)
    assert report["healthy"] is False and report["updates"] is False
    assert report["database"] is True and report["state"] is True
