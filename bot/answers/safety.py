"""The replies that keep a person safe and oriented: the start menu, the emergency numbers
(with the person's centre below them when a place was named), a question back when a place
name is shared, "not found", and the calm reply when something broke on our side."""

from __future__ import annotations

from bot.answers.actions import Action, encode
from bot.answers.centre import Place
from bot.answers.reply import Button, Ref, Reply
from bot.catalog.models import Via
from bot.text import t
from bot.text.format import esc
from bot.understand.matching import Candidate, Match

#: How a candidate was found -> its label in the question back.
CANDIDATE_LABELS = {
    Via.POSTAL_CODE: "cand_postal_code",
    Via.MUNICIPALITY_NUMBER: "cand_municipality_number",
}


def start(lang: str) -> Reply:
    """The first message: neutral first line, 112, 116 006, is it safe, the menu."""
    blocks = [t(lang, k) for k in ("start_lead", "start_body", "start_safe", "start_find")]
    return Reply("help", "\n\n".join(blocks), lang, buttons=menu_buttons(lang))


def menu_buttons(lang: str) -> tuple[tuple[Button, ...], ...]:
    def b(key: str, action: Action, *args: str) -> Button:
        return Button(t(lang, key), data=encode(action, *args))

    return (
        (b("menu_find", Action.FIND), b("menu_now", Action.EMERGENCY)),
        (b("menu_what", Action.HELP, "krisesenter"),
         b("menu_family", Action.HELP, "friends_family")),
        (b("menu_users", Action.HELP, "violence_users"), b("menu_stats", Action.STATS)),
        (b("menu_safety", Action.HELP, "phone_safety"), b("menu_delete", Action.DELETE)),
        (b("menu_language", Action.LANGUAGE),),
        (b("menu_questions", Action.TOPICS),),
    )  # fmt: skip


def emergency(lang: str, place: Place | None = None, question: Reply | None = None) -> Reply:
    """112, 113 and 116 006 first; then the centre of a place named (its blocks), or the
    buttons of a question back when the name is shared, or how to find a centre."""
    blocks = [
        t(lang, "lead_emergency"),
        t(lang, "emergency_call_112") + "\n" + t(lang, "emergency_call_113"),
        t(lang, "emergency_116006"),
    ]
    if place is not None:
        blocks += place.blocks
        return Reply("emergency", "\n\n".join(blocks), lang, place.municipality, (),
                     place.centres, place.buttons)  # fmt: skip
    if question is not None:
        return Reply("emergency", "\n\n".join(blocks), lang, candidates=question.candidates,
                     buttons=question.buttons)  # fmt: skip
    blocks.append(t(lang, "emergency_more"))
    return Reply("emergency", "\n\n".join(blocks), lang)


def clarify(match: Match, lang: str) -> Reply:
    """Which of these did you mean? One button per candidate."""
    labels = [(c, candidate_label(c, lang)) for c in match.candidates]
    lines = [t(lang, "lead_clarify"), t(lang, "clarify_question")]
    lines += [f"{i}. {esc(label)}" for i, (_, label) in enumerate(labels, start=1)]
    lines.append(t(lang, "clarify_hint"))
    html = "\n".join(lines) + "\n\n" + t(lang, "footer")
    buttons = tuple(
        (Button(label, data=encode(Action.MUNICIPALITY, c.number)),) for c, label in labels
    )
    refs = tuple(Ref(c.number, c.name) for c in match.candidates)
    return Reply("clarify", html, lang, candidates=refs, buttons=buttons)


def candidate_label(c: Candidate, lang: str) -> str:
    if c.via in CANDIDATE_LABELS:
        return t(lang, CANDIDATE_LABELS[Via(c.via)], muni=c.name, code=c.term)
    if c.via == Via.FORMER:
        return t(lang, "cand_former", muni=c.name, term=c.term)
    if c.via in {Via.POSTAL_PLACE, Via.TOWN} and c.term != c.name:
        return t(lang, "cand_place", muni=c.name, term=c.term)
    return t(lang, "cand_plain", muni=c.name)


def find_prompt(lang: str) -> Reply:
    html = "\n\n".join([t(lang, "lead_clarify"), t(lang, "find_prompt"), t(lang, "footer")])
    return Reply("clarify", html, lang)


def unknown(lang: str) -> Reply:
    html = "\n\n".join([t(lang, "lead_unknown"), t(lang, "unknown_body"), t(lang, "footer")])
    return Reply("unknown", html, lang)


def error(lang: str) -> Reply:
    """The calm reply when something broke on our side."""
    html = "\n\n".join([t(lang, "lead_error"), t(lang, "error_body"), t(lang, "footer")])
    return Reply("unknown", html, lang)


def outside_municipalities(code: str, place: str, lang: str) -> Reply:
    """A postal code on Svalbard or Jan Mayen: no municipality, no centre we know of."""
    body = t(lang, "svalbard", code=esc(code), place=esc(place))
    html = "\n\n".join([t(lang, "lead_unknown"), body, t(lang, "vo_line_helps"), t(lang, "footer")])
    return Reply("unknown", html, lang)
