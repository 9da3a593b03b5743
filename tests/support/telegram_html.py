"""What Telegram's HTML parse mode accepts: a strict check for the replies we send.

Only the tags we use (b, i, code, a with an href), balanced, and in the text between them no
raw ``<`` or ``>`` and no ``&`` that does not start an entity Telegram knows. User text that
reached a reply unescaped fails this check.
"""

from __future__ import annotations

import re

_TAG = re.compile(r'<(/?)(b|i|code|a)((?: href="[^"<>]*")?)>')
_ENTITY = re.compile(r"&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);")


def problems(html: str) -> list[str]:
    """Every way ``html`` would be refused or misread by Telegram; empty when it is fine."""
    found: list[str] = []
    stack: list[str] = []
    for match in _TAG.finditer(html):
        closing, name, href = match.groups()
        if closing:
            if not stack or stack.pop() != name:
                found.append(f"unbalanced </{name}> at {match.start()}")
        else:
            if name == "a" and not href:
                found.append(f"<a> without href at {match.start()}")
            stack.append(name)
    found += [f"unclosed <{name}>" for name in stack]
    text = _ENTITY.sub("", _TAG.sub("", html))
    for char in "<>&":
        if char in text:
            found.append(f"raw {char!r} at {text.index(char)} in the text")
    return found
