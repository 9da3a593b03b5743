"""The Dockerfile's promises (no Docker engine on this machine: checked statically, and its
HEALTHCHECK command is run for real against a database)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")


def test_database_is_built_at_image_build_time() -> None:
    runs = " ".join(re.findall(r"^RUN (.+?)(?<!\\)$", DOCKERFILE, re.M | re.S))
    assert "build-db" in runs


def test_runs_as_a_non_root_user() -> None:
    users = re.findall(r"^USER (\S+)", DOCKERFILE, re.M)
    assert users
    assert users[-1] not in {"root", "0"}
    assert "useradd" in DOCKERFILE


def test_healthcheck_asks_a_known_municipality_and_works(db_path: Path) -> None:
    match = re.search(r"^HEALTHCHECK .*?\n\s*CMD (.+)$", DOCKERFILE, re.M)
    assert match is not None
    command = match.group(1)
    assert "krisebot ask" in command
    # The command runs as in the image, where ``krisebot`` is on PATH: here, this interpreter's.
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "KRISEBOT_DB": str(db_path)}
    ok = subprocess.run(["sh", "-c", command], env=env, check=False, timeout=60)
    assert ok.returncode == 0
    broken = {**env, "KRISEBOT_DB": str(db_path.parent / "missing.db"),
              "KRISEBOT_RAW_DIR": str(db_path.parent / "no-raw")}  # fmt: skip
    failed = subprocess.run(["sh", "-c", command], env=broken, check=False, timeout=60,
                            capture_output=True)  # fmt: skip
    assert failed.returncode != 0


def test_installs_the_locked_versions() -> None:
    assert "COPY pyproject.toml README.md requirements.lock" in DOCKERFILE
    assert "-c requirements.lock" in DOCKERFILE
