"""Formatting helpers: HTML escaping for Telegram, plain text for the terminal, numbers."""

from __future__ import annotations

import html
import re
from urllib.parse import urlparse

_TAG = re.compile(r"<(/?)(b|i|code|a)(?:\s+href=\"([^\"]*)\")?>")
_LINK = re.compile(r"<a href=\"([^\"]*)\">(.*?)</a>", re.S)


def esc(text: object) -> str:
    """Escape text from outside (user input, data) for Telegram's HTML parse mode."""
    return html.escape(str(text), quote=True)


def link(url: str, label: str | None = None) -> str:
    return f'<a href="{esc(url)}">{esc(label or domain(url))}</a>'


def domain(url: str) -> str:
    host = urlparse(url).netloc or url
    return host.removeprefix("www.").removeprefix("www2.")


def plain(html_text: str) -> str:
    """The reply as a person reads it in a terminal: tags gone, links as "label (url)"."""

    def repl(m: re.Match[str]) -> str:
        url, label = html.unescape(m[1]), m[2]
        return label if label == url else f"{label} ({url})"

    text = _LINK.sub(repl, html_text)
    text = _TAG.sub("", text)
    return html.unescape(text)


def km(value: float) -> str:
    """Distances: whole kilometres, "under 1" close by."""
    return "< 1" if value < 1 else f"{value:.0f}"


def number(value: float, lang: str) -> str:
    """1 234 567 / 2,5 in bokmål (no-break space); 1,234,567 / 2.5 in English."""
    whole = float(value).is_integer()
    text = f"{value:,.0f}" if whole else f"{value:,.1f}"
    if lang == "nb":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text
