"""``krisebot run`` as a child process against the fake Bot API on 127.0.0.1, killed (SIGKILL)
or stopped (SIGTERM, as ``docker stop`` does) with many updates waiting. Counted from the fake
Telegram's side: an update is lost when Telegram was told it was handled (below the highest
offset the bot asked for) but its person never got a reply. (Issue 14's table, rows 2-4, 7.)"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.tg.intake import MAX_IN_FLIGHT
from bot.tg.serving import STOP_GRACE_S
from bot.tg.webhook import SECRET_HEADER
from tests.support.fake_telegram import TOKEN, FakeBotApi, FakeTelegramServer

SECRET = "process-test-secret"


@contextmanager
def bot_process(db: Path, base_url: str, *args: str) -> Iterator[subprocess.Popen[str]]:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": TOKEN, "KRISEBOT_WEBHOOK_SECRET": SECRET,
           "PYTHONIOENCODING": "utf-8"}  # fmt: skip
    command = [sys.executable, "-m", "bot.cli", "--db", str(db), "run", "--base-url", base_url]
    child = subprocess.Popen(
        [*command, *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        yield child
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate(timeout=10)


def lost(api: FakeBotApi) -> int:
    """Updates Telegram forgot (below the confirmed offset) whose person got no reply.
    Update n came from chat n."""
    answered = {int(c.params["chat_id"]) for c in api.sent()}
    return sum(1 for update_id in range(1, api.confirmed) if update_id not in answered)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def push_waiting(api: FakeBotApi, count: int) -> None:
    for chat in range(1, count + 1):
        api.push(api.user_message("Oslo", chat_id=chat))


@pytest.mark.parametrize(
    ("waiting", "send_s", "run_s"), [(1000, 0.02, 1.0), (20_000, 0.3, 4.0)], ids=["1000", "20000"]
)
def test_a_crash_loses_at_most_the_intake(
    db_path: Path, waiting: int, send_s: float, run_s: float
) -> None:
    """Rows 2 and 4: SIGKILL while many updates wait: at most MAX_IN_FLIGHT were confirmed
    ahead of their answers (it was 911 of 1 000, and 19 076 of 20 000)."""
    with FakeTelegramServer() as server:
        api = server.api
        api.slow("sendMessage", send_s)
        push_waiting(api, waiting)
        with bot_process(db_path, server.base_url) as child:
            api.wait_for(lambda: len(api.sent()) >= 10, timeout=30)
            time.sleep(run_s)
            rss = _rss_mb(child.pid)
            child.kill()
            child.wait(10)
        answered, missing = len(api.sent()), lost(api)
    print(f"SIGKILL, {waiting} waiting: {answered} answered, confirmed {api.confirmed - 1}, "
          f"lost {missing}; bot RSS {rss:.0f} MB")  # fmt: skip
    assert api.confirmed - 1 <= answered + MAX_IN_FLIGHT
    assert missing <= MAX_IN_FLIGHT


def test_sigterm_answers_what_it_accepted_and_exits_in_time(db_path: Path) -> None:
    """Row 3: SIGTERM (docker stop) with 1 000 waiting: every confirmed update is answered,
    the rest stay at Telegram for the next start, and the process exits 0 within the grace
    (it lost 611)."""
    with FakeTelegramServer() as server:
        api = server.api
        api.slow("sendMessage", 0.02)
        push_waiting(api, 1000)
        with bot_process(db_path, server.base_url) as child:
            api.wait_for(lambda: len(api.sent()) >= 30, timeout=30)
            child.send_signal(signal.SIGTERM)
            sent_at = time.monotonic()
            code = child.wait(STOP_GRACE_S + 5)
            took = time.monotonic() - sent_at
            _, stderr = child.communicate()
    print(f"SIGTERM, 1000 waiting: exit {code} after {took:.1f} s, {len(api.sent())} answered, "
          f"lost {lost(api)}")  # fmt: skip
    assert code == 0, stderr
    assert took < STOP_GRACE_S + 1
    assert lost(api) == 0
    assert "Traceback" not in stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_webhook_sigterm_under_load_acknowledges_only_what_it_answers(db_path: Path) -> None:
    """Row 7: updates POSTed back to back over keep-alive while SIGTERM arrives: every update
    answered 200 is answered in the chat; after SIGTERM the answer is 503 (Telegram retries);
    the process exits within the grace (it acknowledged 980 after SIGTERM and hung)."""
    port = _free_port()
    statuses: dict[int, int] = {}
    stop_posting = threading.Event()

    def post_updates(api: FakeBotApi) -> None:
        headers = {SECRET_HEADER: SECRET}
        with httpx.Client(timeout=5) as client:
            for chat in range(1, 100_000):
                if stop_posting.is_set():
                    return
                update = {"update_id": chat, **api.user_message("Oslo", chat_id=chat)}
                try:
                    response = client.post(f"http://127.0.0.1:{port}/hook", json=update,
                                           headers=headers)  # fmt: skip
                    statuses[chat] = response.status_code
                except httpx.HTTPError:
                    statuses[chat] = 0

    with FakeTelegramServer() as server:
        api = server.api
        api.slow("sendMessage", 0.02)
        url = "https://example.invalid/hook"
        args = ("--webhook", url, "--listen", "127.0.0.1", "--port", str(port))
        with bot_process(db_path, server.base_url, *args) as child:
            api.wait_for(lambda: "setWebhook" in api.methods(), timeout=30)
            poster = threading.Thread(target=post_updates, args=(api,))
            poster.start()
            time.sleep(1.0)
            child.send_signal(signal.SIGTERM)
            sent_at = time.monotonic()
            code = child.wait(STOP_GRACE_S + 5)
            took = time.monotonic() - sent_at
            stop_posting.set()
            poster.join(10)
    accepted = {chat for chat, status in statuses.items() if status == 200}
    answered = {int(c.params["chat_id"]) for c in api.sent()}
    refused = sorted({s for s in statuses.values() if s != 200})
    print(f"webhook SIGTERM: {len(accepted)} acknowledged, {len(accepted - answered)} of them "
          f"unanswered; after the stop: {refused}; exit {code} after {took:.1f} s")  # fmt: skip
    assert code == 0
    assert took < STOP_GRACE_S + 1
    assert accepted and accepted <= answered
    assert set(refused) <= {0, 503}
