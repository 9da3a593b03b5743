"""The ``krisebot`` command: parse -> Settings -> one call -> print.

Commands: ``build-db``, ``fetch-ssb``, ``ask``, ``chat``, ``run``, ``links``, ``browse``.
Every command that needs the database builds it first when it is missing or stale, so a
newcomer never has to know that step exists. A build never overwrites a file that is not a
Krisebot database (a typo in ``--db`` must not destroy a document).
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TextIO

import click

from bot import config, schema
from bot.answers import Answerer
from bot.answers.knowledge import KnowledgeReplies
from bot.catalog.db import DatabaseError, is_krisebot_database, open_readonly, stale_reason
from bot.catalog.knowledge import KnowledgeBase, KnowledgeIndexError, load_index, load_knowledge
from bot.catalog.load import load_catalog, load_stats
from bot.config import Settings
from bot.export import csv_row, csv_text, reply_json
from bot.pipeline.sources import RawPaths, SourceError
from bot.terminal import Terminal
from bot.text import t
from bot.understand.classifier import Classifier
from bot.understand.features import ModelError, load_vectoriser
from bot.understand.retrieve import Retriever


def _raw_inputs(raw_dir: Path) -> set[str]:
    raw = RawPaths(raw_dir)
    return {raw.relative(p) for p in raw.all_inputs() if p.exists()}


def build_database(settings: Settings, out: Path | None = None, to_stderr: bool = False) -> None:
    """Build the database from ``settings.raw_dir`` and print the coverage report."""
    from bot.pipeline.build import build

    target = out or settings.db_path
    refuse_foreign(target)
    started = time.perf_counter()
    try:
        build(settings.raw_dir, target)
    except SourceError as exc:
        raise click.ClickException(f"build failed: {exc}") from exc
    except (OSError, sqlite3.Error) as exc:
        raise click.ClickException(_write_or_read_failed(target, exc)) from exc
    elapsed = time.perf_counter() - started
    click.echo(f"Built {target} in {elapsed:.2f} s\n{_coverage(target)}", err=to_stderr)


def _coverage(path: Path) -> str:
    from bot.pipeline.coverage import measure, report

    with sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True) as conn:
        return report(measure(conn))


def _write_or_read_failed(target: Path, exc: OSError | sqlite3.Error) -> str:
    """A clear message for a folder we cannot write to (or a source we cannot read)."""
    folder = target.parent
    if isinstance(exc, sqlite3.Error) or not _writable(folder):
        return (
            f"cannot write the database to {target}: the folder {folder} is read-only or not "
            "writable for this user. Build it somewhere writable with "
            "`krisebot --db /writable/path/krisebot.db build-db` and run with the same --db."
        )
    name = getattr(exc, "filename", None) or "a source file"
    return f"build failed: cannot read {name}: {getattr(exc, 'strerror', None) or exc}"


def _writable(folder: Path) -> bool:
    """Whether this user may create files in ``folder`` (False on a read-only mount)."""
    return os.access(folder if folder.exists() else Path.cwd(), os.W_OK)


def refuse_foreign(path: Path) -> None:
    """Stop before a build would replace ``path`` if it holds something else than our database."""
    if path.is_dir():
        raise click.ClickException(f"{path} is a folder: give a database file (--db)")
    if path.exists() and not is_krisebot_database(path):
        raise click.ClickException(
            f"refusing to overwrite {path}: it is not a Krisebot database. "
            "Check --db / KRISEBOT_DB, or move the file away yourself."
        )


def ensure_database(settings: Settings) -> None:
    """Build the database if it is missing or older than its sources. When the build fails
    and a valid database exists, serve that one: say why, and print its coverage report."""
    reason = stale_reason(settings.db_path, settings.raw_dir, _raw_inputs(settings.raw_dir))
    if reason is None and settings.db_path.is_file():
        from bot.pipeline.examples import stale_reason as models_stale_reason

        reason = models_stale_reason(settings.db_path)
    if reason is None:
        return
    if not settings.raw_dir.is_dir():
        if settings.db_path.is_file():
            return
        raise click.ClickException(f"no database and no raw sources at {settings.raw_dir}")
    click.echo(f"Building the database ({reason}) ...", err=True)
    try:
        build_database(settings, to_stderr=True)
    except click.ClickException as failed:
        if not _valid(settings.db_path):
            raise
        click.echo(
            f"Error: {failed.message}\nServing the existing database {settings.db_path} "
            f"(last good build; {reason}, not in it). Its coverage report:\n"
            f"{_coverage(settings.db_path)}",
            err=True,
        )


def _valid(path: Path) -> bool:
    try:
        open_readonly(path).close()
    except DatabaseError:
        return False
    return True


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


@main.command("build-db")
@click.option("--out", type=click.Path(path_type=Path), help="Where to write the database.")
@click.option(
    "--raw", "raw_dir", type=click.Path(path_type=Path), envvar=config.RAW_DIR,
    show_envvar=True, help="The raw sources.",
)  # fmt: skip
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
    try:
        return answerer_from(conn)
    except (ModelError, KnowledgeIndexError) as exc:
        raise click.ClickException(f"{exc} (run `krisebot build-db`)") from exc


def answerer_from(conn: sqlite3.Connection) -> Answerer:
    """The answer core over an open database: catalog, statistics and the knowledge base."""
    catalog = load_catalog(conn)
    knowledge = load_knowledge(conn)
    retriever = load_retriever(conn, knowledge)
    classifier = Classifier.load(conn)
    replies = KnowledgeReplies(knowledge, retriever, catalog, help_topic(classifier))
    return Answerer(catalog, load_stats(conn), replies, classifier)


#: The topic classifier's reading counts when it is this sure that a message asks for help.
HELP_INTENT_P = 0.6


def help_topic(classifier: Classifier) -> Callable[[str], str | None]:
    """The classifier's topic for a message it reads as a help question (else None)."""

    def topic(text: str) -> str | None:
        scores = classifier.scores(text)
        return scores.topic if scores.p("help") >= HELP_INTENT_P else None

    return topic


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


def load_retriever(conn: sqlite3.Connection, knowledge: KnowledgeBase) -> Retriever:
    """The knowledge retrieval: the stored vectoriser and question index over ``knowledge``."""
    vectoriser = load_vectoriser(conn, schema.KNOWLEDGE_MODEL)
    return Retriever(vectoriser, load_index(conn), knowledge)


QUESTIONS = Path(__file__).resolve().parent.parent / "tests" / "data" / "questions.tsv"


@main.command("eval")
@click.argument(
    "file", required=False, type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="FILE's report as one JSON object.")
@click.option(
    "--questions", "questions", is_flag=False, flag_value=str(QUESTIONS), default=None,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Measure retrieval on a question file (default: tests/data/questions.tsv).",
)  # fmt: skip
@click.option("-v", "--verbose", is_flag=True, help="List every question answered wrongly.")
@click.pass_obj
def evaluate(
    settings: Settings, file: Path | None, as_json: bool, questions: Path | None, verbose: bool
) -> None:
    """Measure understanding. FILE: labelled messages (the columns of examples_dev.tsv):
    accuracy per intent, topics, danger recall, false emergencies, confusion matrix, misses.
    --questions: the knowledge retrieval."""
    if file is None and questions is None:
        raise click.UsageError("give FILE (labelled messages) and/or --questions [FILE]")
    if file is not None:
        _eval_messages(settings, file, as_json)
    if questions is not None:
        _eval_questions(settings, questions, verbose)


def _eval_messages(settings: Settings, file: Path, as_json: bool) -> None:
    from bot import evaluate as report_on

    try:
        rows = report_on.read_labelled(file)
    except report_on.LabelledFileError as exc:
        raise click.ClickException(str(exc)) from exc
    report = report_on.evaluate(rows, report_on.predictor(load_answerer(settings)))
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=1))
    else:
        click.echo(report_on.format_report(report))


def _eval_questions(settings: Settings, questions: Path, verbose: bool) -> None:
    from bot.understand import retrieval_eval

    ensure_database(settings)
    try:
        conn = open_readonly(settings.db_path)
        knowledge = load_knowledge(conn)
        retriever = load_retriever(conn, knowledge)
        cases = retrieval_eval.read_cases(questions, knowledge)
        answerer = answerer_from(conn)
    except (DatabaseError, ModelError, KnowledgeIndexError, retrieval_eval.CaseError,
            OSError) as exc:  # fmt: skip
        raise click.ClickException(str(exc)) from exc
    report = retrieval_eval.run(
        cases, retriever, lambda q: answerer.answer(q, "nb").statements, knowledge, verbose
    )
    click.echo(report)


@main.command("chat")
@LANG
@click.pass_obj
def chat(settings: Settings, lang: str) -> None:
    """The bot's conversation in the terminal (no Telegram token needed)."""
    answerer = load_answerer(settings)
    Terminal(answerer, lang, click.echo, default_lang=lang).run(_prompted(_stdin()))


HEADLESS_ERROR = (
    "no bot token and no terminal: set TELEGRAM_BOT_TOKEN to serve the bot on Telegram, "
    "or run `krisebot chat` in a terminal"
)


@main.command("run")
@click.option(
    "--webhook", "webhook_url", help="Public HTTPS URL: run a webhook instead of polling."
)
@click.option("--listen", default="0.0.0.0", show_default=True, help="Webhook listen address.")  # noqa: S104
@click.option("--port", default=8443, show_default=True, help="Webhook port.")
@click.option(
    "--base-url", envvar=config.BASE_URL, show_envvar=True,
    help="Another Bot API server, e.g. a self-hosted telegram-bot-api.",
)  # fmt: skip
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
    """Serve the bot on Telegram (token from TELEGRAM_BOT_TOKEN); without one, chat here.

    Without a token and without a terminal (as in a container) it stops with an error.
    """
    from bot.state import StateUnavailable
    from bot.tg.run import StartFailed, Webhook, message
    from bot.tg.run import run as run_bot

    if base_url:
        settings = replace(settings, base_url=base_url)
    if not settings.token and not sys.stdin.isatty():
        raise click.ClickException(HEADLESS_ERROR)
    answerer = load_answerer(settings)
    if not settings.token:
        click.echo(t(lang, "no_token"), err=True)
        Terminal(answerer, lang, click.echo, default_lang=lang).run(_prompted(_stdin()))
        return
    webhook = Webhook(webhook_url, listen, port) if webhook_url else None
    try:
        run_bot(settings, answerer, webhook)
    except StartFailed as error:
        raise click.ClickException(message(error, lang)) from None
    except StateUnavailable as error:
        raise click.ClickException(str(error)) from None


@main.command("links")
@click.option(
    "--bot", "username", envvar=config.BOT_USERNAME, show_envvar=True, required=True,
    help="The bot's @username (the links open this bot).",
)  # fmt: skip
@click.option(
    "--qr", "qr_dir", type=click.Path(file_okay=False, path_type=Path),
    help="Also write one QR code (PNG) per link into this folder.",
)  # fmt: skip
@click.pass_obj
def links(settings: Settings, username: str, qr_dir: Path | None) -> None:
    """Deep links for posters: one per municipality (m_3201) and per centre (c_<id>).

    Each line: payload, what it opens, URL (tab-separated). A link names a place or a centre,
    never a person.
    """
    from bot.tg.deeplinks import all_links, write_qr_codes

    catalog = load_answerer(settings).catalog
    try:
        found = all_links(catalog, username)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--bot") from None
    for link in found:
        click.echo(f"{link.payload}\t{link.label}\t{link.url}")
    if qr_dir is not None:
        try:
            written = write_qr_codes(found, qr_dir)
        except OSError as exc:
            raise click.ClickException(f"cannot write QR codes to {qr_dir}: {exc}") from None
        click.echo(f"{len(written)} QR codes in {qr_dir}", err=True)


@main.command("browse")
@click.option("--port", default=8001, show_default=True, help="Port on 127.0.0.1.")
@click.option(
    "--save-metadata", type=click.Path(dir_okay=False, path_type=Path),
    help="Write datasette's metadata.json (titles, sources, licences) here and stop.",
)  # fmt: skip
@click.pass_obj
def browse(settings: Settings, port: int, save_metadata: Path | None) -> None:
    """The database in datasette: browse, search and export CSV (read-only, 127.0.0.1)."""
    from bot import browse as datasette_browser

    ensure_database(settings)
    if save_metadata is not None:
        datasette_browser.write_metadata(save_metadata, settings.db_path.stem)
        click.echo(f"metadata: {save_metadata}", err=True)
        return
    if importlib.util.find_spec("datasette") is None:
        raise click.ClickException("browse needs datasette: pip install 'krisebot[browse]'")
    click.echo(f"http://{datasette_browser.HOST}:{port}/{settings.db_path.stem}", err=True)
    with tempfile.TemporaryDirectory() as folder:
        datasette_browser.serve(settings.db_path, port, Path(folder))


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
