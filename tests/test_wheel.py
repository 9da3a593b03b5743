"""A plain (non-editable) install works: build the wheel from a copy of the project, install it
into a fresh virtual environment (offline: no index, no dependencies; the dependencies come from
this test's own environment) and run ``krisebot`` there, away from the checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md", "bot", "data/raw",
                 "data/curated")  # fmt: skip


def _copy_project(target: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.db", "*.db-*")
    target.mkdir(parents=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            shutil.copy2(source, target / name)
    return target


def _sh(*args: str | Path, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # type: ignore[call-overload, no-any-return]
        [str(a) for a in args], capture_output=True, text=True, timeout=300, **kwargs
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    project = _copy_project(work / "project")
    dist = work / "dist"
    built = _sh(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                "--no-index", "-w", dist, project)  # fmt: skip
    assert built.returncode == 0, built.stderr[-3000:]
    (path,) = dist.glob("krisebot-*.whl")
    return path


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel installed; this environment's packages as its dependencies."""
    venv = tmp_path_factory.mktemp("venv") / "v"
    made = _sh(sys.executable, "-m", "venv", "--without-pip", venv)
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    pip = _sh(sys.executable, "-m", "pip", "--python", python, "install", "--no-index",
              "--no-deps", "--disable-pip-version-check", wheel)  # fmt: skip
    assert pip.returncode == 0, pip.stderr[-3000:]
    site = _sh(python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])")
    # after the install, so that pip does not see this environment's editable krisebot
    Path(site.stdout.strip(), "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def _user_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KRISEBOT_", "XDG_"))}
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return {**env, "HOME": str(home), "PYTHONIOENCODING": "utf-8"}


def test_the_wheel_carries_the_raw_sources(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "bot/_data/raw/centres/centres.csv" in names
    assert "bot/_data/raw/postal/postal_codes_2026-05.tsv" in names
    if (ROOT / "data" / "curated").is_dir():
        assert any(n.startswith("bot/_data/curated/") for n in names)


def test_installed_wheel_answers_and_keeps_its_database_in_the_user_data_folder(
    installed: Path, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = _user_env(home)
    where = _sh(installed / "bin" / "python", "-c", "import bot; print(bot.__file__)",
                cwd=tmp_path, env=env)  # fmt: skip
    assert str(installed) in where.stdout, where.stdout + where.stderr

    asked = _sh(installed / "bin" / "krisebot", "ask", "Bærum", cwd=tmp_path, env=env)
    assert asked.returncode == 0, asked.stderr[-3000:]
    assert "Bærum har avtale med:" in asked.stdout
    assert (home / ".local" / "share" / "krisebot" / "krisebot.db").is_file()

    chat = _sh(installed / "bin" / "krisebot", "chat", input="Bærum\n", cwd=tmp_path, env=env)
    assert chat.returncode == 0, chat.stderr[-3000:]
    assert "Bærum har avtale med:" in chat.stdout
    assert "Building the database" not in chat.stderr


def test_installed_wheel_honours_krisebot_db(installed: Path, tmp_path: Path) -> None:
    env = {**_user_env(tmp_path), "KRISEBOT_DB": str(tmp_path / "mine.db")}
    asked = _sh(installed / "bin" / "krisebot", "ask", "1337", cwd=tmp_path, env=env)
    assert asked.returncode == 0, asked.stderr[-3000:]
    assert (tmp_path / "mine.db").is_file()
    assert not (tmp_path / ".local").exists()
