"""``krisebot ask`` and ``krisebot chat`` through the real CLI (click's runner and a real
subprocess for stdin)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.answers import Answerer
from bot.cli import main
from bot.terminal import CLEAR_SCREEN, Terminal

KEYS = {"query", "intent", "municipality", "candidates", "centres", "text"}


@pytest.fixture
def run(db_path: Path):  # type: ignore[no-untyped-def]
    def invoke(*args: str, stdin: str | None = None) -> tuple[int, str]:
        result = CliRunner().invoke(main, ["--db", str(db_path), *args], input=stdin)
        return result.exit_code, result.output

    return invoke


def test_ask_prints_the_reply_as_the_user_reads_it(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("ask", "Bærum")
    assert code == 0
    assert out.startswith("Her er det du spurte om.\n")
    assert "Bærum har avtale med:" in out
    assert "<b>" not in out


def test_ask_json_has_the_promised_keys(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("ask", "--json", "--lang", "en", "Sandvika")
    assert code == 0
    data = json.loads(out)
    assert set(data) >= KEYS
    assert data["intent"] == "centre"
    assert data["municipality"] == {"number": "3201", "name": "Bærum"}
    assert data["text"].startswith("Here is what you asked for.")


def test_ask_reads_one_query_per_line_in_order(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("ask", "--json", "-", stdin="Herøy\n1337\n\nhan slår meg nå\n😀\n")
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["query"] for r in rows] == ["Herøy", "1337", "", "han slår meg nå", "😀"]
    intents = [r["intent"] for r in rows]
    assert intents[:4] == ["clarify", "centre", "unknown", "emergency"]
    assert intents[4] in {"unknown", "smalltalk"}  # an emoji alone: either is a calm answer


def test_ask_without_text_on_a_terminal_is_a_usage_error(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("ask")
    # click's runner gives an empty, non-tty stdin: zero queries, nothing printed
    assert code == 0
    assert out == ""


def test_ask_survives_invalid_utf8_on_stdin(db_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bot.cli", "--db", str(db_path), "ask", "--json", "-"],
        input=b"B\xe6rum\nOslo\n",
        capture_output=True,
        check=False,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert [r["intent"] for r in rows][1] == "centre"
    assert len(rows) == 2


def test_chat_conversation_driven_by_stdin(run) -> None:  # type: ignore[no-untyped-def]
    code, out = run("chat", stdin="Herøy\n2\n2\n/lang en\nHå\n9\n/avslutt\nOslo\n")
    assert code == 0
    assert out.startswith("Hei.\n")
    assert "[9] English" in out
    assert "Herøy (Nordland) har avtale med:" in out  # button 2 of the clarify question
    assert "Krisesenteret Rana" in out  # button 2 of the centre reply: its card
    assert "We have no source saying which crisis centre Hå" in out
    assert out.rstrip().endswith("Goodbye. Take care of yourself.")
    assert "Oslo har avtale" not in out  # nothing after /avslutt


def test_chat_slett_clears_the_screen(answerer: Answerer) -> None:
    written: list[str] = []
    Terminal(answerer, "nb", written.append).run(["Bærum\n", "/slett\n"])
    cleared = next(i for i, w in enumerate(written) if w.startswith(CLEAR_SCREEN))
    assert "Bærum har avtale med" in written[cleared - 1]
    assert written[cleared] == CLEAR_SCREEN + "Samtalen er fjernet fra skjermen."


def test_ask_chart_writes_the_png(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "chart.png"
    code, out = run("ask", "--chart", str(target), "kostnad per innbygger")
    assert code == 0
    assert target.read_bytes().startswith(b"\x89PNG")
    code, out = run("ask", "--chart", str(tmp_path / "none.png"), "Bærum")
    assert code == 1
    assert "has no chart" in out


def test_ask_json_for_statistics(run) -> None:  # type: ignore[no-untyped-def]
    _, out = run("ask", "--json", "dyreste krisesenter per innbygger 2022")
    data = json.loads(out)
    assert data["intent"] == "stats"
    first = data["figures"][0]
    assert (first["region"], first["year"], first["value"], first["unit"]) == (
        "Hallingdal krisesenter",
        2022,
        256,
        "NOK per inhabitant",
    )


def test_chat_chart_choice_shows_the_numbers_and_where_the_chart_is(answerer: Answerer) -> None:
    written: list[str] = []
    Terminal(answerer, "nb", written.append).run(["statistikk", "1", "7"])
    chart = next(w for w in written if "Diagrammet vises i Telegram" in w)
    assert "2022: 79" in chart
