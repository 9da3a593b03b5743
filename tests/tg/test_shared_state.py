"""The real application over HTTP with a real Redis (started by the fixtures): what one process
knew, the next one knows; deletions due while no process ran are done at the next start; and
when Redis dies mid-conversation, people still get answers and /slett says what it could not."""

from __future__ import annotations

import time
from pathlib import Path

from bot.answers import Answerer
from bot.answers.actions import Action, encode
from bot.state import open_state
from tests.support.fake_telegram import FakeTelegramServer
from tests.support.redis_server import RedisServer
from tests.support.running import running, until


async def test_after_a_restart_slett_deletes_what_the_old_process_sent(
    answerer: Answerer, redis_url: str
) -> None:
    with FakeTelegramServer() as fake:
        api = fake.api
        async with running(answerer, server=fake, state=open_state(redis_url)):
            for text in ("/start", "Bærum", "Herøy"):
                api.push(api.user_message(text))
            await until(lambda: len(api.sent()) == 3)
        async with running(answerer, server=fake, state=open_state(redis_url)):
            api.push(api.user_message("/slett"))
            await until(lambda: len(api.sent()) == 4)
            assert api.sent()[3].params["text"] == "Slettet 7 meldinger."
            await until(lambda: 10_003 in api.deleted)  # then the confirmation
    assert set(api.deleted) == {1, 2, 3, 4, 10_000, 10_001, 10_002, 10_003}


async def test_automatic_deletion_due_while_no_process_ran_is_done_at_start(
    answerer: Answerer, redis_url: str
) -> None:
    with FakeTelegramServer() as fake:
        api = fake.api
        async with running(answerer, server=fake, state=open_state(redis_url)):
            api.push(api.user_message("Bærum"))
            await until(lambda: len(api.sent()) == 1)
            api.push(api.callback(encode(Action.AUTO_DELETE, 15), message_id=10_000))
            await until(lambda: len(api.sent()) == 2)
        later = open_state(redis_url)
        later.primary.clock = lambda: time.time() + 15 * 60 + 1  # type: ignore[attr-defined]
        started = time.monotonic()
        async with running(answerer, server=fake, state=later):
            await until(lambda: {1, 10_000, 10_001} <= set(api.deleted), timeout=10)
        assert time.monotonic() - started < 5


async def test_redis_killed_mid_conversation(answerer: Answerer, tmp_path: Path) -> None:
    server = RedisServer(tmp_path).start()
    try:
        with FakeTelegramServer() as fake:
            api = fake.api
            async with running(answerer, server=fake, state=open_state(server.url)):
                api.push(api.user_message("Bærum"))
                await until(lambda: len(api.sent()) == 1)
                server.kill()
                api.push(api.user_message("Herøy"))
                await until(lambda: len(api.sent()) == 2)
                assert "Herøy" in api.sent()[1].params["text"]
                api.push(api.user_message("/slett"))
                await until(lambda: len(api.sent()) == 3)
                report = api.sent()[2].params["text"]
    finally:
        server.kill()
    assert report.startswith("Slettet ")
    assert "Minnet mitt var utilgjengelig en stund" in report
    assert {3, 10_001} <= set(api.deleted)  # what this process kept while Redis was away
