"""``krisebot eval``: measure understanding (labelled messages) and knowledge retrieval."""

from __future__ import annotations

import json
from pathlib import Path

import click

from bot.catalog.db import DatabaseError, open_readonly
from bot.catalog.knowledge import KnowledgeIndexError, load_knowledge
from bot.cli.database import ensure_database
from bot.cli.group import main
from bot.cli.loading import answerer_from, load_answerer, load_retriever
from bot.config import PROJECT_DIR, Settings
from bot.understand.features import ModelError

QUESTIONS = PROJECT_DIR / "tests" / "data" / "questions.tsv"


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
