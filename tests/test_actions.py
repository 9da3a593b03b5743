"""The button codec: every action round-trips, nothing made is over 64 bytes, foreign data is
``None`` (and answered calmly), and every button the core shows decodes to an action."""

from __future__ import annotations

import pytest

from bot.answers import Answerer
from bot.answers.actions import MAX_BYTES, SHELL, Action, Pressed, decode, encode


@pytest.mark.parametrize("action", list(Action))
def test_every_action_round_trips(action: Action) -> None:
    assert decode(encode(action)) == Pressed(action)
    assert decode(encode(action, "1804")) == Pressed(action, ("1804",))


def test_statistics_buttons_carry_a_topic_and_a_year() -> None:
    pressed = decode(encode(Action.CHART, "centre_cost", 2022))
    assert pressed == Pressed(Action.CHART, ("centre_cost", "2022"))
    assert pressed.arg == "centre_cost" and pressed.year == 2022
    assert decode(encode(Action.STATS_TOPIC, "spending")) == Pressed(
        Action.STATS_TOPIC, ("spending",)
    )


def test_callback_data_over_64_bytes_is_refused() -> None:
    with pytest.raises(ValueError, match="64 bytes"):
        encode(Action.CENTRE, "x" * MAX_BYTES)


@pytest.mark.parametrize("data", ["", "zz", "menu", "m1804", "🙂:1"])
def test_data_we_never_made_decodes_to_none(answerer: Answerer, data: str) -> None:
    assert decode(data) is None
    assert answerer.press(decode(data), "nb").intent == "unknown"


def test_every_button_of_the_menu_decodes(answerer: Answerer) -> None:
    actions = {decode(b.data) for row in answerer.start("nb").buttons for b in row}
    assert None not in actions
    assert {p.action for p in actions if p} >= {Action.FIND, Action.EMERGENCY, *SHELL} - {
        Action.AUTO_DELETE
    }
