"""``asks``: is a message worded as a question (bokmål, nynorsk, English)?"""

from __future__ import annotations

import pytest

from bot.understand.talk import asks


@pytest.mark.parametrize(
    "text",
    [
        "hvor lenge varer et besøksforbud",
        "Når stenger kontoret",  # folded: "nar"
        "må jeg betale",
        "kor lenge kan eg bu der",
        "korleis melder eg frå",
        "what does a lawyer cost",
        "naboen min sier det er lov?",
        "  hva nå ?  ",
    ],
)
def test_questions(text: str) -> None:
    assert asks(text)


@pytest.mark.parametrize(
    "text",
    ["noe om barnehus", "jeg vil bestille time", "mannen min slår meg", "", "   ", "for barn"],
)
def test_not_questions(text: str) -> None:
    assert not asks(text)
