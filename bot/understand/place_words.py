"""Which words in a sentence can name a place: never (``STOPWORDS``), only when capitalised or
after a locative (``GUARDED``: everyday words that are also place names), and the locatives
themselves ("i", "på", "in", "at" …). Read by the matcher (``bot.understand.matching``)."""

from __future__ import annotations

from bot.names import normalize


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize(w) for w in text.split())


#: Words that never name a place in a sentence.
STOPWORDS = _words(
    """jeg du han hun vi de meg deg seg oss er var bor i på og eller til fra for med som det
    den en et ei ikke kan vil skal må trenger hjelp hjelpe krisesenter krisesenteret krisesentre
    nærmeste hvor hva hvem hvilket hvilken her der kommune kommunen min mitt mine ut inn opp om
    hei takk ja nei nær ved rundt litt live in at the a an near nearest crisis centre center
    shelter help need my me is am are where what which municipality from to and or please hi
    hello thanks i'm im of on"""
)
#: Everyday words that are also place names ("nå" is a postal place, "Time" a municipality):
#: in a sentence they count only when capitalised or after "i", "på", "in", "at" …
GUARDED = _words(
    """nå bo bø ha hå as ås al ål time hole sand strand ski sola dal fjell re berg fet gran sel
    vang lom os nes vik hov moss lund rana gol hol å ask bru fjord heim hennes herre his moen
    selje son stad sund tro hørte sto øye"""
)
LOCATIVES = _words("i på in at fra from near ved nær")
