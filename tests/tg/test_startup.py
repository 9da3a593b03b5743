"""Start-up needs only Telegram's getMe: menus and deleteWebhook failing are warnings retried in
the background; a failing getMe ends with a message that names the cause truthfully, without a
traceback or "Unclosed client session". (Issue 14's table, row 11.)"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.answers import Answerer
from bot.tg.startup import YOUNG_GENERATION
from tests.support.fake_telegram import TOKEN, FakeTelegramServer, Fault
from tests.support.running import running, until


@pytest.mark.parametrize(
    ("method", "fault"),
    [
        ("setMyCommands", Fault("status", status=500)),
        ("setMyCommands", Fault("status", status=404)),
        ("setMyCommands", Fault("status", status=400)),
        ("setMyCommands", Fault("status", status=429, retry_after=1)),
        ("deleteWebhook", Fault("status", status=500)),
    ],
    ids=["commands-500", "commands-404", "commands-400", "commands-429", "deleteWebhook-500"],
)
async def test_set_up_failures_are_warnings_and_retried(
    answerer: Answerer, method: str, fault: Fault, caplog: Any
) -> None:
    caplog.set_level(logging.WARNING)
    with FakeTelegramServer() as server:
        server.api.fault(method, fault)
        async with running(answerer, server=server) as api:
            api.push(api.user_message("Bærum", chat_id=50))
            await until(lambda: len(api.sent()) == 1)
            await until(lambda: method in api.methods(), timeout=10)  # retried, got through
    assert "Bærum har avtale med" in api.sent()[0].params["text"]
    warnings = [r for r in caplog.records if method in r.getMessage()]
    assert warnings and all(r.levelno == logging.WARNING for r in warnings)
    assert not [r for r in caplog.records if r.exc_info]


async def test_serving_collects_young_garbage_less_often(answerer: Answerer) -> None:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)  # Python's default
    try:
        async with running(answerer) as api:
            api.push(api.user_message("Bærum", chat_id=51))
            await until(lambda: len(api.sent()) == 1)
            assert gc.get_threshold() == (YOUNG_GENERATION, 10, 10)
    finally:
        gc.set_threshold(*before)


def _run(db: Path, base_url: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "run", "--base-url", base_url],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "TELEGRAM_BOT_TOKEN": token},
    )  # fmt: skip


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (Fault("status", status=404), "Telegram avviste tokenet."),
        (Fault("status", status=500), "Telegram svarte med en feil (server error (5xx))"),
        (Fault("malformed"), "Telegram svarte med en feil (unreadable answer)"),
        (Fault("status", status=400), "Telegram svarte med en feil (bad request (400))"),
        (Fault("status", status=429, retry_after=30), "Telegram ber oss vente 30 s."),
        (Fault("reset"), "Fikk ikke kontakt med Telegram."),
    ],
    ids=["404", "500", "malformed", "400", "429", "reset"],
)
def test_a_failing_get_me_is_named_truthfully(db_path: Path, fault: Fault, expected: str) -> None:
    with FakeTelegramServer() as server:
        server.api.fault("getMe", fault)
        result = _run(db_path, server.base_url)
    assert result.returncode == 1
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert "Unclosed" not in result.stderr
    assert TOKEN.split(":")[1] not in result.stdout + result.stderr
