"""Small rules over short messages: which kind of small talk, and which follow-up.

The model says *that* a message is small talk; these word lists say which kind (a greeting, a
thank-you, a goodbye, "are you a bot?", feeling low, or a plain "ok"), and read a short
follow-up to the bot's last reply ("telefon?" after a centre card, "nærmere?", "ja").
"""

from __future__ import annotations

from typing import Final

from bot.names import normalize
from bot.understand.danger import whole_words

BOT: Final = whole_words((
    "menneske", "et menneske", "eit menneske", "robot", "bot", "en bot", "ekte", "ekte person",
    "human", "a human", "real person", "a person", "person", "hvem er du", "kven er du",
    "hva er du", "who are you", "what are you", "ai", "chatbot", "maskin",
))  # fmt: skip
BYE: Final = whole_words((
    "ha det", "hade", "ha det bra", "ha det godt", "snakkes", "god natt", "natta", "farvel",
    "bye", "goodbye", "bye bye", "good night", "see you", "cya",
))  # fmt: skip
THANKS: Final = whole_words((
    "takk", "tusen takk", "takker", "mange takk", "tnx", "thanks", "thank you", "thx", "ty",
    "cheers", "takk skal du ha",
))  # fmt: skip
GREET: Final = whole_words((
    "hei", "heisann", "hallo", "halla", "heia", "hoi", "morn", "god morgen", "god dag",
    "god kveld", "hi", "hello", "hey", "hiya", "yo", "good morning", "good evening",
))  # fmt: skip
FEEL: Final = whole_words((
    "vondt", "trist", "lei meg", "ensom", "einsam", "orker ikke", "orkar ikkje", "sliten",
    "tungt", "stressa", "stresset", "redd", "deprimert", "klarer ikke", "sove", "grine",
    "grater", "sad", "alone", "lonely", "terrible", "tired", "depressed", "cant sleep",
    "can t sleep", "awful", "crying", "scared", "anxious", "hard", "bad day", "darlig",
))  # fmt: skip

PHONE: Final = whole_words((
    "telefon", "telefonen", "telefonnummer", "telefonnummeret", "nummer", "nummeret", "tlf",
    "ring", "ringe", "ringje", "phone", "phone number", "number", "call",
))  # fmt: skip
NEARER: Final = whole_words((
    "naermere", "naermeste", "naraste", "andre", "annet", "anna", "flere", "fleire",
    "kortere", "closer", "nearer", "nearest", "other", "others", "another", "nearby",
))  # fmt: skip
YES: Final = whole_words(("ja", "jo", "gjerne", "ja takk", "ok", "okei", "yes", "yes please",
                          "sure", "please"))  # fmt: skip
SHORT_WORDS: Final = 4  # a follow-up is a few words, not a new question
#: The first words of a question in bokmål, nynorsk and English ("hvor lenge blir sporene
#: lagret", "skal jeg ta bilder"); with a question mark, what ``asks`` looks for (folded).
QUESTION_WORDS: Final = frozenset(normalize(word) for word in (
    "hva", "hvordan", "hvem", "hvor", "hvorfor", "hvilken", "hvilke", "når", "kan", "må", "skal",
    "får", "er", "har", "bør", "vil", "går", "blir", "finnes", "gjelder", "trenger", "koster",
    "kva", "korleis", "kven", "kor", "kvifor", "kvar",
    "what", "how", "who", "where", "when", "why", "which", "can", "do", "does", "is", "are",
    "should", "will", "may", "could", "would",
))  # fmt: skip


def asks(text: str) -> bool:
    """Is the message worded as a question (a question mark, or a question word first)?"""
    words = normalize(text).split()
    return text.rstrip().endswith("?") or bool(words and words[0] in QUESTION_WORDS)


def smalltalk_kind(text: str) -> str:
    """ "bot", "bye", "thanks", "greet", "feel" or "ack" (a plain "ok", an emoji)."""
    norm = normalize(text)
    for kind, words in (("bot", BOT), ("bye", BYE), ("thanks", THANKS), ("feel", FEEL),
                        ("greet", GREET)):  # fmt: skip
        if words.search(norm):
            return kind
    return "ack"


def followup(text: str) -> str | None:
    """ "phone", "nearer" or "yes" for a short follow-up message, else None."""
    norm = normalize(text)
    if not norm or len(norm.split()) > SHORT_WORDS:
        return None
    for kind, words in (("phone", PHONE), ("nearer", NEARER), ("yes", YES)):
        if words.search(norm):
            return kind
    return None
