"""``krisebot ask``: answer queries as the bot would, as text, JSON lines or CSV rows."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from bot.cli.group import main, stdin
from bot.cli.loading import load_answerer
from bot.config import Settings
from bot.export import csv_row, csv_text, reply_json


def _queries(text: tuple[str, ...]) -> list[str]:
    if text == ("-",) or (not text and not sys.stdin.isatty()):
        return stdin().read().splitlines()
    if not text:
        raise click.UsageError("give TEXT, or - to read one query per line from stdin")
    return [" ".join(text)]


def _chart_target(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    """``--chart``: the folder must exist (a clear error, not a traceback after the answer)."""
    if value is not None and not value.parent.is_dir():
        raise click.BadParameter(f"the folder {value.parent} does not exist", ctx, param)
    return value


@main.command("ask")
@click.option(
    "--lang", type=click.Choice(["nb", "en"]), default=None,
    help="Reply language (default: the message's own; bokmål when it cannot tell).",
)  # fmt: skip
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text",
    show_default=True,
    help="text as the user reads it; json: one object per line; csv: one row per query "
    "(municipality, centre, phone, website, basis, source, year) for staff lists.",
)  # fmt: skip
@click.option("--json", "as_json", is_flag=True, help="The same as --format json.")
@click.option(
    "--chart", "chart_path", type=click.Path(dir_okay=False, path_type=Path),
    callback=_chart_target, help="Write the statistics chart (PNG) of the answer here.",
)  # fmt: skip
@click.argument("text", nargs=-1)
@click.pass_obj
def ask(
    settings: Settings,
    lang: str | None,
    fmt: str,
    as_json: bool,
    chart_path: Path | None,
    text: tuple[str, ...],
) -> None:
    """Answer TEXT (or, with - or piped stdin, one query per line) as the bot would."""
    fmt = "json" if as_json else fmt
    queries = _queries(text)
    if chart_path and len(queries) != 1:
        raise click.UsageError("--chart needs exactly one query")
    answerer = load_answerer(settings)
    rows: list[dict[str, str]] = []
    for i, query in enumerate(queries):
        reply = answerer.answer(query, lang or "nb", chart=chart_path is not None,
                                chosen=lang is not None)  # fmt: skip
        if chart_path:
            _write_chart(reply.chart, chart_path)
        if fmt == "json":
            click.echo(json.dumps(reply_json(answerer.catalog, reply, query), ensure_ascii=False))
        elif fmt == "csv":
            rows.append(csv_row(answerer.catalog, reply, query))
        else:
            click.echo(("\n" + "─" * 40 + "\n" if i else "") + reply.text)
    if fmt == "csv":
        click.echo(csv_text(rows), nl=False)


def _write_chart(png: bytes | None, path: Path) -> None:
    if png is None:
        raise click.ClickException("this answer has no chart (ask about statistics)")
    try:
        path.write_bytes(png)
    except OSError as exc:
        raise click.ClickException(f"cannot write the chart to {path}: {exc.strerror}") from None
    click.echo(f"chart: {path}", err=True)
