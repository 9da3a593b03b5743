"""The ``krisebot`` command: parse -> Settings -> one call -> print.

Commands: ``build-db``, ``fetch-ssb``, ``ask``, ``chat``, ``run``. Every command that needs the
database builds it first when it is missing or stale, so a newcomer never has to know that
step exists.
"""

from __future__ import annotations

import io
import json
import sqlite3
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click

from bot.answers import Answerer
from bot.config import Settings
from bot.db import DatabaseError, open_readonly, stale_reason
from bot.pipeline.sources import RawPaths, SourceError
from bot.queries import load_catalog
from bot.stats import build_stats
from bot.terminal import Terminal
from bot.text import t
from bot.understand.features import ModelError


def _raw_inputs(raw_dir: Path) -> set[str]:
    raw = RawPaths(raw_dir)
    return {raw.relative(p) for p in raw.all_inputs() if p.exists()}


def build_database(settings: Settings, out: Path | None = None, to_stderr: bool = False) -> None:
    """Build the database from ``settings.raw_dir`` and print the coverage report."""
    from bot.pipeline.build import build
    from bot.pipeline.coverage import measure, report

    target = out or settings.db_path
    started = time.perf_counter()
    try:
        build(settings.raw_dir, target)
    except SourceError as exc:
        raise click.ClickException(f"build failed: {exc}") from exc
    elapsed = time.perf_counter() - started
    with sqlite3.connect(target) as conn:
        text = report(measure(conn))
    click.echo(f"Built {target} in {elapsed:.2f} s\n{text}", err=to_stderr)


def ensure_database(settings: Settings) -> None:
    """Build the database if it is missing or older than its sources."""
    reason = stale_reason(settings.db_path, settings.raw_dir, _raw_inputs(settings.raw_dir))
    if reason is None:
        return
    if not settings.raw_dir.is_dir():
        if settings.db_path.is_file():
            return
        raise click.ClickException(f"no database and no raw sources at {settings.raw_dir}")
    click.echo(f"Building the database ({reason}) ...", err=True)
    build_database(settings, to_stderr=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--db", "db_path", type=click.Path(path_type=Path), help="Database file.")
@click.pass_context
def main(ctx: click.Context, db_path: Path | None) -> None:
    """Krisebot: crisis centres, help and statistics for violence in close relationships."""
    ctx.obj = Settings.from_env(db_path=db_path)


@main.command("build-db")
@click.option("--out", type=click.Path(path_type=Path), help="Where to write the database.")
@click.option("--raw", "raw_dir", type=click.Path(path_type=Path), help="The raw sources.")
@click.pass_obj
def build_db(settings: Settings, out: Path | None, raw_dir: Path | None) -> None:
    """Build the SQLite database from data/raw/ and print the coverage report."""
    if raw_dir is not None:
        settings = replace(settings, raw_dir=raw_dir)
    build_database(settings, out)


@main.command("fetch-ssb")
@click.option("--table", "tables", multiple=True, help="Table id (default: 11678 12130 12991).")
@click.pass_obj
def fetch_ssb(settings: Settings, tables: tuple[str, ...]) -> None:
    """Download SSB tables (PxWebApi v2, JSON-stat2) into data/raw/ssb/api/, then rebuild."""
    from bot.pipeline.fetch import TABLES, FetchError, fetch_tables

    try:
        fetched = fetch_tables(RawPaths(settings.raw_dir).ssb_api_dir, tables or TABLES)
    except FetchError as exc:
        raise click.ClickException(f"fetch failed: {exc}") from exc
    for item in fetched:
        click.echo(f"{item.table}: {item.cells} cells -> {item.path}")
    build_database(settings)


def load_answerer(settings: Settings) -> Answerer:
    """Build the database if needed, open it read-only and load the answer core."""
    ensure_database(settings)
    try:
        conn = open_readonly(settings.db_path)
    except DatabaseError as exc:
        raise click.ClickException(str(exc)) from exc
    return Answerer(load_catalog(conn), build_stats(conn))


def _stdin() -> TextIO:
    """Standard input that replaces undecodable bytes instead of raising."""
    stream = sys.stdin
    if isinstance(stream, io.TextIOWrapper):
        stream.reconfigure(errors="replace")
    return stream


def _queries(text: tuple[str, ...]) -> list[str]:
    if text == ("-",) or (not text and not sys.stdin.isatty()):
        return _stdin().read().splitlines()
    if not text:
        raise click.UsageError("give TEXT, or - to read one query per line from stdin")
    return [" ".join(text)]


LANG = click.option(
    "--lang", type=click.Choice(["nb", "en"]), default="nb", show_default=True,
    help="Reply language.",
)  # fmt: skip


@main.command("ask")
@LANG
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line.")
@click.option(
    "--chart", "chart_path", type=click.Path(dir_okay=False, path_type=Path),
    help="Write the statistics chart (PNG) of the answer here.",
)  # fmt: skip
@click.argument("text", nargs=-1)
@click.pass_obj
def ask(
    settings: Settings, lang: str, as_json: bool, chart_path: Path | None, text: tuple[str, ...]
) -> None:
    """Answer TEXT (or, with - or piped stdin, one query per line) as the bot would."""
    queries = _queries(text)
    if chart_path and len(queries) != 1:
        raise click.UsageError("--chart needs exactly one query")
    answerer = load_answerer(settings)
    for i, query in enumerate(queries):
        reply = answerer.answer(query, lang, chart=chart_path is not None)
        if chart_path:
            _write_chart(reply.chart, chart_path)
        if as_json:
            click.echo(json.dumps(reply.to_json(query), ensure_ascii=False))
        else:
            click.echo(("\n" + "─" * 40 + "\n" if i else "") + reply.text)


def _write_chart(png: bytes | None, path: Path) -> None:
    if png is None:
        raise click.ClickException("this answer has no chart (ask about statistics)")
    path.write_bytes(png)
    click.echo(f"chart: {path}", err=True)


QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.tsv"


@main.command("eval")
@click.option(
    "--questions", "questions", is_flag=False, flag_value=str(QUESTIONS), default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Measure retrieval on a question file (default: tests/data/questions.tsv).",
)  # fmt: skip
@click.option("-v", "--verbose", is_flag=True, help="List every question answered wrongly.")
@click.pass_obj
def evaluate(settings: Settings, questions: Path | None, verbose: bool) -> None:
    """Measure understanding on a labelled set: --questions for the knowledge retrieval."""
    from bot.catalog.knowledge import load_knowledge
    from bot.understand import retrieval_eval
    from bot.understand.retrieve import load_retriever

    if questions is None:
        raise click.UsageError("give --questions [FILE]")
    ensure_database(settings)
    try:
        conn = open_readonly(settings.db_path)
        knowledge = load_knowledge(conn)
        retriever = load_retriever(conn, knowledge)
        cases = retrieval_eval.read_cases(questions, knowledge)
    except (DatabaseError, ModelError, retrieval_eval.CaseError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(retrieval_eval.run(cases, retriever, lambda _: None, verbose))


@main.command("chat")
@LANG
@click.pass_obj
def chat(settings: Settings, lang: str) -> None:
    """The bot's conversation in the terminal (no Telegram token needed)."""
    answerer = load_answerer(settings)
    Terminal(answerer, lang, click.echo, default_lang=lang).run(_prompted(_stdin()))


@main.command("run")
@click.option(
    "--webhook", "webhook_url", help="Public HTTPS URL: run a webhook instead of polling."
)
@click.option("--listen", default="0.0.0.0", show_default=True, help="Webhook listen address.")  # noqa: S104
@click.option("--port", default=8443, show_default=True, help="Webhook port.")
@click.option("--base-url", help="Another Bot API server (TELEGRAM_API_BASE_URL).")
@LANG
@click.pass_obj
def run(
    settings: Settings,
    webhook_url: str | None,
    listen: str,
    port: int,
    base_url: str | None,
    lang: str,
) -> None:
    """Serve the bot on Telegram (token from TELEGRAM_BOT_TOKEN); without one, chat here."""
    from bot.tg.run import TelegramUnreachable, TokenRejected, Webhook
    from bot.tg.run import run as run_bot

    if base_url:
        settings = replace(settings, base_url=base_url)
    answerer = load_answerer(settings)
    if not settings.token:
        click.echo(t(lang, "no_token"), err=True)
        Terminal(answerer, lang, click.echo, default_lang=lang).run(_prompted(_stdin()))
        return
    webhook = Webhook(webhook_url, listen, port) if webhook_url else None
    try:
        run_bot(settings, answerer, webhook)
    except TokenRejected:
        raise click.ClickException(t(lang, "token_rejected")) from None
    except TelegramUnreachable:
        raise click.ClickException(t(lang, "telegram_unreachable")) from None


def _prompted(stream: TextIO) -> Iterator[str]:
    interactive = stream.isatty()
    while True:
        if interactive:
            click.echo("> ", nl=False)
        line = stream.readline()
        if not line:
            return
        yield line


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
