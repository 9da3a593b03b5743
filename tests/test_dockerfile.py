"""The Dockerfile's promises (no Docker engine on this machine: checked statically, and its
HEALTHCHECK command is run for real against a database)."""

from __future__ import annotations

import asyncio
import os
import re
from pathlib import Path

from bot.answers import Answerer
from bot.config import Settings
from bot.tg import ops
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeTelegramServer
from tests.support.redis_server import free_port
from tests.support.running import polling, until

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_database_is_built_at_image_build_time() -> None:
    runs = " ".join(re.findall(r"^RUN (.+?)(?<!\\)$", DOCKERFILE, re.M | re.S))
    assert "build-db" in runs


def test_runs_as_a_non_root_user() -> None:
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert users
    assert users[-1] not in {"root", "0"}
    assert "useradd" in DOCKERFILE


async def test_healthcheck_asks_healthz_of_the_running_bot(answerer: Answerer) -> None:
    match = re.search(r"^HEALTHCHECK .*?\n\s*CMD (.+)$", DOCKERFILE, re.M)
    assert match is not None
    command = match.group(1)
    assert "/healthz" in command and "KRISEBOT_HTTP_PORT" in command
    assert "KRISEBOT_HTTP_PORT=8080" in DOCKERFILE
    port = free_port()
    with FakeTelegramServer() as fake:
        app = build_application(Settings(token=TOKEN, base_url=fake.base_url), answerer)
        async with polling(app):
            server = ops.listen_locally(app, port)
            await until(lambda: app.bot_data["liveness"].healthy())  # Telegram answered a poll
            healthy = await _sh(command, port)
            app.bot_data["state"].ping = _refuse  # the state backend stops answering
            unhealthy = await _sh(command, port)
            server.stop()
    assert (healthy, unhealthy) == (0, 1)
    assert await _sh(command, port) == 1  # nothing listening


async def _refuse() -> bool:
    return False


async def _sh(command: str, port: int) -> int:
    env = {**os.environ, "KRISEBOT_HTTP_PORT": str(port)}
    process = await asyncio.create_subprocess_exec(
        "sh", "-c", command, env=env, stderr=asyncio.subprocess.DEVNULL
    )
    return await process.wait()


def test_installs_the_locked_versions() -> None:
    assert "COPY pyproject.toml README.md requirements.txt" in DOCKERFILE
    assert "-c requirements.txt" in DOCKERFILE
