"""Read one message: the intent and topic the bot acts on, how sure it is, and the place.

Three readers, each doing what it is good at (DESIGN.md: rules where rules are right, models
where language varies):

* the curated danger phrases (``danger``): a rule, reviewed like code;
* the models (``classifier.Scores``): what the message is about, in any wording;
* the matcher (``Match``): *which* place, if any, never guessing between two.

Danger is recall-first: the phrases *or* the model flag it, never both required. The model
decides whether a message is about a place, a question, or both; the matcher decides which
place. Thresholds are fixed here, not fitted to any measuring set.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.names import normalize
from bot.understand import language
from bot.understand.classifier import Scores
from bot.understand.matching import Match

#: The model alone makes it an emergency from this probability (the phrases carry recall; the
#: model adds what they miss, without turning every past blow into an alarm).
EMERGENCY_P = 0.5
#: Below this, or closer than ``CLOSE`` to the runner-up, the bot does not guess.
SURE_P = 0.45
CLOSE = 0.10
#: Someone who may be telling what happens is never "not understood".
DISCLOSURE_FLOOR = 0.20
#: A question that also tells about the person's own life ("han har delt bilder av meg, kan jeg
#: anmelde?") is read by the intent model as a question; it tells when the model gives telling at
#: least this much and the message speaks of the writer (a first-person word).
TELLS_FLOOR = 0.05
FIRST_PERSON = frozenset({"jeg", "meg", "min", "mi", "mitt", "mine", "eg", "me", "my", "myself"})
#: Norwegian "i" means "in"; as a first-person word it counts only in English.
FIRST_PERSON_EN = frozenset({"i", "im", "ive"})
#: A disclosure carries a topic only when the topic model is this sure.
DISCLOSURE_TOPIC_P = 0.30
#: Named outright (not a fuzzy guess at a misspelling).
EXACT = frozenset({"official", "parallel", "former", "postal_place", "town", "postal_code",
                   "municipality_number"})  # fmt: skip
PLACE_INTENTS = frozenset({"centre", "unknown", "smalltalk"})
QUESTION_INTENTS = frozenset({"help", "stats", "disclosure"})


@dataclass(frozen=True)
class Reading:
    """What the bot makes of one message. ``topic`` is None where none applies."""

    intent: str
    topic: str | None = None
    confidence: float = 0.0
    lang: str | None = None  # "nb", "nn", "en", "other"; None: no words to tell
    danger_phrase: bool = False
    place: bool = False  # the matcher found a place (or several) the bot will offer
    unsure: bool = False  # offer the likeliest topics instead of guessing
    likely_topics: tuple[str, ...] = ()
    told: bool = False  # the person tells what happens (a place card then opens warmly)
    tells: bool = False  # ... or asks and tells about their own life (the answer opens warmly)


def read(text: str, scores: Scores | None, match: Match, danger_phrase: bool) -> Reading:
    """The reading of ``text`` from the three readers' results."""
    lang = language.guess(text, scores, _place_words(match))
    if scores is None:
        return _without_model(match, danger_phrase, lang)
    model_danger = scores.p("emergency") >= EMERGENCY_P and not _whole(text, match)
    if danger_phrase or model_danger:  # a bare "1112" is a place, whatever its digits suggest
        conf = max(scores.p("emergency"), 1.0 if danger_phrase else 0.0)
        return Reading("emergency", None, conf, lang, danger_phrase, match.status != "none")
    intent = _intent(text, scores, match)
    place = match.status != "none" and intent in {"centre", "help", "disclosure"}
    if intent == "centre" and match.status == "ambiguous":
        return Reading("clarify", None, scores.confidence, lang, place=True)
    if intent == "disclosure" and _exact(match):
        intent = "centre"  # taxonomy: a place with what happens -> the centre card
    topic = _topic(intent, scores, match)
    unsure = _unsure(intent, scores)
    likely = scores.likely_topics(3) if unsure or intent == "unknown" else ()
    told = scores.p("disclosure") >= DISCLOSURE_FLOOR
    tells = scores.words > 1 and (  # one word names a topic; telling takes a sentence
        told or (scores.p("disclosure") >= TELLS_FLOOR and _first_person(scores, lang))
    )
    return Reading(intent, topic, scores.p(_model_intent(intent)), lang, False, place,
                   unsure, likely, told, tells)  # fmt: skip


def _first_person(scores: Scores, lang: str | None) -> bool:
    """Does the message speak of the writer ("meg", "min", "eg"; "I" in English)?"""
    words = set(scores.folded)
    return bool(words & FIRST_PERSON or (lang == "en" and words & FIRST_PERSON_EN))


def _model_intent(intent: str) -> str:
    return "centre" if intent == "clarify" else intent


def _intent(text: str, scores: Scores, match: Match) -> str:
    """Model and matcher together: a message that is nothing but a place, or a place with
    words the examples never had (a misspelt name), is about the place; a named place wins
    over small talk and "unknown"; a question wins over a fuzzy guess at a place."""
    best = scores.intent
    if match.status != "none" and (_whole(text, match) or scores.known_words == 0):
        return "centre"
    if best == "help" and _exact(match) and scores.topic == "overview":
        return "centre"  # "I live in Gran and need help": the help there is the centre
    placed = _exact(match) or best == "centre" or scores.confidence < SURE_P
    if match.status != "none" and best in PLACE_INTENTS and placed:
        return "centre"
    if best == "unknown" and scores.p("disclosure") >= DISCLOSURE_FLOOR:
        return "disclosure"
    if best == "disclosure" and scores.words == 1:
        return "help"  # one word ("barn") names a topic; telling takes a sentence
    if best in QUESTION_INTENTS or best == "smalltalk":
        return best
    if best == "centre" and match.status == "none":
        return "centre"  # "nearest crisis centre?" with no place: the bot asks where
    return best


def _topic(intent: str, scores: Scores, match: Match) -> str | None:
    if intent == "help":
        return scores.topic
    if intent == "disclosure" or (intent == "centre" and scores.intent == "disclosure"):
        top, p = scores.topics[0]
        return top if p >= DISCLOSURE_TOPIC_P else None
    return None


def _unsure(intent: str, scores: Scores) -> bool:
    if intent not in {"help", "disclosure"}:
        return False
    topic_p = scores.topics[0][1]
    return topic_p < SURE_P or scores.topic_margin() < CLOSE


def _whole(text: str, match: Match) -> bool:
    """The message is the place's name, postal code or number, nothing else."""
    norm = normalize(text)
    return any(normalize(c.term) == norm for c in match.candidates if c.via in EXACT)


def _exact(match: Match) -> bool:
    return match.status != "none" and all(c.via in EXACT for c in match.candidates)


def _without_model(match: Match, danger_phrase: bool, lang: str | None) -> Reading:
    """No model (never in a built database): the phrases and the matcher alone."""
    if danger_phrase:
        return Reading("emergency", None, 1.0, lang, True, match.status != "none")
    if match.status == "ambiguous":
        return Reading("clarify", None, 0.0, lang, place=True)
    if match.status == "found":
        return Reading("centre", None, 0.0, lang, place=True)
    return Reading("unknown", None, 0.0, lang)


def _place_words(match: Match) -> frozenset[str]:
    """The folded words of the places the matcher found (not foreign words, whatever the
    examples hold)."""
    return frozenset(w for c in match.candidates for w in normalize(c.term).split())
