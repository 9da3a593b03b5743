"""Deep links for posters and leaflets: ``https://t.me/<bot>?start=m_3201`` opens the bot on
Bærum's card, ``?start=c_<centre id>`` on a centre's card.

A link names a place or a centre and nothing else: never the person, a chat, a campaign id or
a time, so a link seen on a phone tells no more than the poster it came from. Links are made
with python-telegram-bot's ``create_deep_linked_url``; ``/start <payload>`` is routed by a
``CommandHandler`` with a ``filters.Regex`` (python-telegram-bot's deep-linking pattern). An
unknown or malformed payload gets the ordinary start menu.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from telegram.ext import filters
from telegram.helpers import create_deep_linked_url

from bot.answers import Answerer
from bot.answers.reply import Reply
from bot.catalog.places import Catalog

MUNICIPALITY: Final = "m"
CENTRE: Final = "c"
PAYLOAD: Final = re.compile(r"^(?P<kind>[mc])_(?P<key>[A-Za-z0-9_-]{1,60})$")
#: ``/start`` followed by a payload of ours (the plain ``/start`` has its own handler).
START_WITH_PAYLOAD: Final = filters.Regex(r"^/start(?:@\w+)?\s+[mc]_[A-Za-z0-9_-]{1,60}\s*$")
USERNAME: Final = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")


@dataclass(frozen=True)
class Link:
    """One poster link: the payload, what it opens, and the URL."""

    payload: str
    kind: str
    label: str
    url: str


def municipality_payload(number: str) -> str:
    return f"{MUNICIPALITY}_{number}"


def centre_payload(centre_id: str) -> str:
    return f"{CENTRE}_{centre_id}"


def reply_for(answerer: Answerer, payload: str, lang: str) -> Reply:
    """The card a payload opens; the start menu when it names nothing we know."""
    match = PAYLOAD.match(payload.strip())
    if match is None:
        return answerer.start(lang)
    kind, key = match["kind"], match["key"]
    if kind == MUNICIPALITY and key in answerer.catalog.municipalities:
        return answerer.municipality(key, lang)
    if kind == CENTRE and key in answerer.catalog.centres:
        return answerer.centre_card(key, lang)
    return answerer.start(lang)


def check_username(username: str) -> str:
    """The bot's username without "@"; ``ValueError`` when it cannot be one."""
    name = username.strip().lstrip("@")
    if not USERNAME.match(name):
        raise ValueError(f"not a Telegram bot username: {username!r}")
    return name


def all_links(catalog: Catalog, username: str) -> list[Link]:
    """A link for every municipality (by number) and every centre that is not closed."""
    name = check_username(username)
    links = [
        Link(municipality_payload(m.number), "municipality", m.name,
             create_deep_linked_url(name, municipality_payload(m.number)))
        for m in sorted(catalog.municipalities.values(), key=lambda m: m.number)
    ]  # fmt: skip
    links += [
        Link(centre_payload(c.id), "centre", c.name,
             create_deep_linked_url(name, centre_payload(c.id)))
        for c in sorted(catalog.centres.values(), key=lambda c: c.id)
        if c.status != "closed"
    ]  # fmt: skip
    return links


def write_qr_codes(links: list[Link], folder: Path) -> list[Path]:
    """One PNG QR code per link, named by its payload (``m_3201.png``), in ``folder``."""
    import segno

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for link in links:
        path = folder / f"{link.payload}.png"
        segno.make(link.url, error="m", micro=False).save(str(path), scale=8, border=4)
        written.append(path)
    return written
