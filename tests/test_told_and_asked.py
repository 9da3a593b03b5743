"""What people tell. A question that also tells about the person's own life opens with thanks,
also where no statement answers (then the honest "not sure" and the topic follow); someone who
worries for another is thanked for caring. The intent model's reading is forced, so the tests
hold whatever it learns."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.answers import Answerer
from bot.text import t
from bot.understand.reading import read
from tests.support.forced import read_as, topics_as


def test_a_question_that_tells_opens_with_thanks_then_the_answer(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "help", told=0.1)
    reply = answerer.answer("kan jeg dusje etter voldtekten", "nb")
    assert reply.intent == "help"
    assert reply.statements[0] == "sa_keep_evidence_politiet"
    blocks = reply.html.split("\n\n")
    assert blocks[:2] == [t("nb", "lead_talk"), t("nb", "kb_told")]
    assert t("nb", "lead_kb") not in reply.html


def test_a_plain_question_keeps_the_plain_lead(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "help", told=0.01)
    reply = answerer.answer("kan jeg dusje etter voldtekten", "nb")
    assert reply.html.split("\n\n")[0] == t("nb", "lead_kb")
    assert t("nb", "kb_told") not in reply.html


def test_a_question_about_no_one_in_particular_is_not_taken_as_told(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "help", told=0.1)
    reply = answerer.answer("ikke dusj etter voldtekt", "nb")
    assert reply.statements and reply.html.split("\n\n")[0] == t("nb", "lead_kb")


@pytest.mark.parametrize(
    ("lang", "text"), [("nb", "jeg qzxv blorpet mitt"), ("en", "my qzxv blorped me")]
)
def test_someone_who_told_is_thanked_before_the_honest_not_sure(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch, lang: str, text: str
) -> None:
    """No statement answers: thanks first, then what the bot does not know and the topic's
    page (true for a victim, a friend or a teacher alike; no "you deserve to be believed")."""
    read_as(answerer, monkeypatch, "help", told=0.1, topic="children")
    reply = answerer.answer(text, lang)
    assert reply.intent == "help" and reply.statements == ()
    blocks = reply.html.split("\n\n")
    assert blocks[:3] == [t(lang, "lead_talk"), t(lang, "kb_told_not_sure"), t(lang, "kb_not_sure")]
    assert t(lang, "lead_kb_not_sure") not in reply.html
    assert "112" in reply.html and "116 006" in reply.html


def test_without_the_telling_the_same_miss_gets_no_thanks(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "help", told=0.01, topic="children")
    reply = answerer.answer("jeg qzxv blorpet mitt", "nb")
    assert reply.statements == () and t("nb", "lead_talk") not in reply.html
    assert reply.html.startswith(t("nb", "lead_kb_not_sure"))


@pytest.mark.parametrize(
    ("text", "tells"),
    [
        ("my boyfriend reads my texts, what can I do", True),
        ("I was pushed down the stairs, should I see a doctor", True),
        ("what happens after a report is made", False),
        ("hva skjer i retten etter en anmeldelse", False),  # Norwegian "i" is "in"
        ("eg vart slått i går, kva gjer eg", True),
    ],
)
def test_telling_needs_the_writer_in_the_message(
    answerer: Answerer, text: str, tells: bool
) -> None:
    classifier = answerer.classifier
    assert classifier is not None
    scores = classifier.scores(text)
    scores = replace(scores, intents=(("help", 0.8), ("disclosure", 0.1), ("stats", 0.1)))
    reading = read(text, scores, answerer.matcher.resolve(text), False)
    assert reading.tells is tells


def test_one_word_names_a_topic_and_tells_nothing(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "help", told=0.5)
    reply = answerer.answer("voldtekt", "nb")
    assert t("nb", "lead_talk") not in reply.html


def test_someone_who_told_and_must_choose_a_topic_is_thanked_first(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "help", told=0.1)
    topics_as(answerer, monkeypatch, (("children", 0.34), ("police", 0.33), ("legal_help", 0.33)))
    reply = answerer.answer("jeg qzxv blorpet mitt", "nb")
    blocks = reply.html.split("\n\n")
    assert blocks[:2] == [t("nb", "lead_talk"), t("nb", "told_reach_out")]
    assert len(reply.buttons) >= 3  # the likeliest topics to choose from


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_someone_worried_for_another_is_thanked_for_caring_not_told_to_be_believed(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:
    read_as(answerer, monkeypatch, "disclosure", told=0.9, topic="friends_family")
    text = {"nb": "naboen skriker og jeg tror hun blir slått", "en": "my neighbour hits his wife"}
    reply = answerer.answer(text[lang], lang)
    assert reply.intent == "disclosure"
    assert t(lang, "disclosure_heard_other") in reply.html
    assert t(lang, "disclosure_safe_other") in reply.html
    assert t(lang, "disclosure_heard") not in reply.html
    assert "112" in reply.html and "116 006" in reply.html


def test_someone_who_tells_of_their_own_life_is_believed(
    answerer: Answerer, monkeypatch: pytest.MonkeyPatch
) -> None:
    read_as(answerer, monkeypatch, "disclosure", told=0.9, topic="is_it_violence")
    reply = answerer.answer("han skriker og slår meg", "nb")
    assert t("nb", "disclosure_heard") in reply.html
    assert t("nb", "disclosure_heard_other") not in reply.html
