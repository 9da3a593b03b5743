"""Replies to what people tell and say: a disclosure, small talk, a message the bot is unsure
of or does not understand, and a message in a language it does not read.

Short blocks and buttons, not walls of text. A disclosure is believed and met warmly (only
claims the sources support), asks whether the person is safe now (112), gives 116 006 and
offers to find the nearest crisis centre. Nothing here answers "not found" alone: every reply
says what the bot can do and ends with 112 and 116 006.
"""

from __future__ import annotations

from bot.answers.actions import Action, encode
from bot.answers.help import DELETE_TOPIC, delete_button
from bot.answers.reply import Button, Reply
from bot.catalog.models import Helpline
from bot.text import t
from bot.text.format import link

#: "It is never the fault of the person exposed to violence": dinutvei.no (knowledge pack,
#: violence_safety.csv, row vnr_never_victims_fault).
NOT_FAULT_SOURCE = "https://dinutvei.no/vold-i-naere-relasjoner/har-jeg-blitt-utsatt-for-vold/"
Rows = tuple[tuple[Button, ...], ...]
#: Topics where the person who writes tells about someone else (a friend, a neighbour, a
#: relative): they are thanked for caring and asked whether *someone* is in danger, not told
#: that they deserve to be believed.
ABOUT_SOMEONE_ELSE = frozenset({"friends_family"})
#: A statement shown inside another reply: its HTML block and its id.
Short = tuple[str, str] | None


#: Each taxonomy topic's button label (message keys in bot/text/talk_*.py).
TOPIC_LABELS: dict[str, str] = {
    "krisesenter": "topic_krisesenter", "is_it_violence": "topic_is_it_violence",
    "safety_plan": "topic_safety_plan", "police": "topic_police",
    "protection": "topic_protection", "legal_help": "topic_legal_help",
    "children": "topic_children", "honour_control": "topic_honour_control",
    "sexual_assault": "topic_sexual_assault", "men": "topic_men",
    "friends_family": "topic_friends_family", "violence_users": "topic_violence_users",
    "phone_safety": "topic_phone_safety", "migrants": "topic_migrants",
    "elderly": "topic_elderly", "money_housing": "topic_money_housing",
    "emergency_numbers": "topic_emergency_numbers", "overview": "topic_overview",
}  # fmt: skip


def topic_button(topic: str, lang: str, more: bool = False) -> Button:
    label = t(lang, TOPIC_LABELS.get(topic, "topic_overview"))
    if more:
        label = t(lang, "btn_more_topic", topic=label)
    return Button(label, data=encode(Action.HELP, topic))


def _find_button(lang: str) -> Button:
    return Button(t(lang, "btn_find"), data=encode(Action.FIND))


def _menu_button(lang: str) -> Button:
    return Button(t(lang, "btn_menu"), data=encode(Action.MENU))


def disclosure(lang: str, topic: str | None, confidence: float | None,
               topics: tuple[str, ...] = (), short: Short = None) -> Reply:  # fmt: skip
    """Someone tells what is happening (no danger now), to them or, for ``ABOUT_SOMEONE_ELSE``
    topics, to someone they worry about. ``short``: the statement that answers what they wrote
    (its block and id), shown after the safety lines."""
    source = link(NOT_FAULT_SOURCE, "dinutvei.no")
    answer = [t(lang, "disclosure_answer") + "\n" + short[0]] if short else []
    heard, safe = (
        ("disclosure_heard_other", "disclosure_safe_other")
        if topic in ABOUT_SOMEONE_ELSE
        else ("disclosure_heard", "disclosure_safe")
    )
    html = "\n\n".join([
        t(lang, "lead_talk"),
        t(lang, heard) + "\n" + t(lang, "disclosure_not_fault", source=source),
        t(lang, safe) + "\n" + t(lang, "disclosure_talk"),
        *answer,
        t(lang, "disclosure_find"),
    ])  # fmt: skip
    offered = topics or ((topic,) if topic else ())
    rows: list[tuple[Button, ...]] = [(_find_button(lang),)]
    if topic == DELETE_TOPIC:  # afraid the chat is seen: delete it at once
        rows.insert(0, (delete_button(lang),))
    rows += [(topic_button(x, lang, more=len(offered) == 1),) for x in offered[:3]]
    rows.append((topic_button("phone_safety", lang), _menu_button(lang)))
    return Reply("disclosure", html, lang, buttons=tuple(rows), topic=topic,
                 confidence=confidence, asks_place=True,
                 statements=(short[1],) if short else ())  # fmt: skip


def smalltalk(kind: str, lang: str, menu: Rows, talk_line: Helpline | None,
              confidence: float | None) -> Reply:  # fmt: skip
    """A greeting, thanks, goodbye, "are you a bot?", feeling low, or a plain "ok"."""
    blocks = [t(lang, "lead_talk") if kind != "greet" else t(lang, "lead_greet")]
    buttons: Rows = ((_menu_button(lang),),)
    if kind == "greet":
        blocks.append(t(lang, "talk_greet"))
        buttons = menu
    elif kind in {"thanks", "bye"}:
        blocks.append(t(lang, "talk_thanks" if kind == "thanks" else "talk_bye"))
        buttons = ((delete_button(lang),),
                   (_menu_button(lang),))  # fmt: skip
    elif kind == "bot":
        blocks.append(t(lang, "talk_bot"))
    elif kind == "feel":
        feel = t(lang, "talk_feel")
        if talk_line and talk_line.number:
            feel += "\n" + t(lang, "talk_feel_line", name=talk_line.name, number=talk_line.number)
        blocks.append(feel)
    else:
        blocks.append(t(lang, "unknown_can"))
    blocks.append(t(lang, "footer"))
    return Reply("smalltalk", "\n\n".join(blocks), lang, buttons=buttons, confidence=confidence)


def not_understood(lang: str, topics: tuple[str, ...], confidence: float | None) -> Reply:
    """What the bot can do, the likeliest topics as buttons, 112 and 116 006."""
    html = "\n\n".join([
        t(lang, "lead_not_understood"),
        t(lang, "unknown_can") + "\n" + t(lang, "unknown_choose"),
        t(lang, "footer"),
    ])  # fmt: skip
    rows: list[tuple[Button, ...]] = [(topic_button(x, lang),) for x in topics[:3]]
    rows.append((_find_button(lang), _menu_button(lang)))
    return Reply("unknown", html, lang, buttons=tuple(rows), confidence=confidence)


def unsure(lang: str, intent: str, topic: str | None, topics: tuple[str, ...],
           confidence: float | None) -> Reply:  # fmt: skip
    """A question the bot is not sure of: it asks, with the likeliest topics as buttons."""
    html = "\n\n".join([t(lang, "lead_unsure"), t(lang, "unsure_question"), t(lang, "footer")])
    rows: list[tuple[Button, ...]] = [(topic_button(x, lang),) for x in topics[:3]]
    rows.append((_find_button(lang), _menu_button(lang)))
    return Reply(intent, html, lang, buttons=tuple(rows), topic=topic, confidence=confidence)


def other_language(
    intent: str, confidence: float | None, place: tuple[str, str] | None = None
) -> Reply:
    """A language the bot does not read: English, 112 and 116 006 in the first lines.
    ``place``: (number, name) of a municipality the message named, offered first."""
    lang = "en"
    html = "\n".join([t(lang, "lead_other"), t(lang, "other_112"), t(lang, "other_116006")])
    html += "\n\n" + t(lang, "other_body") + "\n\n" + t(lang, "footer")
    rows: tuple[tuple[Button, ...], ...] = (
        (_find_button(lang),),
        (topic_button("overview", lang), _menu_button(lang)),
    )
    if place is not None:
        number, name = place
        offer = Button(
            t(lang, "btn_centre_in", muni=name), data=encode(Action.MUNICIPALITY, number)
        )
        rows = ((offer,), *rows)
    return Reply(intent, html, lang, buttons=rows, confidence=confidence)
