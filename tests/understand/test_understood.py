"""What the bot makes of what people write: disclosures believed, small talk answered, places
still found, questions with a place, English answered in English, follow-ups understood."""

from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.answers.context import EMPTY, EXPIRY_S, Context, after

FOOTER = ("112", "116 006")


def _ends_with_numbers(text: str) -> bool:
    tail = text.rsplit("\n\n", 1)[-1]
    return all(n in tail for n in FOOTER)


@pytest.mark.parametrize(
    "text",
    [
        "jeg blir slått av mannen min",
        "jeg er redd for samboeren min",
        "han har slått meg",
        "he hit me last week",
        "eg er redd for kjærasten min",
    ],
)
def test_a_disclosure_is_believed_and_offered_help(answerer: Answerer, text: str) -> None:
    reply = answerer.answer(text, "nb")
    assert reply.intent == "disclosure"
    assert "112" in reply.text and "116 006" in reply.text
    assert "Det fant jeg ikke" not in reply.text
    assert reply.asks_place
    labels = [b.label for row in reply.buttons for b in row]
    assert any("krisesenter" in label.lower() or "crisis" in label.lower() for label in labels)


def test_a_disclosure_quotes_only_a_sourced_claim(answerer: Answerer) -> None:
    reply = answerer.answer("mannen min slår meg", "nb")
    assert "dinutvei.no" in reply.html
    assert reply.text.splitlines()[0] == "Takk for at du skriver."  # neutral in a preview


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("hei", "automatisk tjeneste"),
        ("tusen takk", "Slett samtalen"),
        ("er du et menneske?", "ikke et menneske"),
        ("are you a human?", "not a person"),
    ],
)
def test_small_talk_gets_a_short_true_answer(answerer: Answerer, text: str, needle: str) -> None:
    reply = answerer.answer(text, "nb")
    assert reply.intent == "smalltalk"
    assert needle in reply.text
    assert _ends_with_numbers(reply.text)


def test_nonsense_is_never_answered_with_not_found_alone(answerer: Answerer) -> None:
    reply = answerer.answer("asdfgh qwerty", "nb")
    assert reply.intent == "unknown"
    assert "Det fant jeg ikke" not in reply.text
    assert "krisesenter" in reply.text and reply.buttons
    assert _ends_with_numbers(reply.text)


def test_english_gets_english_unless_a_language_was_chosen(answerer: Answerer) -> None:
    assert answerer.answer("my husband hits me", "nb").lang == "en"
    assert answerer.answer("my husband hits me", "nb", chosen=True).lang == "nb"
    assert answerer.answer("mannen min slår meg", "en").lang == "nb"
    assert answerer.answer("mannen min slår meg", "en", chosen=True).lang == "en"


@pytest.mark.parametrize(
    "text", ["mój mąż mnie bije", "زوجي يضربني", "мій чоловік мене б'є", "ninkayga ayaa i garaaca"]
)
def test_other_languages_get_english_with_the_numbers_first(answerer: Answerer,
                                                            text: str) -> None:  # fmt: skip
    reply = answerer.answer(text, "nb")
    assert reply.lang == "en"
    head = "\n".join(reply.text.splitlines()[:3])
    assert "112" in head and "116 006" in head


@pytest.mark.parametrize(
    ("text", "number"), [("Bodø", "1804"), ("1337", "3201"), ("jeg bor i Narvik", "1806")]
)
def test_places_still_find_their_centre(answerer: Answerer, text: str, number: str) -> None:
    reply = answerer.answer(text, "nb")
    assert reply.intent == "centre"
    assert reply.municipality is not None and reply.municipality.number == number


def test_a_question_with_a_place_answers_and_offers_the_place(answerer: Answerer) -> None:
    reply = answerer.answer("kan jeg ta med barna på krisesenteret i Bodø?", "nb")
    assert reply.intent == "help"
    assert reply.topic == "krisesenter"
    assert any(b.data == "m:1804" for row in reply.buttons for b in row)


def test_a_disclosure_with_a_place_opens_the_card_warmly(answerer: Answerer) -> None:
    reply = answerer.answer("mannen min slår meg og vi bor i Narvik", "nb")
    assert reply.intent == "centre"
    assert reply.municipality is not None and reply.municipality.number == "1806"
    assert "Takk for at du forteller" in reply.text


def test_danger_now_is_an_emergency_with_the_place(answerer: Answerer) -> None:
    reply = answerer.answer("han slår meg nå, jeg bor i Bodø", "nb")
    assert reply.intent == "emergency"
    assert reply.text.index("112") < reply.text.index("116 006")


def test_a_question_about_what_is_not_acute_gets_its_answer(answerer: Answerer) -> None:
    """ "ikke akutt" is not danger now: the question about the non-emergency number is answered
    (the police's 02800 line), not met with the emergency reply."""
    reply = answerer.answer("hvilket nummer ringer jeg hvis det ikke er akutt?", "nb")
    assert reply.intent == "help"
    assert reply.statements[0] == "en_02800_not_acute_viken"


def _talk(answerer: Answerer, *texts: str) -> list[tuple[str, Context]]:
    """A conversation: each reply's intent and the context after it."""
    ctx, out, now = EMPTY, [], 1000.0
    for text in texts:
        reply = answerer.answer(text, "nb", context=ctx)
        ctx = after(reply, ctx, now)
        out.append((reply.intent, ctx))
        now += 60
    return out


def test_a_place_after_a_disclosure_keeps_its_topic(answerer: Answerer) -> None:
    turns = _talk(answerer, "han sier jeg må spørre om lov for å treffe venner", "Bodø")
    assert turns[0][0] == "disclosure"
    assert turns[1][0] == "centre"
    assert turns[1][1].municipality == "1804"
    assert turns[1][1].topic == turns[0][1].topic


def test_phone_and_nearer_refer_to_the_last_card(answerer: Answerer) -> None:
    turns = _talk(answerer, "Bodø", "telefon?", "nærmere?")
    assert [intent for intent, _ in turns] == ["centre", "centre", "centre"]
    assert turns[1][1].centre == turns[0][1].centre
    assert turns[2][1].municipality == "1804"


def test_context_expires_after_thirty_minutes() -> None:
    ctx = Context(intent="centre", municipality="1804", at=0.0)
    assert ctx.fresh(EXPIRY_S - 1)
    assert not ctx.fresh(EXPIRY_S + 1)
    assert not EMPTY.fresh(0.0)


def test_context_holds_labels_and_a_place_never_text(answerer: Answerer) -> None:
    secret = "mannen min Kjell slår meg og jeg bor i Narvik"
    ctx = after(answerer.answer(secret, "nb"), EMPTY, 0.0)
    values = [str(v) for v in vars(ctx).values()]
    assert not any("Kjell" in v or "slår" in v for v in values)


def test_json_carries_intent_topic_and_confidence(answerer: Answerer) -> None:
    data = answerer.answer("hvordan anmelder jeg?", "nb").to_json("hvordan anmelder jeg?")
    assert data["intent"] == "help" and data["topic"] == "police"
    assert 0 < data["confidence"] <= 1
    assert answerer.answer("Bodø", "nb").to_json("Bodø")["topic"] is None
