"""Log redaction and the in-memory message ids."""

from __future__ import annotations

import io
import logging
import sys

from bot.tg.privacy import configure_logging, redact

TOKEN = "123456789:AAHfakeFAKEfakeFAKEfakeFAKEfakeFAKE12"


def test_redact_removes_tokens_and_update_bodies() -> None:
    assert redact(f"POST https://api.telegram.org/bot{TOKEN}/getMe") == (
        "POST https://api.telegram.org/bot<token>/getMe"
    )
    assert redact("Update(update_id=5, message=Message(text='hei'))") == (
        "[message with update content dropped]"
    )
    assert redact('{"message": {"text": "hei"}}') == "[message with update content dropped]"
    assert redact("handler failed: RuntimeError") == "handler failed: RuntimeError"


def test_configured_logging_redacts_records_and_exception_text() -> None:
    stream = io.StringIO()
    configure_logging("DEBUG", stream)
    log = logging.getLogger("bot.test")
    try:
        log.warning("url %s", f"https://x/bot{TOKEN}/sendMessage")
        try:
            raise ValueError(f"bad token {TOKEN} and text secret-words")
        except ValueError:
            log.exception("failed")
        logging.getLogger("httpx").info("HTTP Request: POST .../bot%s/getUpdates", TOKEN)
    finally:
        logging.getLogger().handlers.clear()
    out = stream.getvalue()
    assert TOKEN not in out
    assert "secret-words" not in out
    assert "url https://x/bot<token>/sendMessage" in out
    assert "failed [ValueError]" in out
    assert "HTTP Request" not in out  # httpx is at WARNING
    assert logging.getLogger("telegram").level == logging.WARNING
    assert sys.exc_info() == (None, None, None)
