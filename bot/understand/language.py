"""Which language a message is written in: bokmål, nynorsk, English, or another ("other").

The bot reads bokmål, nynorsk and English. A message in any other language gets an English
reply that opens with 112 and 116 006, so the first thing to get right is never to send a
Norwegian message there (place names, Sami names, dialect, typos). Three readers, cheapest first:

* **script**: letters outside the Latin script (Arabic, Cyrillic, Ge'ez, ...) are "other";
* **our own models**: the share of words the training examples hold (place names the matcher
  found do not count against it) and the language model over them (nb, nn, en);
* **py3langid** (a maintained fork of langid.py, 97+ languages trained on large corpora,
  shipped as a numpy model without pickle), for Latin-script messages our models cannot vouch
  for: Swedish, German, Polish, Somali ... share letters and even words with Norwegian. It
  costs ~0.5 s to load, so it is loaded once, on the first message that needs it, and never for
  a message that is clearly Norwegian or English. Why not a model of our own: a few hundred
  sentences we write cannot cover the languages people in Norway write in; langid's can.

Norwegian-like answers from langid (no, nn, da, se, fo, and en) never make a message "other";
words of no language (a keyboard mash) keep the language the person chose.
"""

from __future__ import annotations

import threading
import unicodedata
from typing import Any, Final

from bot.understand.classifier import Scores

#: Below this share of words the examples hold, langid's best language decides (if foreign).
KNOWN_SHARE: Final = 0.34
#: Above this share of known words, and with the model this sure, langid is not asked.
CLEAR_SHARE: Final = 0.9
CLEAR_P: Final = 0.9
#: The message's language decides the reply's only from this many words and this certainty.
LANG_WORDS: Final = 2
LANG_P: Final = 0.6
#: ... when langid is this sure of a foreign language (a keyboard mash gets a random one, unsure).
NAMED_P: Final = 0.5
#: Otherwise langid decides "other" only from this many words and this certainty.
LANGID_WORDS: Final = 3
LANGID_P: Final = 0.9
#: Letters outside the Latin script: from this share of the letters, the message is "other".
FOREIGN_SCRIPT: Final = 0.5
#: Answers of langid that mean "a Norwegian can have written this".
NORWEGIAN_LIKE: Final = frozenset({"no", "nn", "da", "se", "fo", "en"})
#: The languages langid chooses between: Norway's own, and those most written here (immigrant
#: languages with Latin script, neighbours, world languages). A short list is more accurate on
#: short text than all of langid's.
CANDIDATES: Final = (
    "no", "nn", "da", "se", "fo", "en", "sv", "de", "nl", "fr", "es", "pt", "it", "pl", "lt",
    "lv", "et", "fi", "ro", "cs", "sk", "hu", "hr", "bs", "sr", "sl", "sq", "tr", "so", "sw",
    "tl", "vi", "id", "ku", "is",
)  # fmt: skip


def guess(
    text: str, scores: Scores | None, place_words: frozenset[str] = frozenset()
) -> str | None:
    """ "en", "nb", "nn", "other", or None when there are no words to tell by (a bare name,
    one word). ``place_words``: folded words of the places the matcher found in ``text``
    (a Sami or unusual place name is not a foreign word)."""
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 2 and foreign_script_share(letters) >= FOREIGN_SCRIPT:
        return "other"
    if scores is None or scores.words == 0:
        return "other" if len(letters) >= 2 else None
    content = [w for w in scores.folded if w not in place_words]
    if len(content) < LANG_WORDS:
        return None  # "Hå", "takk", "Kautokeino": a name or one word says little
    unknown = set(scores.unknown)
    share = sum(1 for w in content if w not in unknown) / len(content)
    lang, p = scores.langs[0]
    if share >= CLEAR_SHARE and p >= CLEAR_P:
        return lang  # nearly every word is one the examples hold: ours, langid not asked
    foreign, foreign_p = langid_foreign(text)
    named = foreign_p >= (NAMED_P if share < KNOWN_SHARE else LANGID_P)
    if foreign and named and (share < KNOWN_SHARE or len(content) >= LANGID_WORDS):
        return "other"
    if share < KNOWN_SHARE:
        return None  # words of no language anyone can name ("jkjkjk"): keep the chosen one
    return lang if p >= LANG_P else None


def foreign_script_share(letters: list[str]) -> float:
    """The share of ``letters`` that are not Latin ("Ø", "á", "ŋ" are Latin)."""
    foreign = sum(1 for ch in letters if not unicodedata.name(ch, "").startswith("LATIN"))
    return foreign / len(letters)


_LOCK = threading.Lock()
_IDENTIFIER: list[Any] = []


def _identifier() -> Any:
    """py3langid's identifier over ``CANDIDATES``, loaded once (thread-safe)."""
    with _LOCK:
        if not _IDENTIFIER:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier

            found = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
            found.set_languages(list(CANDIDATES))
            _IDENTIFIER.append(found)
        return _IDENTIFIER[0]


def langid_foreign(text: str) -> tuple[str | None, float]:
    """langid's best language for ``text`` and its probability when it is not one a Norwegian
    may write (``NORWEGIAN_LIKE``); (None, 0.0) when it is."""
    lang, p = _identifier().classify(text)
    return (None, 0.0) if str(lang) in NORWEGIAN_LIKE else (str(lang), float(p))
