"""Read the text chunks of a PNG (``tEXt`` latin-1, ``iTXt`` UTF-8): a chart's title and bars."""

from __future__ import annotations

import json
import struct
import zlib
from typing import Any

SIGNATURE = b"\x89PNG\r\n\x1a\n"


def png_text(png: bytes) -> dict[str, str]:
    assert png.startswith(SIGNATURE), "not a PNG"
    out: dict[str, str] = {}
    at = len(SIGNATURE)
    while at < len(png):
        (size,) = struct.unpack(">I", png[at : at + 4])
        kind, data = png[at + 4 : at + 8], png[at + 8 : at + 8 + size]
        at += 12 + size
        if kind == b"tEXt":
            key, _, value = data.partition(b"\0")
            out[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = data.partition(b"\0")
            compressed, rest = rest[0], rest[2:]
            _lang, _, rest = rest.partition(b"\0")
            _translated, _, value = rest.partition(b"\0")
            text = zlib.decompress(value) if compressed else value
            out[key.decode("latin-1")] = text.decode("utf-8")
    return out


def chart_content(png: bytes) -> tuple[str, list[dict[str, Any]]]:
    """(title, bars) of a Krisebot chart, as the PNG itself says."""
    text = png_text(png)
    return text["Title"], json.loads(text["Description"])
