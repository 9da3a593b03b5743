"""The replies the rules of ``bot.answers.route`` give: each gets the ``Message`` and builds
its reply from the core's replies (a place, a question, something told, small talk, a follow-up,
danger in a language the bot does not read), labelled with what was understood."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Final

from bot.answers import talk
from bot.answers.actions import Action, encode
from bot.answers.reply import Button, Reply
from bot.catalog.models import Via
from bot.text import t
from bot.understand.reading import Reading
from bot.understand.talk import followup, smalltalk_kind

if TYPE_CHECKING:
    from bot.answers.route import Message

#: The help line for "someone to talk to" (small talk about feeling low).
FEELINGS_LINE: Final = "mental_helse"


def danger(m: Message) -> Reply:
    """The emergency numbers; in a language the bot does not read, 112 and 116 006 in English
    in the very first lines."""
    if m.reading.lang == "other":
        return talk.other_language("emergency", m.reading.confidence, named_place(m))
    return labelled(m.core.emergency(m.lang, m.match), m.reading)


def named_place(m: Message) -> tuple[str, str] | None:
    """(number, name) of the one municipality a message names, if any."""
    best = m.match.best
    return (best.number, best.name) if best is not None else None


def unknown(m: Message) -> Reply:
    return talk.not_understood(m.lang, m.reading.likely_topics, m.reading.confidence)


def labelled(reply: Reply, reading: Reading) -> Reply:
    return replace(reply, topic=reading.topic, confidence=reading.confidence)


def place(m: Message, reading: Reading) -> Reply:
    """A place: its centre card (opened warmly after something told), "which one?" for a name
    two places share; when no place was named, the statement that clearly answers the message
    (a question the classifier took for a search: "kan jeg dusje etter voldtekten"; never after
    something told), else the question "where?"."""
    match = m.match
    if match.status == "ambiguous":
        return labelled(m.core.clarify(match, m.lang), reading)
    if match.best is not None:
        reply = m.core.from_match(match, m.lang)
        return warm(reply, reading, m.lang) if reading.told else labelled(reply, reading)
    if not reading.told and m.clear_answer is not None:
        return m.clear_answer
    prompt = m.core.find_prompt(m.lang)
    return replace(prompt, intent="centre", confidence=reading.confidence, asks_place=True)


def warm(reply: Reply, reading: Reading, lang: str) -> Reply:
    """The centre card, opened with a line that takes in what the person told."""
    lead, _, rest = reply.html.partition("\n\n")
    html = "\n\n".join([lead, t(lang, "disclosure_place"), rest])
    more = (talk.topic_button(reading.topic, lang, more=True),) if reading.topic else ()
    buttons = (*reply.buttons, more) if more else reply.buttons
    return replace(reply, html=html, buttons=buttons, topic=reading.topic,
                   confidence=reading.confidence)  # fmt: skip


def question(m: Message) -> Reply:
    """A help question: the statements that answer it (retrieval over the likeliest topics),
    opened with thanks when the person also tells about their life; with a place named (not a
    guess at a misspelling), that place's centre is offered too. When no statement clearly fits
    and the topic is unsure, the likeliest topics as buttons; else the topic's page."""
    reading = m.reading
    topic = reading.topic or "overview"
    reply = m.core.help(topic, m.lang, m.text, m.likely)
    if not reply.statements and reading.unsure and reading.likely_topics:
        unsure = talk.unsure(m.lang, "help", topic, reading.likely_topics, reading.confidence)
        return thanked(unsure, m.lang, "told_reach_out") if reading.tells else unsure
    if reading.tells:
        reply = thanked(reply, m.lang, "kb_told" if reply.statements else "kb_told_not_sure")
    best = m.match.best
    if best is not None and reading.place and best.via != Via.FUZZY:  # "Norge" is no Nore
        offer = Button(t(m.lang, "btn_centre_in", muni=best.name),
                       data=encode(Action.MUNICIPALITY, best.number))  # fmt: skip
        body, _, footer = reply.html.rpartition("\n\n")
        html = "\n\n".join([body, t(m.lang, "help_place", muni=best.name), footer])
        reply = replace(reply, html=html, buttons=((offer,), *reply.buttons))
    return replace(reply, topic=topic, confidence=reading.confidence)


def thanked(reply: Reply, lang: str, line: str) -> Reply:
    """A reply to someone who also told about their life (a victim, a friend, a teacher, a
    person who hit): opened with thanks, the same neutral first line as for something told,
    then ``line`` (a text key) in place of the plain lead: the answer, or, where no statement
    answers, the honest "not sure" and the topic, or the likeliest topics to choose from."""
    _, _, rest = reply.html.partition("\n\n")  # the plain lead gives way
    return replace(reply, html="\n\n".join([t(lang, "lead_talk"), t(lang, line), rest]))


def told(m: Message) -> Reply:
    """Something told: believed and met warmly, and the statement that answers it, if any."""
    r = m.reading
    short = m.core.short_answer(m.text, m.likely, m.lang)
    return talk.disclosure(m.lang, r.topic, r.confidence,
                           r.likely_topics if r.unsure else (), short)  # fmt: skip


def small_talk(m: Message) -> Reply:
    line = m.core.catalog.helplines.get(FEELINGS_LINE)
    menu = m.core.menu_buttons(m.lang)
    return talk.smalltalk(smalltalk_kind(m.text), m.lang, menu, line, m.reading.confidence)


def follow_up(m: Message) -> Reply | None:
    """A short message that answers or follows the bot's last reply."""
    ctx, reading, match = m.context, m.reading, m.match
    if ctx is None:
        return None
    kind = followup(m.text)
    if ctx.centre and kind == "phone":
        return m.core.centre_card(ctx.centre, m.lang)
    if ctx.municipality and kind == "nearer":
        return m.core.nearby(ctx.municipality, m.lang)
    if ctx.asked_place and kind == "yes" and match.status == "none":
        return replace(m.core.find_prompt(m.lang), intent="centre", asks_place=True)
    places = {"centre", "clarify", "unknown", "smalltalk"}
    if ctx.asked_place and match.status != "none" and reading.intent in places:
        told = ctx.intent == "disclosure"
        placed = Reading("centre", ctx.topic, reading.confidence, reading.lang, place=True,
                         told=told)  # fmt: skip
        return place(m, placed)
    return None
