"""Deep links for posters: ``/start m_3201`` and ``/start c_<centre>`` through the real handlers,
and ``krisebot links [--qr DIR]`` (the links name a place or a centre, nothing else)."""

from __future__ import annotations

import re
from pathlib import Path

import segno
from click.testing import CliRunner
from matplotlib import image

from bot.answers import Answerer
from bot.cli import main
from bot.tg.deeplinks import reply_for
from tests.tg.conftest import Harness
from tests.tg.test_handlers import _buttons

BOT = "KrisebotTestBot"
LINK = re.compile(rf"^https://t\.me/{BOT}\?start=(m_\d{{4}}|c_[a-z0-9_]+)$")


async def test_municipality_link_opens_baerums_card(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("/start m_3201"))
    call = harness.api.sent()[-1]
    assert call.params["text"].splitlines()[0] == "Her er det du spurte om."
    assert "Bærum har avtale med:" in call.params["text"]
    assert "c:asker_baerum_lier" in _buttons(call.params)
    assert len(harness.api.sent()) == 1


async def test_centre_link_opens_the_centre_card_in_english(harness: Harness) -> None:
    await harness.feed(harness.api.user_message("/start c_asker_baerum_lier", lang="en"))
    text = harness.last_text()
    assert text.splitlines()[0] == "Here is what you asked for."
    assert "<b>Krisesenteret Asker, Bærum og Lier</b>" in text
    assert "<b>112</b>" in text


async def test_unknown_payloads_get_the_start_menu(harness: Harness) -> None:
    for payload in ("m_9999", "c_nowhere", "x_3201"):
        await harness.feed(harness.api.user_message(f"/start {payload}"))
        assert harness.last_text().splitlines()[0] == "Hei."


def test_every_payload_opens_a_card(db_path: Path, answerer: Answerer) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "links", "--bot", BOT])
    payloads = [line.split("\t")[0] for line in result.output.splitlines()]
    replies = [reply_for(answerer, p, "nb") for p in payloads]
    assert all(r.intent == "centre" for r in replies)


def test_links_cover_every_municipality_and_open_centre_and_name_nothing_else(
    db_path: Path, answerer: Answerer
) -> None:
    result = CliRunner().invoke(main, ["--db", str(db_path), "links", "--bot", f"@{BOT}"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.output.splitlines()]
    catalog = answerer.catalog
    open_centres = [c for c in catalog.centres.values() if c.status != "closed"]
    assert len(rows) == len(catalog.municipalities) + len(open_centres)
    assert all(LINK.match(url) for _, _, url in rows)
    assert ["m_3201", "Bærum", f"https://t.me/{BOT}?start=m_3201"] in rows
    assert [
        "c_hallingdal",
        "Hallingdal krisesenter",
        f"https://t.me/{BOT}?start=c_hallingdal",
    ] in rows


def test_links_need_a_valid_bot_username(db_path: Path) -> None:
    missing = CliRunner().invoke(
        main, ["--db", str(db_path), "links"], env={"KRISEBOT_BOT_USERNAME": ""}
    )
    assert missing.exit_code == 2
    assert "--bot" in missing.output
    wrong = CliRunner().invoke(main, ["--db", str(db_path), "links", "--bot", "a b"])
    assert wrong.exit_code == 2
    assert "not a Telegram bot username" in wrong.output


def test_qr_codes_carry_the_links(db_path: Path, tmp_path: Path) -> None:
    folder = tmp_path / "qr"
    result = CliRunner().invoke(
        main, ["--db", str(db_path), "links", "--bot", BOT, "--qr", str(folder)]
    )
    assert result.exit_code == 0, result.output
    assert len(list(folder.glob("*.png"))) == len(result.stdout.splitlines())
    assert "QR codes in" in result.stderr
    url = f"https://t.me/{BOT}?start=m_3201"
    assert _modules(folder / "m_3201.png") == _expected(url)


def _modules(png: Path, scale: int = 8, border: int = 4) -> list[list[bool]]:
    """The QR modules drawn in ``png`` (dark = True), read back from the pixels."""
    pixels = image.imread(png)
    size = pixels.shape[0] // scale - 2 * border

    def dark(r: int, c: int) -> bool:
        value = pixels[(r + border) * scale + scale // 2, (c + border) * scale + scale // 2]
        return float(value if value.ndim == 0 else value[0]) < 0.5

    return [[dark(r, c) for c in range(size)] for r in range(size)]


def _expected(url: str) -> list[list[bool]]:
    return [[bool(m) for m in row] for row in segno.make(url, error="m", micro=False).matrix]
