"""Shared fixtures: the real database built once from data/raw/ (and data/curated/), and copies
of the sources for tests that break a file on purpose (in a temporary folder, never in data/)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers import Answerer
from bot.pipeline.build import build
from tests.support.redis_server import RedisServer

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
CURATED = ROOT / "data" / "curated"


@pytest.fixture(scope="session")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("db") / "krisebot.db"
    build(RAW, path)
    return path


@pytest.fixture
def sql(db_path: Path) -> Iterator[sqlite3.Connection]:
    conn = sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)
    yield conn
    conn.close()


@pytest.fixture
def raw_copy(tmp_path: Path) -> Path:
    """A copy of ``data/raw/`` (and ``data/curated/`` beside it, as the build expects)."""
    target = tmp_path / "raw"
    shutil.copytree(RAW, target)
    shutil.copytree(CURATED, tmp_path / "curated")
    return target


@pytest.fixture(scope="session")
def answerer(db_path: Path) -> Answerer:
    from bot.catalog.db import open_readonly
    from bot.cli import answerer_from

    return answerer_from(open_readonly(db_path))


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisServer]:
    """One real redis-server for the session (each test uses its own key prefix)."""
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.kill()


@pytest.fixture
def redis_url(redis_server: RedisServer) -> str:
    """The session's Redis, emptied for this test."""
    import redis

    if redis_server.process is None:
        redis_server.start()
    with redis.Redis.from_url(redis_server.url) as client:
        client.flushdb()
    return redis_server.url
