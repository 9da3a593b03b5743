"""``krisebot fetch-ssb``: download SSB tables through PxWebApi v2 as JSON-stat2.

For each table it first asks for the metadata (``/tables/{id}/metadata``), then for every cell
(``valueCodes[VAR]=*`` for each variable) and saves both responses, byte for byte, in
``data/raw/ssb/api/`` (``{id}.metadata.json`` and ``{id}.json``). The next build reads them into
the ``figures`` table next to the transcribed figures.

The HTTP transport is injectable so that tests use recorded responses, never the network.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.pipeline import jsonstat

BASE_URL = "https://data.ssb.no/api/pxwebapi/v2"
TABLES = ("11678", "12130", "12991")
#: SSB allows 30 queries a minute per address; two calls a table stay well inside it.
MIN_INTERVAL_S = 2.1


class FetchError(Exception):
    """SSB's API answered with an error, or with something that is not JSON-stat2."""


@dataclass(frozen=True)
class Fetched:
    table: str
    path: Path
    cells: int


def metadata_url(table: str, base: str = BASE_URL) -> str:
    return f"{base}/tables/{table}/metadata"


def data_params(metadata: dict[str, object]) -> dict[str, str]:
    """``valueCodes[VAR]=*`` for every variable the metadata names, JSON-stat2 output."""
    ids = metadata.get("id")
    if not isinstance(ids, list) or not ids:
        raise FetchError("metadata has no variable ids")
    params = {f"valueCodes[{var}]": "*" for var in ids}
    params.update({"lang": "no", "outputFormat": "json-stat2"})
    return params


def fetch_tables(
    out_dir: Path,
    tables: Iterable[str] = TABLES,
    transport: httpx.BaseTransport | None = None,
    base: str = BASE_URL,
    sleep: Callable[[float], None] = time.sleep,
) -> list[Fetched]:
    """Fetch each table's metadata and data into ``out_dir``; returns what was saved."""
    out_dir.mkdir(parents=True, exist_ok=True)
    results = []
    with httpx.Client(transport=transport, timeout=60.0, follow_redirects=True) as client:
        for i, table in enumerate(tables):
            if i:
                sleep(MIN_INTERVAL_S)
            results.append(_fetch_one(client, table, out_dir, base, sleep))
    return results


def _fetch_one(
    client: httpx.Client, table: str, out_dir: Path, base: str, sleep: Callable[[float], None]
) -> Fetched:
    meta_raw = _get(client, metadata_url(table, base), {"lang": "no"})
    metadata = _json(meta_raw, f"metadata for {table}")
    sleep(MIN_INTERVAL_S)
    data_raw = _get(client, f"{base}/tables/{table}/data", data_params(metadata))
    doc = _json(data_raw, f"data for {table}")
    count = sum(1 for _ in jsonstat.cells(doc))
    _write_atomic(out_dir / f"{table}.metadata.json", meta_raw)
    _write_atomic(out_dir / f"{table}.json", data_raw)
    return Fetched(table=table, path=out_dir / f"{table}.json", cells=count)


def _get(client: httpx.Client, url: str, params: dict[str, str]) -> bytes:
    try:
        response = client.get(url, params=params)
    except httpx.HTTPError as exc:
        raise FetchError(f"{url}: {type(exc).__name__}") from exc
    if response.status_code != 200:
        raise FetchError(f"{url}: HTTP {response.status_code}")
    return response.content


def _json(raw: bytes, what: str) -> dict[str, object]:
    try:
        doc = json.loads(raw)
    except ValueError as exc:
        raise FetchError(f"{what}: not JSON") from exc
    if not isinstance(doc, dict):
        raise FetchError(f"{what}: not a JSON object")
    return doc


def _write_atomic(path: Path, content: bytes) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(content)
    tmp.replace(path)
