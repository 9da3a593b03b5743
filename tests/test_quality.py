"""Promises the code base keeps: lint and types are clean, imports point one way (the core
sees neither Telegram nor SQL), each heavy library stays in its one place, every CLI command is
documented in the README."""

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


def _modules(path: Path) -> set[str]:
    """Every module ``path`` imports, anywhere in it (also inside functions), in full."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _imports(path: Path) -> set[str]:
    return {name.split(".")[0] for name in _modules(path)}


BOT_FILES = sorted((ROOT / "bot").rglob("*.py"))

#: Which parts of ``bot`` each part may import (DESIGN.md, "Layout"): cli -> {tg, terminal}
#: -> answers -> {understand, catalog, text} -> schema; the pipeline only for cli.
MAY_IMPORT = {
    "answers": {"answers", "understand", "catalog", "text", "schema", "names"},
    "understand": {"understand", "catalog", "names", "schema"},
    "catalog": {"catalog", "schema", "names"},
    "text": {"text"},
    # the pipeline fits models with understand's feature definition and stores them for catalog
    "pipeline": {"pipeline", "schema", "names", "understand", "catalog"},
    "names": set(),
    "schema": set(),
    "config": set(),
}
#: Libraries that live in one place only.
ONLY_IN = {
    "pandas": ("bot/pipeline/",),
    "telegram": ("bot/tg/",),
    "matplotlib": ("bot/answers/charts.py",),
    "sqlite3": ("bot/catalog/", "bot/pipeline/", "bot/cli/"),
    "sklearn": ("bot/pipeline/",),
    "datasette": ("bot/browse.py",),
    "segno": ("bot/tg/deeplinks.py",),
}


def _part(path: Path) -> str:
    rel = path.relative_to(ROOT / "bot")
    return rel.parts[0].removesuffix(".py")


@pytest.mark.parametrize("path", BOT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_one_way(path: Path) -> None:
    part = _part(path)
    used = {m.split(".")[1] for m in _modules(path) if m.startswith("bot.") and m != "bot"}
    if part in MAY_IMPORT:
        assert used <= MAY_IMPORT[part], f"{part} may not import {used - MAY_IMPORT[part]}"
    if part != "cli":
        assert "pipeline" not in used or part == "pipeline"


@pytest.mark.parametrize("path", BOT_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_heavy_libraries_live_in_one_place(path: Path) -> None:
    rel = path.relative_to(ROOT).as_posix()
    for library, places in ONLY_IN.items():
        if library in _imports(path):
            assert rel.startswith(places), f"{library} imported in {rel}"


def test_the_import_rules_can_fail() -> None:
    """The two checks above see a forbidden import (they read imports inside functions too)."""
    assert "telegram.ext" in _modules(ROOT / "bot" / "tg" / "context.py")
    assert "matplotlib" in _imports(ROOT / "bot" / "answers" / "charts.py")
    assert "bot.pipeline.build" in _modules(ROOT / "bot" / "cli" / "database.py")


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


#: One line of a lock file: a package pinned to one exact version, maybe for some platforms only.
_EXACT_PIN = r"[A-Za-z0-9][A-Za-z0-9_.-]*==[A-Za-z0-9_.+!-]+(?: ; .+)?"


def _normalised(name: str) -> str:
    import re

    return re.sub(r"[-_.]+", "-", name).lower()


def _lock_problems(lock: str, wanted: set[str]) -> list[str]:
    """What keeps ``lock`` from being a lock file of ``wanted``: lines that are not an exact
    ``==`` pin, and packages of ``wanted`` it does not pin."""
    import re

    lines = [line.strip() for line in lock.splitlines()]
    pins = [line for line in lines if line and not line.startswith("#")]
    exact = [line for line in pins if re.fullmatch(_EXACT_PIN, line)]
    problems = [f"not an exact pin: {line}" for line in pins if line not in exact]
    pinned = {_normalised(line.split("==", 1)[0]) for line in exact}
    missing = sorted({_normalised(name) for name in wanted} - pinned)
    return problems + [f"not pinned: {name}" for name in missing]


def test_every_dependency_is_pinned_in_the_lock_file() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = _requirement_names(project["dependencies"])
    for extra in project["optional-dependencies"].values():
        wanted |= _requirement_names(extra)
    lock = (ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert _lock_problems(lock, wanted) == []


def test_the_build_backend_is_pinned_to_the_locked_version() -> None:
    """pip builds the editable install in an isolated environment that ``-c requirements.txt``
    does not constrain: the build backend is pinned in pyproject.toml itself, to the version
    requirements.txt locks, so a new setuptools release cannot turn a fresh install red."""
    import tomllib

    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    backend = pyproject["build-system"]["requires"]
    assert _lock_problems("\n".join(backend), {"setuptools"}) == []
    lock = _pinned_versions((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    assert _pinned_versions("\n".join(backend)) <= lock


def test_the_lock_file_check_can_fail() -> None:
    """A range instead of a pin, or a dependency left out, is reported."""
    lock = "# header\nnumpy>=1.26\n    # via krisebot\nclick==8.1.7 ; sys_platform == 'win32'\n"
    assert _lock_problems(lock, {"numpy", "click", "scikit_learn"}) == [
        "not an exact pin: numpy>=1.26",
        "not pinned: numpy",
        "not pinned: scikit-learn",
    ]


def _pinned_versions(lock: str) -> set[tuple[str, str]]:
    """(package, version) of every exact pin in a requirements lock."""
    return {
        (_normalised(name), version.split(" ;", 1)[0].strip())
        for name, _, version in (line.strip().partition("==") for line in lock.splitlines())
        if version and not name.startswith("#")
    }


def test_uv_lock_holds_the_versions_of_requirements_txt() -> None:
    """uv.lock (for uv, with hashes) and requirements.txt (for pip) lock the same versions."""
    import tomllib

    uv_lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    locked = {
        (_normalised(p["name"]), p["version"])
        for p in uv_lock["package"]
        if p["source"] != {"editable": "."}  # krisebot itself
    }
    assert locked == _pinned_versions((ROOT / "requirements.txt").read_text(encoding="utf-8"))
    assert _pinned_versions("a==1 ; x\nb==2\n# c==3\n") == {("a", "1"), ("b", "2")}
