"""The message catalogue: every message in bokmål (``nb``, the default) and English (``en``).

``t(lang, key, **values)`` formats a message; values are HTML-escaped by the caller where they
come from outside (see ``bot.text.format``). A test checks that both languages have the same
keys with the same placeholders.
"""

from __future__ import annotations

from typing import Final

from bot.text import en, nb, shell_en, shell_nb, talk_en, talk_nb

LANGS: Final = ("nb", "en")
DEFAULT_LANG: Final = "nb"
CATALOGUE: Final[dict[str, dict[str, str]]] = {
    "nb": {**nb.MESSAGES, **shell_nb.MESSAGES, **talk_nb.MESSAGES},
    "en": {**en.MESSAGES, **shell_en.MESSAGES, **talk_en.MESSAGES},
}


def lang_for(code: str | None) -> str:
    """Telegram's language code -> our language: nb/nn/no -> bokmål, anything else English."""
    if not code:
        return DEFAULT_LANG
    base = code.lower().replace("_", "-").split("-")[0]
    return "nb" if base in {"nb", "nn", "no"} else "en"


def t(lang: str, key: str, **values: object) -> str:
    messages = CATALOGUE.get(lang, CATALOGUE[DEFAULT_LANG])
    return messages[key].format(**values)
