"""An Application wired to the in-process fake Bot API (no network), started with its
JobQueue, and a helper that feeds it real Update JSON."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from telegram import Update
from telegram.ext import Application

from bot.answers import Answerer
from bot.config import Settings
from bot.tg.app import build_application
from tests.support.fake_telegram import TOKEN, FakeBotApi, RecordingRequest


class Harness:
    def __init__(self, app: Application[Any, Any, Any, Any, Any, Any], api: FakeBotApi) -> None:
        self.app = app
        self.api = api

    async def feed(self, update: dict[str, Any]) -> dict[str, Any]:
        data = self.api.push(update)
        await self.app.process_update(Update.de_json(data, self.app.bot))
        return data

    def last_text(self) -> str:
        call = self.api.sent()[-1]
        return str(call.params.get("text") or call.params.get("caption"))


@pytest.fixture
async def harness(answerer: Answerer) -> AsyncIterator[Harness]:
    api = FakeBotApi()
    app = build_application(
        Settings(token=TOKEN), answerer, request=RecordingRequest(api), rate_limiter=False
    )
    app.bot_data.update(confirm_delete_after=0.05, sweep_interval=0.05)
    async with app:
        await app.start()
        yield Harness(app, api)
        await app.stop()
