"""Ship the data with the wheel: ``data/raw`` and ``data/curated`` go into ``bot/_data/``.

Everything else about the package is in ``pyproject.toml``. A plain ``pip install .`` (a wheel,
as pipx or a Docker stage installs it) then has the sources to build its database from; an
editable install reads ``data/`` in the checkout directly (see ``bot.config``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("raw", "curated")


class BuildPyWithData(build_py):
    """``build_py`` that also copies the shipped data folders into the built package."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        for name in SHIPPED:
            source = HERE / "data" / name
            if source.is_dir():
                target = Path(self.build_lib) / "bot" / "_data" / name
                shutil.copytree(source, target, dirs_exist_ok=True, ignore=_ignored)


def _ignored(folder: str, names: list[str]) -> set[str]:
    return {n for n in names if n == "__pycache__" or n.endswith((".pyc", ".tmp"))}


setup(cmdclass={"build_py": BuildPyWithData})
