"""Help replies: what help exists for a topic, the help lines that serve it, each with its
number, hours and source, and the sourced facts about the topic."""

from __future__ import annotations

from typing import Final

from bot.answers.actions import Action, encode
from bot.answers.reply import Button, Reply
from bot.answers.sources import sources, year_suffix
from bot.catalog.models import HelpFact, Helpline
from bot.catalog.places import Catalog
from bot.text import t
from bot.text.format import domain, esc, link

#: Replies on this topic (its help page, its answers, what people tell about it) offer to
#: delete the conversation first.
DELETE_TOPIC: Final = "phone_safety"

#: The help lines shown for each help topic, in order.
HELP_LINES: Final[dict[str, tuple[str, ...]]] = {
    "overview": ("vo_linjen", "dinutvei", "alarmtelefonen", "legevakt", "familievernet"),
    "emergency_numbers": (
        "politi_nod", "medisinsk_nod", "vo_linjen", "politi_ikke_akutt", "legevakt",
    ),
    "krisesenter": ("vo_linjen", "dinutvei"),
    "children": ("alarmtelefonen", "kors_pa_halsen", "statens_barnehus"),
    "sexual_assault": ("overgrepsmottak", "hjelpetelefon_seksuelt_misbrukte", "smiso"),
    "friends_family": ("vo_linjen", "dinutvei", "familievernet"),
    "violence_users": ("atv", "dinutvei"),
    "men": ("reform_mannstelefonen", "vo_linjen"),
    "police_legal": ("politi_nod", "politi_ikke_akutt", "stottesenter_kriminalitetsutsatte"),
    "phone_safety": ("vo_linjen", "dinutvei"),
}  # fmt: skip
#: Taxonomy topics (TAXONOMY.md) without a page of their own -> the page that covers them,
#: until the knowledge base gives each its statements.
HELP_PAGE: Final[dict[str, str]] = {
    "police": "police_legal", "protection": "police_legal", "legal_help": "police_legal",
    "is_it_violence": "overview", "safety_plan": "overview", "honour_control": "overview",
    "migrants": "overview", "elderly": "overview", "money_housing": "overview",
}  # fmt: skip
#: Each help topic -> its title (message key).
HELP_TITLES: Final = {
    "overview": "help_title_overview",
    "emergency_numbers": "help_title_emergency_numbers",
    "krisesenter": "help_title_krisesenter",
    "children": "help_title_children",
    "sexual_assault": "help_title_sexual_assault",
    "friends_family": "help_title_friends_family",
    "violence_users": "help_title_violence_users",
    "men": "help_title_men",
    "police_legal": "help_title_police_legal",
    "phone_safety": "help_title_phone_safety",
}
#: Topics whose reply ends by offering to find the person's crisis centre.
FIND_CENTRE_TOPICS: Final = {"overview", "krisesenter", "men", "friends_family"}


class HelpReplies:
    """Help topics for one ``Catalog``."""

    def __init__(self, catalog: Catalog) -> None:
        self.catalog = catalog

    def topic(self, topic: str, lang: str) -> Reply:
        ids = HELP_LINES.get(topic, HELP_LINES["overview"])
        lines = [self.catalog.helplines[i] for i in ids if i in self.catalog.helplines]
        blocks = [t(lang, "lead_help"), t(lang, HELP_TITLES[topic])]
        facts = [f for f in self.catalog.help_facts.values() if f.topic == topic]
        if facts:
            blocks.append("\n".join(fact_line(f, lang) for f in facts))
        blocks += [helpline_block(h, lang) for h in lines]
        if topic in FIND_CENTRE_TOPICS:
            blocks.append(t(lang, "help_find_centre"))
        buttons: tuple[tuple[Button, ...], ...] = ()
        if topic == DELETE_TOPIC:
            blocks.append(t(lang, "safety_more"))
            buttons = deletion_buttons(lang)
        blocks.append(t(lang, "footer"))
        return Reply("help", "\n\n".join(blocks), lang, buttons=buttons)


def delete_button(lang: str) -> Button:
    """ "Slett samtalen": delete the conversation now."""
    return Button(t(lang, "menu_delete"), data=encode(Action.DELETE))


def deletion_buttons(lang: str) -> tuple[tuple[Button, ...], ...]:
    """Delete the conversation now, or automatically after a while."""
    return (
        (delete_button(lang),),
        (Button(t(lang, "btn_auto_15"), data=encode(Action.AUTO_DELETE, 15)),
         Button(t(lang, "btn_auto_60"), data=encode(Action.AUTO_DELETE, 60))),
        (Button(t(lang, "btn_auto_off"), data=encode(Action.AUTO_DELETE, 0)),),
    )  # fmt: skip


def fact_line(fact: HelpFact, lang: str) -> str:
    source = link(fact.source_url, domain(fact.source_url)) + year_suffix(fact.source_year)
    return f"• {t(lang, f'fact_{fact.id}')} ({source})"


def helpline_block(line: Helpline, lang: str) -> str:
    number = t(lang, "helpline_number", number=esc(line.number)) if line.number else ""
    hours = ""
    if line.hours:
        hours = t(lang, "helpline_hours", hours=esc(line.opening_hours(lang)))
    text = t(lang, "helpline", name=esc(line.name), number=number, hours=hours,
             what=esc(line.what(lang)))  # fmt: skip
    extra = [] if line.number else [t(lang, "helpline_no_number")]
    if line.website:
        extra.append(t(lang, "helpline_website", link=link(line.website)))
    extra.append(t(lang, "helpline_source", sources=sources(line.source_url, "")))
    return "\n".join([text, *extra])
