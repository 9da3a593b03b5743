"""Promises the code base keeps: lint and types are clean, pandas stays in the pipeline,
every CLI command is documented in the README."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

ROOT = Path(__file__).resolve().parent.parent


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_is_clean() -> None:
    lint = _run("ruff", "check", ".")
    assert lint.returncode == 0, lint.stdout + lint.stderr
    fmt = _run("ruff", "format", "--check", ".")
    assert fmt.returncode == 0, fmt.stdout + fmt.stderr


def test_mypy_strict_is_clean() -> None:
    result = _run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0] if node.level == 0 else node.module)
    return names


@pytest.mark.parametrize(
    "path",
    [p for p in sorted((ROOT / "bot").rglob("*.py")) if "pipeline" not in p.parts],
    ids=lambda p: str(p.relative_to(ROOT)),
)
def test_pandas_lives_only_in_the_pipeline(path: Path) -> None:
    assert "pandas" not in _imports(path)


def test_every_cli_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in main.commands:
        assert f"krisebot {name}" in readme, name


def test_ci_runs_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = next(line for line in ci.splitlines() if "pytest" in line).strip()
    assert command in readme


def test_security_md_names_only_files_and_tests_that_exist() -> None:
    import re

    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    assert "SECURITY.md" in (ROOT / "README.md").read_text(encoding="utf-8")
    refs = re.findall(r"`((?:bot|tests)/[\w/]+\.py)(?:::(\w+))?`", text)
    assert len(refs) >= 8
    for path, test in refs:
        source = (ROOT / path).read_text(encoding="utf-8")
        if test:
            assert f"def {test}(" in source, f"{path}::{test}"


def _requirement_names(specs: list[str]) -> set[str]:
    import re

    return {re.split(r"[\[<>=!~; ]", spec, maxsplit=1)[0].lower() for spec in specs}


def test_every_dependency_is_pinned_in_the_lock_file() -> None:
    import re
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _requirement_names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= _requirement_names(extra)
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pinned = {m.lower() for m in re.findall(r"^([A-Za-z0-9_.-]+)==\S+", lock, re.M)}
    normalise = lambda name: re.sub(r"[-_.]+", "-", name)  # noqa: E731
    assert {normalise(n) for n in wanted} <= {normalise(n) for n in pinned}
