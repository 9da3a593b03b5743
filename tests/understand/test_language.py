"""Messages in languages the bot does not read get an English reply with 112 and 116 006 in
its first lines; Norwegian and English messages, place names and Sami names never do. Our own
sentences, written for these tests."""

from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.answers.route import Message
from bot.understand import language

FIRST_LINES = 4

#: Messages in other languages, several scripts (our own sentences).
OTHER = [
    "mój mąż mnie bije i nie wiem co robić",  # Polish
    "potrzebuję pomocy, boję się wrócić do domu",
    "mój chłopak mnie kontroluje i zabrał mi telefon",
    "min man slår mig och jag vet inte vart jag ska ta vägen",  # Swedish
    "jag behöver hjälp, min pojkvän hotar mig",
    "jag är rädd för min sambo",
    "mein Mann schlägt mich, ich brauche Hilfe",  # German
    "ich habe Angst vor meinem Freund, was soll ich tun",
    "ninkayga ayaa i garaacaya, caawimaad ayaan u baahanahay",  # Somali
    "waxaan u baahanahay caawimaad degdeg ah",
    "мій чоловік б'є мене, допоможіть",  # Ukrainian
    "мне нужна помощь, муж угрожает мне",  # Russian
    "زوجي يضربني وأحتاج إلى مساعدة",  # Arabic
    "أين أجد مركز أزمات قريب",
    "mi marido me pega, necesito ayuda",  # Spanish
    "mon mari me frappe, j'ai besoin d'aide",  # French
    "kocam beni dövüyor, yardıma ihtiyacım var",  # Turkish
    "vyras mane muša, man reikia pagalbos",  # Lithuanian
    "ሰብኣየይ ይወቕዓኒ ኣሎ ሓገዝ የድልየኒ",  # Tigrinya
    "شوهرم مرا کتک می زند",  # Persian
]
#: Other languages naming a Norwegian place: still English first, the place offered.
OTHER_WITH_PLACE = [
    "gdzie jest najbliższy ośrodek kryzysowy w Drammen",
    "Hilfe bitte, mein Mann schlägt mich, wir wohnen in Bergen",
    "jag behöver hjälp i Tromsø, min man slår mig",
]
#: Norwegian and English that must keep a Norwegian or English reading.
OURS = [
    ("mannen min slår meg", "nb"),
    ("eg er redd for sambuaren min", "nn"),
    ("jeg bor i Kautokeino og trenger hjelp", "nb"),
    ("krisesenter i Guovdageaidnu", "nb"),
    ("jeg bor i Kárášjohka", "nb"),
    ("Unjárga Nesseby krisesenter", "nb"),
    ("qwqwqw zzxx", None),  # a keyboard mash is no language: the chosen one stays
    ("hjelp meg jeg bor i Lødingen", "nb"),
    ("my husband hits me and we live in Tromsø", "en"),
    ("hvor er nermeste krisesenter i trondhjem", "nb"),
    ("kan eg ta med borna til krisesenteret", "nn"),
    ("he hit me again last night", "en"),
    ("jeg er så redd for kjæresten min at jeg ikke tør å gå hjem", "nb"),
    ("Bærum", None),
]


@pytest.mark.parametrize("text", OTHER)
def test_other_languages_get_english_with_the_numbers_first(answerer: Answerer, text: str) -> None:
    reply = answerer.answer(text, "nb")
    head = "\n".join(reply.text.splitlines()[:FIRST_LINES])
    assert reply.lang == "en", reply.text[:200]
    assert "112" in head and "116 006" in head, head


@pytest.mark.parametrize("text", OTHER_WITH_PLACE)
def test_other_languages_naming_a_place_get_english_and_the_place(
    answerer: Answerer, text: str
) -> None:
    reply = answerer.answer(text, "nb")
    head = "\n".join(reply.text.splitlines()[:FIRST_LINES])
    assert reply.lang == "en" and "112" in head and "116 006" in head, reply.text[:300]
    assert any(b.data.startswith("m:") for row in reply.buttons for b in row), reply.buttons


@pytest.mark.parametrize(("text", "lang"), OURS)
def test_norwegian_and_english_keep_their_reading(
    answerer: Answerer, text: str, lang: str | None
) -> None:
    reading = Message(text, "nb", False, answerer, None, False).reading
    assert reading.lang == lang, (text, reading.lang)


def test_script_share_counts_latin_letters_with_accents_as_latin() -> None:
    assert language.foreign_script_share(list("Kárášjohka")) == 0.0
    assert language.foreign_script_share(list("Привет")) == 1.0
