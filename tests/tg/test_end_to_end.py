"""The real application over HTTP, polling a fake Bot API server on 127.0.0.1 that the test
starts itself: /start, a municipality, a button, a location, /slett, a crash; and a privacy
run full of marker strings that must appear in no log record and no file."""

from __future__ import annotations

import hashlib
import io
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
import redis.asyncio as aioredis

from bot.answers import Answerer
from bot.answers.actions import Action, encode
from bot.catalog.db import open_readonly
from bot.state import MAX_TTL_S, open_state
from bot.tg.privacy import configure_logging
from tests.support.fake_telegram import TOKEN, Fault
from tests.support.redis_server import RedisServer
from tests.support.running import running, until


async def test_conversation_end_to_end(answerer: Answerer, monkeypatch: Any) -> None:
    async with running(answerer) as api:
        start = api.push(api.user_message("/start"))
        await until(lambda: len(api.sent()) == 1)
        assert api.sent()[0].params["text"].startswith("Hei.")
        assert "setMyCommands" in api.methods()

        bærum = api.push(api.user_message("Bærum"))
        await until(lambda: len(api.sent()) == 2)
        assert "Bærum har avtale med" in api.sent()[1].params["text"]

        api.push(api.callback(encode(Action.CENTRE, "oslo"), message_id=10_001))
        await until(lambda: len(api.sent()) == 3)
        assert "answerCallbackQuery" in api.methods()
        assert "Krisesenteret i Oslo" in api.sent()[2].params["text"]

        place = api.push(api.user_message(location={"latitude": 60.39, "longitude": 5.32}))
        await until(lambda: len(api.sent()) == 4)
        assert "Bergen" in api.sent()[3].params["text"]

        slett = api.push(api.user_message("/slett"))
        await until(lambda: len(api.sent()) == 5 and 10_004 in api.deleted)
        user_ids = [u["message"]["message_id"] for u in (start, bærum, place, slett)]
        assert sorted(api.deleted[:-1]) == [*user_ids, 10_000, 10_001, 10_002, 10_003]
        assert api.deleted[-1] == 10_004  # the neutral confirmation, deleted too

        def boom(text: str, lang: str) -> None:
            raise RuntimeError("crash")

        monkeypatch.setattr(answerer, "answer", boom)
        api.push(api.user_message("Oslo"))
        await until(lambda: len(api.sent()) == 6)
        assert api.sent()[5].params["text"].startswith("Noe gikk galt her hos oss.")

    polls = [c for c in api.calls if c.method == "getUpdates"]
    assert polls[0].params["allowed_updates"] == ["message", "callback_query", "inline_query"]
    offsets = [int(c.params.get("offset") or 0) for c in polls]
    assert offsets == sorted(offsets)
    assert sorted(api.served) == sorted(set(api.served))  # each update served once


MARKERS = ("MARKER-TEXT-7f3a", "Markernavn", "987654321", "59.123456", "10.654321")


def _files(root: Path) -> dict[Path, float]:
    return {p: p.stat().st_mtime for p in root.rglob("*") if p.is_file()}


@pytest.mark.parametrize("backend", ["memory", "redis"])
async def test_no_marker_reaches_a_log_or_a_file(
    answerer: Answerer, db_path: Path, tmp_path: Path, monkeypatch: Any, capfd: Any,
    backend: str, request: pytest.FixtureRequest,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    records: list[logging.LogRecord] = []

    class Capture(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    logging.getLogger().addHandler(Capture(logging.DEBUG))
    digest = hashlib.sha256(db_path.read_bytes()).hexdigest()
    repo = Path(__file__).resolve().parents[2]
    before = _files(repo / "data") | _files(tmp_path)
    chat = 987654321
    redis_url = request.getfixturevalue("redis_url") if backend == "redis" else ""
    try:
        async with running(answerer, state=open_state(redis_url)) as api:

            def msg(**kw: Any) -> dict[str, Any]:
                update = api.user_message(chat_id=chat, **kw)
                update["message"]["from"]["first_name"] = "Markernavn"
                return update

            # Network trouble on the way: retries and the error handler log too.
            api.fault("sendMessage", Fault("reset"), Fault("status", status=502))
            api.fault("getUpdates", Fault("malformed"))
            api.push(msg(text="/start"))
            api.push(msg(text="jeg heter Markernavn MARKER-TEXT-7f3a og bor i Bodø"))
            api.push(msg(location={"latitude": 59.123456, "longitude": 10.654321}))
            api.push(
                api.callback(encode(Action.MUNICIPALITY, "1804"), message_id=10_000, chat_id=chat)
            )
            api.push(api.inline("MARKER-TEXT-7f3a Bodø", user_id=chat))
            api.push(msg(text="/slett"))
            await until(lambda: len(api.sent(chat)) >= 5 and bool(api.deleted))
    finally:
        logging.getLogger().handlers.clear()
    out, err = capfd.readouterr()
    logged = [r.getMessage() for r in records] + [stream.getvalue(), out, err]
    assert any("retrying" in line for line in logged)  # the faults were logged, redacted
    for marker in (*MARKERS, TOKEN, TOKEN.split(":")[1]):
        assert not any(marker in line for line in logged), marker
    after = _files(repo / "data") | _files(tmp_path)
    for path, mtime in after.items():
        if before.get(path) != mtime and path.suffix not in {".pyc"}:
            content = path.read_bytes()
            assert not any(m.encode() in content for m in MARKERS), path
    assert hashlib.sha256(db_path.read_bytes()).hexdigest() == digest
    if redis_url:
        await assert_no_marker_in_redis(redis_url, request.getfixturevalue("redis_server"))
    readonly = open_readonly(db_path)  # how the bot opens it (bot.cli.load_answerer)
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        readonly.execute("CREATE TABLE kept (text)")
    readonly.close()


async def assert_no_marker_in_redis(url: str, server: RedisServer) -> None:
    """Every key and every value: ids and chat ids (the state's purpose), never text, names
    or places; every key with a TTL; and nothing written to disk by Redis."""
    client = aioredis.from_url(url)
    keys = [key async for key in client.scan_iter()]
    assert keys  # the state is there
    for key in keys:
        kind = (await client.type(key)).decode()
        if kind == "string":
            values = [await client.get(key)]
        elif kind == "zset":
            values = [m for m, _ in await client.zrange(key, 0, -1, withscores=True)]
        elif kind == "set":
            values = list(await client.smembers(key))
        else:
            raise AssertionError(f"unexpected {kind} at {key!r}")
        blob = b" ".join([key, *[bytes(v) for v in values if v is not None]])
        for marker in (m for m in MARKERS if m != "987654321"):  # all but the chat id
            assert marker.encode() not in blob, key
        assert 0 < await client.ttl(key) <= MAX_TTL_S, key
    await client.aclose()
    assert not list(server.workdir.iterdir())  # no dump.rdb, no appendonly file


async def test_a_chart_goes_out_as_a_photo_over_http(answerer: Answerer) -> None:
    async with running(answerer) as api:
        api.push(api.callback(encode(Action.CHART, "centre_cost", 2022), message_id=10_000))
        await until(lambda: len(api.sent()) == 1)
    photo = api.sent()[0]
    assert photo.method == "sendPhoto"
    assert bytes(photo.params["photo"]).startswith(b"\x89PNG")  # multipart upload, intact
    assert "Hallingdal krisesenter: 256" in photo.params["caption"]
    assert photo.params["parse_mode"] == "HTML"
