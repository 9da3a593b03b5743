"""An Application wired to the in-process fake Bot API (no network), started with its
JobQueue, and a helper that feeds it real Update JSON."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from typing import Any, cast

import pytest
from telegram import Update
from telegram.ext import Application

from bot.answers import Answerer
from bot.config import Settings
from bot.state import MemoryState
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeBotApi, RecordingRequest


class Clock:
    """Wall-clock time that a test can move forward."""

    def __init__(self) -> None:
        self.offset = 0.0

    def __call__(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


class Harness:
    def __init__(
        self, app: Application[Any, Any, Any, Any, Any, Any], api: FakeBotApi, clock: Clock
    ) -> None:
        self.app = app
        self.api = api
        self.clock = clock

    @property
    def state(self) -> MemoryState:
        return cast(MemoryState, self.app.bot_data["state"])

    async def feed(self, update: dict[str, Any]) -> dict[str, Any]:
        data = self.api.push(update)
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return data

    async def api_wait(self, predicate: Callable[[], bool], timeout: float = 5.0) -> None:
        """Let the application's jobs run until ``predicate`` holds."""
        deadline = time.monotonic() + timeout
        while not predicate():
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met; calls: {self.api.methods()[-10:]}")
            await asyncio.sleep(0.02)

    def last_text(self) -> str:
        call = self.api.sent()[-1]
        return str(call.params.get("text") or call.params.get("caption"))


@pytest.fixture
async def harness(answerer: Answerer) -> AsyncIterator[Harness]:
    api, clock = FakeBotApi(), Clock()
    app = build_application(
        Settings(token=TOKEN), answerer, request=RecordingRequest(api), rate_limiter=False,
        state=MemoryState(clock=clock), sweep_interval=0.05,
    )  # fmt: skip
    app.bot_data["deleter"].confirm_after_s = 0.05
    async with app:
        await app.start()
        yield Harness(app, api, clock)
        await app.stop()
