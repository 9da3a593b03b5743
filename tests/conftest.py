"""Shared fixtures: the real database built once from data/raw/, and copies of the raw sources
for tests that break a file on purpose (in a temporary folder, never in data/raw/)."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.answers import Answerer
from bot.pipeline.build import build

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

    conn = open_readonly(db_path)
    return Answerer.load(conn)
