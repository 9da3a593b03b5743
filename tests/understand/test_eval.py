"""``krisebot eval``: the report on a labelled file, and the two promises the dev set keeps:
every message about danger now is an emergency, no disclosure is answered as not understood."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answers import Answerer
from bot.cli import main
from bot.evaluate import evaluate, predictor, read_labelled
from tests.understand.test_examples import dev_set

LABELLED = (
    "message\tintent\ttopic\tlang\tnote\n"
    "han slår meg nå\temergency\t-\tnb\t\n"
    "mannen min kontrollerer pengene mine\tdisclosure\tis_it_violence\tnb\t\n"
    "hvordan anmelder jeg\thelp\tpolice\tnb\t\n"
    "Bodø\tcentre\t-\tnb\t\n"
    "tusen takk\tsmalltalk\t-\tnb\t\n"
    "hva blir været i morgen\tunknown\t-\tnb\t\n"
    "mój mąż mnie bije\tdisclosure\t-\tother\tother language: Polish\n"
)


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "labelled.tsv"
    path.write_text(LABELLED, encoding="utf-8")
    return path


def test_eval_prints_the_report(db_path: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "eval", str(_file(tmp_path))])
    assert result.exit_code == 0, result.output
    for line in ("rows: 6 (+ 1 in other languages", "danger recall:        1/1 (100.0 %)",
                 "confusion matrix", "per intent:", "other languages: 1 rows"):  # fmt: skip
        assert line in result.output, line


def test_eval_json_has_every_figure(db_path: Path, tmp_path: Path) -> None:
    args = ["--db", str(db_path), "eval", "--json", str(_file(tmp_path))]
    data = json.loads(CliRunner().invoke(main, args).output)
    assert data["rows"] == 6 and data["other_rows"] == 1
    assert data["danger_recall"] == 1.0
    assert data["other_english_with_numbers"] == 1
    assert set(data) >= {"intent_accuracy", "topic_accuracy", "false_emergency_rate",
                         "confusion", "misses", "per_intent", "cold_disclosures"}  # fmt: skip


def test_eval_refuses_a_file_without_the_columns(db_path: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("text\tlabel\nhei\tsmalltalk\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(db_path), "eval", str(bad)])
    assert result.exit_code != 0 and "no column" in result.output


def test_the_dev_set_keeps_the_safety_promises(answerer: Answerer) -> None:
    path = dev_set()
    if path is None:
        pytest.skip("shared/understanding/examples_dev.tsv is not beside the repository")
    report = evaluate(read_labelled(path), predictor(answerer))
    assert report.danger_rows >= 20
    assert report.danger_caught == report.danger_rows, [
        m for m in report.misses if m.expected.startswith("emergency")
    ]
    assert report.cold_disclosures == 0
