"""``krisebot run``: without a token the terminal conversation (on a terminal); a rejected
token ends with a fixed message that never shows the token."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.support.fake_telegram import FakeTelegramServer

WRONG = "999999999:ZZZwrongWRONGwrongWRONGwrongWRONG99"


def _run(
    db: Path, *args: str, env: dict[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db), "run", *args],
        input=stdin, capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **env},
    )  # fmt: skip


def test_without_a_token_run_is_the_terminal_chat(db_path: Path) -> None:
    """On a terminal (a pseudo-terminal here) and without a token: the conversation."""
    leader, follower = pty.openpty()
    os.write(leader, "Bærum\n/avslutt\n".encode())
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db_path), "run"],
        stdin=follower, capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8", "TELEGRAM_BOT_TOKEN": ""},
    )  # fmt: skip
    os.close(follower)
    os.close(leader)
    assert result.returncode == 0, result.stderr
    assert "Ingen TELEGRAM_BOT_TOKEN er satt" in result.stderr
    assert "Bærum har avtale med" in result.stdout


def test_rejected_token_gives_a_fixed_message(db_path: Path) -> None:
    with FakeTelegramServer() as server:
        result = _run(db_path, "--base-url", server.base_url, env={"TELEGRAM_BOT_TOKEN": WRONG})
    assert result.returncode == 1
    assert "Telegram avviste tokenet. Sjekk TELEGRAM_BOT_TOKEN og prøv igjen." in result.stderr
    assert WRONG not in result.stdout + result.stderr
    assert WRONG.split(":")[1] not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_telegram_gives_a_fixed_message(db_path: Path) -> None:
    import socket

    with socket.socket() as probe:  # a port on this machine where nothing listens
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    base_url = f"http://127.0.0.1:{port}/bot"
    result = _run(db_path, "--base-url", base_url, env={"TELEGRAM_BOT_TOKEN": WRONG})
    assert result.returncode == 1
    assert "Fikk ikke kontakt med Telegram." in result.stderr
    assert WRONG not in result.stdout + result.stderr
    assert WRONG.split(":")[1] not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_redis_at_start_names_the_setting_never_the_password(db_path: Path) -> None:
    from tests.support.redis_server import free_port

    url = f"redis://:pw-SECRET-77@127.0.0.1:{free_port()}/0"
    with FakeTelegramServer() as server:
        result = _run(db_path, "--base-url", server.base_url,
                      env={"TELEGRAM_BOT_TOKEN": WRONG, "KRISEBOT_REDIS_URL": url})  # fmt: skip
    assert result.returncode == 1
    assert "KRISEBOT_REDIS_URL" in result.stderr and "127.0.0.1" in result.stderr
    assert "pw-SECRET-77" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr


def test_start_and_stop_are_logged_at_info(db_path: Path) -> None:
    with FakeTelegramServer() as server:
        result = _run(db_path, "--base-url", server.base_url,
                      env={"TELEGRAM_BOT_TOKEN": WRONG, "KRISEBOT_LOG_LEVEL": "INFO"})  # fmt: skip
    assert "krisebot starting: polling, state in memory" in result.stderr
    assert "krisebot stopped" in result.stderr
