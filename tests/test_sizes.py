"""Modules and classes stay small enough to read in one sitting: no module under ``bot/`` over
``MAX_MODULE_LINES`` lines, no class over ``MAX_CLASS_LINES`` (the project's habit: modules
under ~250 lines, classes under ~150). A module that grows past the limit is split along its
seams (the README's "How it is built" says where things go), not added to the allow-list."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 250
MAX_CLASS_LINES = 150

#: Known, named exceptions on their way out: (path or path::Class) -> why it is not split yet.
#: Empty: everything fits. Add an entry only for what truly cannot be split yet, and say why.
ALLOWED: dict[str, str] = {}

BOT_FILES = sorted((ROOT / "bot").rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def module_lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def class_lines(path: Path) -> dict[str, int]:
    """Every class in ``path`` (nested ones too) -> its length in lines, decorators included."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    sizes: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and node.end_lineno is not None:
            first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
            sizes[node.name] = node.end_lineno - first + 1
    return sizes


@pytest.mark.parametrize("path", BOT_FILES, ids=_rel)
def test_no_module_is_too_long(path: Path) -> None:
    if _rel(path) in ALLOWED:
        return
    lines = module_lines(path)
    assert lines <= MAX_MODULE_LINES, f"{_rel(path)}: {lines} lines; split it along its seams"


@pytest.mark.parametrize("path", BOT_FILES, ids=_rel)
def test_no_class_is_too_long(path: Path) -> None:
    for name, lines in class_lines(path).items():
        if f"{_rel(path)}::{name}" in ALLOWED:
            continue
        assert lines <= MAX_CLASS_LINES, f"{_rel(path)}::{name}: {lines} lines; split it"


def test_the_allow_list_names_only_what_is_still_too_long() -> None:
    """An entry goes as soon as its module or class is small enough (or gone)."""
    for entry in ALLOWED:
        path, _, name = entry.partition("::")
        file = ROOT / path
        assert file.is_file(), entry
        size = class_lines(file).get(name, 0) if name else module_lines(file)
        assert size > (MAX_CLASS_LINES if name else MAX_MODULE_LINES), entry


def test_the_size_checks_can_fail(tmp_path: Path) -> None:
    """The counts see a long module and a long class (decorators and nested classes too)."""
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_CLASS_LINES))
    source = f"@dataclass\nclass Outer:\n    class Inner:\n{body.replace('    ', '        ')}\n"
    big = tmp_path / "big.py"
    big.write_text(source + "\n" * MAX_MODULE_LINES, encoding="utf-8")
    assert module_lines(big) > MAX_MODULE_LINES
    sizes = class_lines(big)
    assert sizes["Outer"] > MAX_CLASS_LINES and sizes["Inner"] == MAX_CLASS_LINES + 1
