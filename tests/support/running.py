"""The real application, polling a fake Bot API server on 127.0.0.1 that the test starts."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from telegram.ext import Application

from bot.answers import Answerer
from bot.config import Settings
from bot.tg.app import build_application
from bot.tg.serving import serve_polling
from bot.tg.startup import close, start
from tests.support.fake_telegram import TOKEN, FakeBotApi, FakeTelegramServer


async def until(predicate: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise TimeoutError("condition not met in time")
        await asyncio.sleep(0.02)


@asynccontextmanager
async def polling(
    app: Application[Any, Any, Any, Any, Any, Any], grace_s: float = 5.0, **serve: Any
) -> AsyncIterator[None]:
    """Run ``app`` as ``krisebot run`` does (getMe, set-up, polling) until the block ends,
    then stop it as SIGTERM does."""
    stop = asyncio.Event()
    await start(app)
    serving = asyncio.create_task(serve_polling(app, stop, grace_s=grace_s, **serve))
    try:
        yield
    finally:
        stop.set()
        try:
            await serving
        finally:
            await close(app)


@asynccontextmanager
async def running(
    answerer: Answerer, token: str = TOKEN, server: FakeTelegramServer | None = None,
    grace_s: float = 5.0, **build: Any,
) -> AsyncIterator[FakeBotApi]:  # fmt: skip
    """A fake server (new, or the one given) and the real application polling it."""
    own = server is None
    fake = server or FakeTelegramServer()
    if own:
        fake.__enter__()
    try:
        settings = Settings(token=token, base_url=fake.base_url)
        app = build_application(settings, answerer, **build)
        app.bot_data["deleter"].confirm_after_s = 0.1
        async with polling(app, grace_s=grace_s):
            yield fake.api
    finally:
        if own:
            fake.__exit__(None, None, None)
