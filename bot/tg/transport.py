"""The HTTP transport to the Bot API: python-telegram-bot's ``BaseRequest`` over aiohttp.

python-telegram-bot's default transport (httpx) spends most of the bot's CPU time in its
connection pool when many chats are answered at once (it checks every pooled connection on
every request). aiohttp's client, with its C HTTP parser, does the same work for a fraction of
the cost: ``bench/bench_load.py`` measures both. ``BaseRequest`` is python-telegram-bot's
documented way to plug in another HTTP library; the error mapping is the same as its own
(timeouts -> ``TimedOut``, other transport errors -> ``NetworkError``; a connection that
could not be made or broke is ``ConnectionFailed``, a ``NetworkError``, so that start-up can say
"unreachable" only when that is true), and no error text carries the URL (it contains the
token). Proxy settings are not read from the environment (``trust_env`` costs a third of the
throughput): the bot talks to ``--base-url`` directly. Parameters go as one JSON body (the Bot
API accepts ``application/json`` for every call without a file upload): building it is one C
``json.dumps`` where a form body URL-encodes every reply character by character in Python
(about 0.15 ms of CPU per reply, a quarter of a send, on the load benchmark's machine);
uploads stay multipart.
"""

from __future__ import annotations

import json
from typing import Any

import aiohttp
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, RequestData

#: python-telegram-bot's own defaults (``HTTPXRequest``). aiohttp has no write timeout.
READ_S, CONNECT_S, POOL_S = 5.0, 5.0, 1.0
JSON = "application/json"


class ConnectionFailed(NetworkError):
    """No answer from the Bot API: refused, reset, DNS, TLS. (A 5xx is an answer.)"""


class AiohttpRequest(BaseRequest):
    """One aiohttp session with a bounded connection pool."""

    def __init__(
        self,
        connection_pool_size: int = 16,
        read_timeout: float | None = READ_S,
        connect_timeout: float | None = CONNECT_S,
        pool_timeout: float | None = POOL_S,
    ) -> None:
        self.pool_size = connection_pool_size
        self._read = read_timeout
        self._connect = connect_timeout
        self._pool = pool_timeout
        self._session: aiohttp.ClientSession | None = None

    @property
    def read_timeout(self) -> float | None:
        return self._read

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            connector = aiohttp.TCPConnector(limit=self.pool_size, ttl_dns_cache=300)
            self._session = aiohttp.ClientSession(connector=connector, trust_env=False)

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        timeout = self._timeout(read_timeout, connect_timeout, pool_timeout)
        try:
            data, content_type = _body(request_data)
            headers = {"User-Agent": self.USER_AGENT}
            if content_type:
                headers["Content-Type"] = content_type
            async with self._session.request(
                method, url, data=data, timeout=timeout, headers=headers
            ) as response:
                return response.status, await response.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientConnectionError as err:
            raise ConnectionFailed(f"aiohttp.{type(err).__name__}") from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{type(err).__name__}") from err

    def _timeout(
        self, read: ODVInput[float], connect: ODVInput[float], pool: ODVInput[float]
    ) -> aiohttp.ClientTimeout:
        read_s = self._read if isinstance(read, DefaultValue) else read
        connect_s = self._connect if isinstance(connect, DefaultValue) else connect
        pool_s = self._pool if isinstance(pool, DefaultValue) else pool
        waiting = None if connect_s is None or pool_s is None else connect_s + pool_s
        return aiohttp.ClientTimeout(
            total=None, connect=waiting, sock_connect=connect_s, sock_read=read_s
        )


def _body(request_data: RequestData | None) -> tuple[Any, str | None]:
    """The parameters as one JSON object (and its content type); multipart when there are
    files, with the fields as python-telegram-bot encodes them."""
    if request_data is None:
        return None, None
    if not request_data.contains_files:
        return json.dumps(request_data.parameters).encode(), JSON
    form = aiohttp.FormData()
    for name, value in request_data.json_parameters.items():
        form.add_field(name, value)
    for name, (filename, content, mime) in request_data.multipart_data.items():
        form.add_field(name, content, filename=filename, content_type=mime)
    return form, None
