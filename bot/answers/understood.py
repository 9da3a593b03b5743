"""Free text -> the reply, by what the message is read as (``bot.understand.reading``).

The order of decisions: danger first (phrases or model: the emergency reply, with the place's
centre if one is named); then a short follow-up to the last reply (``Context``); then what the
message is about: a place (the centre card, or the question "which one?"), a question (help or
statistics; with a place named, its centre is offered too), something told (the disclosure
reply; with a place, that place's centre card opened warmly), small talk, or not understood (what
the bot can do, the likeliest topics, 112 and 116 006). The reply's language is the message's
(English for English and for languages the bot does not read), unless the person chose one.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from bot.answers import talk
from bot.answers.context import Context
from bot.answers.reply import Button, Reply
from bot.understand import danger
from bot.understand.matching import Match, clean
from bot.understand.reading import Reading, read
from bot.understand.talk import followup, smalltalk_kind

if TYPE_CHECKING:
    from bot.answers.answerer import Answerer

FEELINGS_LINE = "mental_helse"  # the helpline for "someone to talk to" (data/raw helplines)


def reply_lang(reading: Reading, lang: str, chosen: bool) -> str:
    """The reply's language: the person's choice, else the message's (nb/nn -> nb)."""
    if chosen or reading.lang is None:
        return lang
    return "nb" if reading.lang in {"nb", "nn"} else "en"


def answer(
    ans: Answerer, text: str, lang: str, chart: bool, context: Context | None, chosen: bool
) -> Reply:
    """One reply for any text (see the module docstring for the order)."""
    text = clean(text)
    if not text:
        return ans.unknown(lang)
    match = ans.matcher.resolve(text)
    scores = ans.classifier.scores(text) if ans.classifier else None
    reading = read(text, scores, match, danger.is_danger(text))
    lang = reply_lang(reading, lang, chosen)
    if reading.intent == "emergency":
        return _labelled(ans.emergency(lang, match), reading)
    if context is not None:
        follow = _follow_up(ans, text, lang, reading, match, context)
        if follow is not None:
            return follow
    if reading.lang == "other" and not reading.place:
        return talk.other_language(reading.intent, reading.confidence)
    return _by_intent(ans, text, lang, chart, reading, match)


def _by_intent(
    ans: Answerer, text: str, lang: str, chart: bool, reading: Reading, match: Match
) -> Reply:
    intent = reading.intent
    if intent == "stats":
        return _labelled(ans.stats.answer(text, lang, chart, ans.named_municipality(text)),
                         reading)  # fmt: skip
    if intent in {"centre", "clarify"}:
        return _place(ans, text, lang, reading, match)
    if intent == "disclosure":
        return talk.disclosure(lang, reading.topic, reading.confidence, reading.likely_topics
                               if reading.unsure else ())  # fmt: skip
    if intent == "help":
        return _help(ans, lang, reading, match)
    if intent == "smalltalk":
        line = ans.catalog.helplines.get(FEELINGS_LINE)
        kind = smalltalk_kind(text)
        return talk.smalltalk(kind, lang, ans.menu_buttons(lang), line, reading.confidence)
    return talk.not_understood(lang, reading.likely_topics, reading.confidence)


def _place(ans: Answerer, text: str, lang: str, reading: Reading, match: Match) -> Reply:
    svalbard = ans.svalbard(text, lang)
    if svalbard:
        return svalbard
    if match.status == "ambiguous":
        return _labelled(ans.clarify(match, lang), reading)
    if match.status == "found" and match.best:
        reply = ans.municipality(match.best.number, lang, match.best)
        if reading.told:  # told what happens, and where: the card opens warmly
            return _warm(reply, reading, lang)
        return _labelled(reply, reading)
    return replace(ans.find_prompt(lang), confidence=reading.confidence, asks_place=True)


def _warm(reply: Reply, reading: Reading, lang: str) -> Reply:
    from bot.text import t

    lead, _, rest = reply.html.partition("\n\n")
    html = "\n\n".join([lead, t(lang, "disclosure_place"), rest])
    more = (talk.topic_button(reading.topic, lang, more=True),) if reading.topic else ()
    buttons = (*reply.buttons, more) if more else reply.buttons
    return replace(reply, html=html, buttons=buttons, topic=reading.topic,
                   confidence=reading.confidence)  # fmt: skip


def _help(ans: Answerer, lang: str, reading: Reading, match: Match) -> Reply:
    topic = reading.topic or "overview"
    if reading.unsure and reading.likely_topics:
        return talk.unsure(lang, "help", topic, reading.likely_topics, reading.confidence)
    reply = ans.help(topic, lang)
    if match.status == "found" and match.best and reading.place:
        from bot.answers.actions import Action, encode
        from bot.text import t

        name = match.best.name
        offer = Button(t(lang, "btn_centre_in", muni=name),
                       data=encode(Action.MUNICIPALITY, match.best.number))  # fmt: skip
        body, _, footer = reply.html.rpartition("\n\n")
        html = "\n\n".join([body, t(lang, "help_place", muni=name), footer])
        reply = replace(reply, html=html, buttons=((offer,), *reply.buttons))
    return replace(reply, topic=topic, confidence=reading.confidence)


def _follow_up(
    ans: Answerer, text: str, lang: str, reading: Reading, match: Match, context: Context
) -> Reply | None:
    """A short message that answers or follows the bot's last reply."""
    kind = followup(text)
    if context.centre and kind == "phone":
        return ans.centre_card(context.centre, lang)
    if context.municipality and kind == "nearer":
        return ans.nearby(context.municipality, lang)
    if context.asked_place and kind == "yes" and match.status == "none":
        return replace(ans.find_prompt(lang), asks_place=True)
    if context.asked_place and match.status != "none" and reading.intent in {
        "centre", "clarify", "unknown", "smalltalk"
    }:  # fmt: skip
        told = context.intent == "disclosure"
        placed = Reading("centre", context.topic, reading.confidence, reading.lang, place=True,
                         told=told)  # fmt: skip
        return _place(ans, text, lang, placed, match)
    return None


def _labelled(reply: Reply, reading: Reading) -> Reply:
    return replace(reply, topic=reading.topic, confidence=reading.confidence)
