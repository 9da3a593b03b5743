"""The ``krisebot`` command group (``--db``, ``--help`` with the environment, ``--version``)
and what several commands share: the ``--lang`` option and reading standard input."""

from __future__ import annotations

import io
import sys
from pathlib import Path
from typing import TextIO

import click

from bot import config
from bot.config import Settings


def _environment_help() -> str:
    """The environment variables for ``krisebot --help`` (``\b``: click keeps the lines)."""
    width = max(len(v.name) for v in config.ENV_VARS)
    lines = [f"  {v.name.ljust(width)}  {v.help}" for v in config.ENV_VARS]
    return "\b\nEnvironment variables:\n" + "\n".join(lines)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=_environment_help())
@click.version_option(package_name="krisebot", prog_name="krisebot")
@click.option(
    "--db", "db_path", type=click.Path(path_type=Path), envvar=config.DB, show_envvar=True,
    help="Database file (built there when missing; never over another kind of file).",
)  # fmt: skip
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """Krisebot: crisis centres, help and statistics for violence in close relationships."""
    ctx.obj = Settings.from_env(db_path=db_path)


LANG = click.option(
    "--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True,
    help="Reply language.",
)  # fmt: skip


def stdin() -> TextIO:
    """Standard input that replaces undecodable bytes instead of raising."""
    stream = sys.stdin
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream
