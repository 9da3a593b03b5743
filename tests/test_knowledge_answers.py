"""Help questions answered from the knowledge base: the statements, their sources, the buttons,
topic pages under Telegram's limit, and honesty where the material runs out."""

from __future__ import annotations

import csv
import html
import sqlite3
from pathlib import Path

import pytest

from bot.answers import Answerer
from bot.answers.actions import Action, decode, encode
from bot.answers.knowledge import SHORT_THRESHOLD, SURE_LEAD
from bot.answers.reply import Reply
from bot.answers.topic_pages import MESSAGE_LIMIT
from bot.understand.retrieve import FIT_WEIGHT, THRESHOLD, TOPIC_WEIGHT, Hit
from tests.conftest import ROOT
from tests.support.forced import read_as, topics_as

QUESTIONS = ROOT / "tests" / "data" / "questions.tsv"


def _data(reply: Reply) -> list[str]:
    return [b.data for row in reply.buttons for b in row]


def test_the_question_asked_gets_its_statement_with_the_source(answerer: Answerer) -> None:
    reply = answerer.answer("hva er psykisk vold?", "nb")
    assert reply.intent == "help"
    assert reply.statements[0] == "form_psychological"
    assert reply.html.splitlines()[0] == "Her er det jeg vet om dette."
    statement = answerer.knowledge.knowledge.statements["form_psychological"]  # type: ignore[union-attr]
    assert statement.nb in reply.html
    assert f'href="{statement.source_url}"' in reply.html
    assert "<b>112</b>" in reply.html and "116 006" in reply.html
    assert _data(reply) == [encode(Action.TOPIC, "is_it_violence", 0), "f", "hl:vo_linjen"]
    assert [b.label for row in reply.buttons for b in row][:2] == [
        "Mer om Er dette vold?", "Finn krisesenter",
    ]  # fmt: skip


def test_english_uses_the_english_wording(answerer: Answerer) -> None:
    reply = answerer.answer("can I get a restraining order?", "en")
    statement = answerer.knowledge.knowledge.statements[reply.statements[0]]  # type: ignore[union-attr]
    assert statement.en in reply.html and statement.nb not in reply.html
    assert reply.html.splitlines()[0] == "Here is what I know about this."


def test_every_statement_shown_names_its_source(
    answerer: Answerer, sql: sqlite3.Connection
) -> None:
    urls = dict(sql.execute("SELECT id, source_url FROM statements"))
    for question in ("kan jeg få voldsalarm?", "hvordan anmelder jeg?", "kan jeg ta med barna?"):
        reply = answerer.answer(question, "nb")
        assert reply.statements, question
        for sid in reply.statements:
            assert f'href="{urls[sid]}"' in reply.html.replace("&amp;", "&"), (question, sid)


def test_topic_pages_stay_under_the_limit_and_cover_every_statement(answerer: Answerer) -> None:
    knowledge = answerer.knowledge.knowledge  # type: ignore[union-attr]
    for topic in knowledge.topics.values():
        seen: list[str] = []
        page = 0
        while True:
            reply = answerer.press(decode(encode(Action.TOPIC, topic.id, page)), "nb")
            assert len(reply.html) < MESSAGE_LIMIT, (topic.id, page)
            assert reply.html.rstrip().endswith("116 006</b> (gratis og anonymt).")
            more = encode(Action.TOPIC, topic.id, page + 1)
            shown = [
                s
                for s in topic.statement_ids
                if knowledge.statements[s].nb[:40] in reply.html.replace("&quot;", '"')
            ]
            seen += [s for s in shown if s not in seen]
            if more not in _data(reply):
                break
            page += 1
        assert set(seen) == set(topic.statement_ids), topic.id


def test_a_big_topic_is_paged_with_show_more(answerer: Answerer) -> None:
    first = answerer.press(decode(encode(Action.TOPIC, "krisesenter", 0)), "nb")
    assert "Vis mer" in [b.label for row in first.buttons for b in row]
    assert "(1/" in first.html


def test_below_the_threshold_the_bot_says_so_and_shows_the_topic(answerer: Answerer) -> None:
    reply = answerer.help("safety_plan", "nb", "hvordan baker jeg en god kake")
    assert reply.html.splitlines()[0] == "Det har jeg ikke sikker informasjon om her."
    assert "116 006" in reply.html and "dinutvei.no" in reply.html
    assert "Sikkerhetsplan" in reply.html


def test_the_menu_reaches_every_topic(answerer: Answerer) -> None:
    menu = answerer.start("nb")
    assert encode(Action.TOPICS) in [b.data for row in answerer.menu_buttons("nb") for b in row]
    index = answerer.press(decode(encode(Action.TOPICS)), "nb")
    assert len(index.buttons) == 18
    assert menu.html


def test_the_help_line_button_shows_the_line_with_its_source(answerer: Answerer) -> None:
    reply = answerer.press(decode("hl:vo_linjen"), "nb")
    assert "116 006" in reply.html and "Kilde" in reply.html


def test_the_terminal_presses_the_same_buttons(db_path: Path) -> None:
    from click.testing import CliRunner

    from bot.cli import main

    result = CliRunner().invoke(
        main, ["--db", str(db_path), "chat"], input="hva er psykisk vold?\n1\n/avslutt\n"
    )
    assert result.exit_code == 0, result.output
    assert "Psykisk vold er ord og stemme" in result.output
    assert "Er dette vold? (1/" in result.output


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_json_lists_the_statements_shown(answerer: Answerer, lang: str) -> None:
    reply = answerer.answer("kan jeg få besøksforbud?", lang)
    assert reply.to_json("q")["statements"] == list(reply.statements)


def test_something_told_gets_the_statement_that_answers_it_after_the_safety_lines(
    answerer: Answerer, sql: sqlite3.Connection
) -> None:
    reply = answerer.answer("han knuste telefonen min igjen i går kveld", "nb")
    assert (reply.intent, reply.statements) == ("disclosure", ("form_material",))
    url = dict(sql.execute("SELECT id, source_url FROM statements"))["form_material"]
    text = reply.html.replace("&amp;", "&")
    assert text.index("112") < text.index("Dette kan være nyttig å vite:") < text.index(url)


def test_something_told_that_no_statement_clearly_answers_gets_none(answerer: Answerer) -> None:
    reply = answerer.answer("mannen min er ikke snill mot meg", "nb")
    assert reply.intent == "disclosure"
    assert reply.statements == ()
    assert "Dette kan være nyttig å vite:" not in reply.html


def test_an_unsure_topic_still_gets_the_statement_retrieval_finds(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The topic model unsure between two topics (the right one second): the statement that
    fits answers, instead of the "which topic?" buttons."""
    topics_as(
        answerer, monkeypatch, (("is_it_violence", 0.40), ("police", 0.35), ("legal_help", 0.10))
    )
    reply = answerer.answer("hva betyr det at saken er henlagt", "nb")
    assert reply.intent == "help"
    assert reply.statements[0] == "pol_tiltale_or_henleggelse"
    assert encode(Action.TOPIC, "police", 0) in _data(reply)


def test_every_statement_shown_links_its_source_row(
    answerer: Answerer, sql: sqlite3.Connection
) -> None:
    """Over the measured questions, in both languages, and in inline mode: each statement a
    reply shows is the curated one, with its wording and its source row's link."""
    rows = {r[0]: r[1:] for r in sql.execute("SELECT id, nb, en, source_url FROM statements")}
    with QUESTIONS.open(encoding="utf-8", newline="") as handle:
        questions = [r["question"] for r in csv.DictReader(handle, delimiter="\t")]
    shown = 0
    for question in questions:
        for lang in ("nb", "en"):
            replies = [answerer.answer(question, lang), *answerer.statement_cards(question, lang)]
            for reply in replies:
                text = html.unescape(reply.html)
                for sid in reply.statements:
                    nb, en, url = rows[sid]
                    assert (en if reply.lang == "en" else nb) in text, (question, sid)
                    assert f'href="{url}"' in text, (question, sid)
                    shown += 1
    assert shown > len(questions)


def test_a_question_taken_for_a_search_gets_the_statement_that_clearly_fits(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read as a search for a centre but naming no place: a statement that clearly answers it
    is shown instead of "where do you live?"."""
    read_as(answerer, monkeypatch, "centre")
    reply = answerer.answer("kan jeg dusje etter voldtekten", "nb")
    assert reply.intent == "help"
    assert reply.statements[0] == "sa_keep_evidence_politiet"
    assert not reply.asks_place


def test_a_search_with_no_place_and_no_clear_statement_still_asks_where(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "centre")
    for text in ("finn nærmeste krisesenter", "krisesenter", "jeg trenger et sted å bo nå"):
        reply = answerer.answer(text, "nb")
        assert reply.asks_place and reply.statements == (), text


def test_something_told_with_no_place_is_never_answered_with_a_bare_statement(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read as a search, but likely something told: the warm "where?" stays."""
    read_as(answerer, monkeypatch, "centre", told=0.4)
    reply = answerer.answer("kan jeg dusje etter voldtekten", "nb")
    assert reply.asks_place and reply.statements == ()


def test_an_answer_about_phone_safety_offers_to_delete_the_conversation_first(
    answerer: Answerer,
) -> None:
    reply = answerer.answer("kan jeg slette denne samtalen", "nb")
    assert reply.statements[0] == "bot_delete"
    assert _data(reply)[0] == encode(Action.DELETE)
    page = answerer.press(decode(encode(Action.TOPIC, "phone_safety", 0)), "nb")
    assert encode(Action.DELETE) in _data(page)
    assert encode(Action.TOPIC, "phone_safety", 0) not in _data(page)  # no "more" on itself
    other = answerer.answer("hva er psykisk vold?", "nb")
    assert encode(Action.DELETE) not in _data(other)


def test_someone_afraid_the_chat_is_seen_can_delete_it_at_once(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "disclosure", told=0.9, topic="phone_safety")
    reply = answerer.answer("jeg er redd han leser det jeg skriver her", "nb")
    assert reply.intent == "disclosure"
    assert _data(reply)[0] == encode(Action.DELETE)


def _scored(
    answerer: Answerer,
    monkeypatch: pytest.MonkeyPatch,
    scores: dict[str, float],
    fits: dict[str, float] | None = None,
) -> None:
    """Every message's statements score ``scores`` (cosines) and ``fits`` (the model's, else 0)."""
    replies = answerer.knowledge
    assert replies is not None
    statements = replies.knowledge.statements
    fit = fits or {}
    hits = [Hit(statements[sid], cos, fit.get(sid, 0.0)) for sid, cos in scores.items()]
    hits.sort(key=lambda h: -(h.score + FIT_WEIGHT * h.fit))
    monkeypatch.setattr(replies.retriever, "scores", lambda question, topic=None: hits)


def test_something_told_gets_a_statement_only_when_one_topic_clearly_answers(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reply to something told adds a statement that fits fairly well when no other topic
    comes close; a rival a help question would still get past keeps it out."""
    replies = answerer.knowledge
    assert replies is not None
    likely = (("is_it_violence", 0.5), ("krisesenter", 0.4))
    _scored(answerer, monkeypatch, {"form_economic": SHORT_THRESHOLD + 0.01})
    found = replies.short("q", likely, "nb")
    assert found is not None and found[1] == "form_economic"
    lead = 0.4  # more than a help question needs, less than something told
    rival = 0.6 + TOPIC_WEIGHT * (0.5 - 0.4) - lead
    _scored(answerer, monkeypatch, {"form_economic": 0.6, "free": rival})
    assert [s.id for s in replies.find("q", likely)] == ["form_economic"]
    assert replies.short("q", likely, "nb") is None
    # below SHORT_THRESHOLD, only a statement far ahead of every other topic (its model fit)
    low, fit = THRESHOLD + 0.01, {"form_economic": 0.6}
    best = low + FIT_WEIGHT * 0.6 + TOPIC_WEIGHT * 0.5
    far = best - SURE_LEAD - 0.05 - TOPIC_WEIGHT * 0.4  # the rival's cosine
    assert 0 < far < low
    _scored(answerer, monkeypatch, {"form_economic": low, "free": far}, fit)
    found = replies.short("q", likely, "nb")
    assert found is not None and found[1] == "form_economic"
    _scored(answerer, monkeypatch, {"form_economic": low, "free": far + 0.3}, fit)
    assert replies.short("q", likely, "nb") is None
    assert [s.id for s in replies.find("q", likely)] == ["form_economic"]  # a question: yes


def test_a_question_the_intent_model_did_not_place_is_answered_like_a_help_question(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read as "unknown" (not help, not told): worded as a question, the statement that the
    help rule finds answers it; the same words not worded as a question stay not understood."""
    read_as(answerer, monkeypatch, "unknown", told=0.0, topic="children")
    replies = answerer.knowledge
    assert replies is not None
    asked = "noe om barnehus og hva de gjør?"
    assert replies.confident(asked, "nb") is None  # no statement fits clearly enough alone
    reply = answerer.answer(asked, "nb")
    assert reply.intent == "help" and reply.statements[0].startswith("ch_barnehus")
    plain = answerer.answer(asked.rstrip("?"), "nb")
    assert plain.intent == "unknown" and plain.statements == ()


def test_an_unplaced_question_is_not_answered_when_the_model_speaks_against_it(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "unknown", told=0.0, topic="children")
    replies = answerer.knowledge
    assert replies is not None
    statement = replies.knowledge.statements["ch_barnehus_who_fb"]
    hits = [Hit(statement, THRESHOLD + 0.1, -1.0)]
    monkeypatch.setattr(replies.retriever, "scores", lambda question, topic=None: hits)
    assert replies.asked("hva gjør de der?", (("children", 0.9),), "nb") is None
    hits[0] = Hit(statement, THRESHOLD + 0.1, 0.0)
    found = replies.asked("hva gjør de der?", (("children", 0.9),), "nb")
    assert found is not None and found.statements == ("ch_barnehus_who_fb",)
