"""``fetch-ssb`` against recorded responses through a fake transport: never the network."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from bot.pipeline.fetch import FetchError, fetch_tables
from tests.conftest import RAW

RECORDED = (RAW / "ssb" / "examples" / "example_jsonstat2.json").read_bytes()


def _metadata() -> bytes:
    doc = json.loads(RECORDED)
    doc.pop("value")
    return json.dumps(doc).encode()


class Recorder:
    """Serves the recorded metadata and data responses and remembers each request."""

    def __init__(self, status: int = 200, data: bytes = RECORDED) -> None:
        self.requests: list[httpx.Request] = []
        self.status = status
        self.data = data

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.status != 200:
            return httpx.Response(self.status, json={"error": "too many"})
        if request.url.path.endswith("/metadata"):
            return httpx.Response(200, content=_metadata())
        return httpx.Response(200, content=self.data)


def test_fetch_asks_for_metadata_then_every_cell_and_saves_bytes(tmp_path: Path) -> None:
    recorder = Recorder()
    sleeps: list[float] = []
    fetched = fetch_tables(
        tmp_path, ["03024"], transport=httpx.MockTransport(recorder), sleep=sleeps.append
    )
    meta, data = recorder.requests
    assert meta.url.path == "/api/pxwebapi/v2/tables/03024/metadata"
    assert data.url.path == "/api/pxwebapi/v2/tables/03024/data"
    params = dict(data.url.params)
    assert params == {
        "valueCodes[VareGrupper2]": "*",
        "valueCodes[ContentsCode]": "*",
        "valueCodes[Tid]": "*",
        "lang": "no",
        "outputFormat": "json-stat2",
    }
    assert (tmp_path / "03024.json").read_bytes() == RECORDED
    assert (tmp_path / "03024.metadata.json").is_file()
    assert [(f.table, f.cells) for f in fetched] == [("03024", 156)]
    assert sleeps and all(s >= 2 for s in sleeps)  # SSB allows 30 queries a minute


@pytest.mark.parametrize("status", [429, 503, 404])
def test_http_errors_raise_fetch_error_and_write_nothing(tmp_path: Path, status: int) -> None:
    transport = httpx.MockTransport(Recorder(status=status))
    with pytest.raises(FetchError, match=f"HTTP {status}"):
        fetch_tables(tmp_path, ["11678"], transport=transport, sleep=lambda s: None)
    assert list(tmp_path.iterdir()) == []


def test_malformed_json_raises(tmp_path: Path) -> None:
    transport = httpx.MockTransport(Recorder(data=b"{not json"))
    with pytest.raises(FetchError, match="not JSON"):
        fetch_tables(tmp_path, ["11678"], transport=transport, sleep=lambda s: None)
    assert not (tmp_path / "11678.json").exists()


def test_connection_error_raises(tmp_path: Path) -> None:
    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("refused", request=request)

    with pytest.raises(FetchError, match="ConnectError"):
        fetch_tables(
            tmp_path, ["11678"], transport=httpx.MockTransport(refuse), sleep=lambda s: None
        )
