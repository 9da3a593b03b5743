"""The model cache beside the database: the same models copied in when nothing changed; a change
to any input, any code or a library version fits anew."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from bot.pipeline import build as build_module
from bot.pipeline import model_cache
from bot.pipeline.build import build
from bot.pipeline.sources import RawPaths
from tests.conftest import RAW
from tests.pipeline.test_build import _dump


class Fitted(Exception):
    """Raised where a build would start fitting."""


def _no_fits() -> None:
    raise Fitted


def _meta(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        return dict(conn.execute("SELECT key, value FROM _meta").fetchall())


@pytest.fixture
def cached_copy(raw_copy: Path, db_path: Path) -> Path:
    """A copy of the sources with the cache the session's build left beside its database."""
    shutil.copy(model_cache.path_for(db_path), model_cache.path_for(raw_copy.parent / "k.db"))
    return raw_copy


def test_the_same_inputs_copy_the_cached_models_in_without_fitting(
    cached_copy: Path, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(build_module, "beside", _no_fits)
    out = cached_copy.parent / "k.db"
    build(cached_copy, out)
    assert _dump(out) == _dump(db_path)  # every table, the models included


def test_a_changed_example_fits_again_and_replaces_the_cache(
    cached_copy: Path, db_path: Path
) -> None:
    examples = RawPaths(cached_copy).examples_dir / "centre.tsv"
    with examples.open("a", encoding="utf-8") as handle:
        handle.write("trenger adressen til et krisesenter\tcentre\t-\tnb\n")
    out = cached_copy.parent / "k.db"
    build(cached_copy, out)
    assert int(_meta(out)["examples"]) == int(_meta(db_path)["examples"]) + 1
    key = model_cache.inputs_key(RawPaths(cached_copy))
    assert key != model_cache.inputs_key(RawPaths(RAW))
    assert model_cache.holds(model_cache.path_for(out), key)


def test_a_changed_knowledge_file_fits_again(
    cached_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    topic = RawPaths(cached_copy).knowledge_files()[0]
    topic.write_text(topic.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    monkeypatch.setattr(build_module, "beside", _no_fits)
    with pytest.raises(Fitted):
        build(cached_copy, cached_copy.parent / "k.db")


def test_a_broken_cache_fits_again(cached_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    model_cache.path_for(cached_copy.parent / "k.db").write_bytes(b"not a database")
    monkeypatch.setattr(build_module, "beside", _no_fits)
    with pytest.raises(Fitted):
        build(cached_copy, cached_copy.parent / "k.db")


def test_the_key_covers_the_code_and_the_libraries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "bot"
    (package / "understand").mkdir(parents=True)
    code = package / "understand" / "features.py"
    code.write_text("N = 3\n", encoding="utf-8")
    raw = RawPaths(RAW)
    before = model_cache.inputs_key(raw, package)
    code.write_text("N = 4\n", encoding="utf-8")
    changed = model_cache.inputs_key(raw, package)
    monkeypatch.setattr(model_cache, "version", lambda name: "0.0-other")
    assert len({before, changed, model_cache.inputs_key(raw, package)}) == 3
