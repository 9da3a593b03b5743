"""The webhook server: Telegram POSTs updates here (tornado, as python-telegram-bot's own).

Our own small server instead of ``Application.run_webhook`` (the shape of python-telegram-bot's
"custom webhook" example) because it must be stricter than the built-in one:

* only ``POST /<path>`` exists: other paths get 404, other methods 405, both decided from the
  request line before any body is read;
* the secret token header is compared in constant time (``hmac.compare_digest``) as soon as the
  headers are in, before any body is read; a missing or wrong one gets 403;
* a body larger than ``MAX_BODY`` is refused from its Content-Length header (tornado answers
  400 and closes the connection); a body nested deeper than ``MAX_DEPTH`` or unreadable in any
  way (not JSON, not an update, a field of the wrong type) gets 400, never 500;
* headers must arrive within ``Limits.idle_s`` (also how long an idle keep-alive connection is
  kept) and a body within ``Limits.body_s``; at most ``Limits.max_connections`` connections are
  open at once: beyond that, new ones wait in the kernel's backlog;
* when accepting fails (EMFILE: out of file descriptors) the server pauses accepting for a
  moment and logs it at most once per ``ACCEPT_LOG_EVERY_S``, instead of spinning;
* 200 only for an update the bot will process: when the intake is full for ``ADMIT_WAIT_S``,
  and from the moment a stop begins, the answer is 503 (Telegram retries it later);
* nothing about a request reaches the logs but its status (no body, no header, no secret).
"""

from __future__ import annotations

import asyncio
import errno
import hmac
import json
import logging
import re
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.netutil
import tornado.web
from telegram import Update
from telegram.ext import Application
from tornado.ioloop import IOLoop

from bot.tg.delivery import FairChatProcessor, Intake

log = logging.getLogger(__name__)

#: Telegram's updates are a few kilobytes; nothing legitimate comes near this.
MAX_BODY = 256 * 1024
MAX_HEADERS = 16 * 1024
#: Telegram's updates nest about ten levels deep.
MAX_DEPTH = 64
#: How long an update waits for room in the intake before the answer is 503.
ADMIT_WAIT_S = 5.0
ACCEPT_LOG_EVERY_S = 60.0
ACCEPT_PAUSE_S = 0.5
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name

AnyApp = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True)
class Limits:
    """Telegram keeps up to 40 connections open (``max_connections``); this leaves room."""

    idle_s: float = 30.0
    body_s: float = 10.0
    max_connections: int = 256


class Refused(tornado.web.RequestHandler):
    """Base: refuse from the request line and headers; never read a body we will not use."""

    def log_exception(self, typ: Any, value: Any, tb: Any) -> None:
        """Tornado would log the request with the error; we keep only the status."""
        if isinstance(value, tornado.web.HTTPError):
            log.debug("webhook request refused: %s", value.status_code)
        else:
            log.error("webhook request failed: %s", typ.__name__ if typ else "unknown")

    def data_received(self, chunk: bytes) -> None:
        """Not reached for refused requests: ``prepare`` ends them first."""


@tornado.web.stream_request_body
class NotFound(Refused):
    def prepare(self) -> None:
        raise tornado.web.HTTPError(HTTPStatus.NOT_FOUND)


@tornado.web.stream_request_body
class UpdateHandler(Refused):
    """``POST /<path>``: check the secret, read and parse the update, queue it, answer 200."""

    def initialize(self, app: AnyApp, secret: str, gate: Gate) -> None:
        self.app = app
        self.secret = secret.encode()
        self.gate = gate
        self.chunks: list[bytes] = []

    def prepare(self) -> None:
        """Runs when the headers are in, before any body is read."""
        if self.request.method != "POST":
            raise tornado.web.HTTPError(HTTPStatus.METHOD_NOT_ALLOWED)
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        self._refuse_if_stopping()

    def data_received(self, chunk: bytes) -> None:
        self.chunks.append(chunk)

    async def post(self) -> None:
        update = parse_update(b"".join(self.chunks), self.app)
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        await self._admit()
        intake = _intake(self.app)
        intake.take(update)
        await self.app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    async def _admit(self) -> None:
        intake = _intake(self.app)
        if not intake.room():
            try:
                await asyncio.wait_for(intake.wait_for_room(), ADMIT_WAIT_S)
            except TimeoutError:
                raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE) from None
        self._refuse_if_stopping()

    def _refuse_if_stopping(self) -> None:
        if self.gate.closing:
            self.set_header("Connection", "close")
            raise tornado.web.HTTPError(HTTPStatus.SERVICE_UNAVAILABLE)


def _intake(app: AnyApp) -> Intake:
    updates = app.update_processor
    if not isinstance(updates, FairChatProcessor):
        raise TypeError("the webhook needs the FairChatProcessor")
    return updates.intake


_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"')
_BRACKETS = re.compile(rb"[\[\]{}]")


def too_deep(body: bytes, limit: int = MAX_DEPTH) -> bool:
    """Whether JSON ``body`` nests deeper than ``limit`` (brackets inside strings ignored)."""
    depth = 0
    for match in _BRACKETS.finditer(_STRINGS.sub(b'""', body)):
        depth += 1 if match.group() in b"[{" else -1
        if depth > limit:
            return True
    return False


def parse_update(body: bytes, app: AnyApp) -> Update | None:
    """The update in ``body``, or ``None`` for anything that is not a readable update."""
    if too_deep(body):
        return None
    try:
        data = json.loads(body)
        if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
            return None
        return Update.de_json(data, app.bot)
    except Exception:  # any unreadable body is the sender's 400, never our 500
        return None


@dataclass
class Gate:
    """Shared by the server and its handlers: has the stop begun?"""

    closing: bool = False


class WebhookServer(tornado.httpserver.HTTPServer):
    """An ``HTTPServer`` with a connection cap, and an accept loop that survives EMFILE."""

    def initialize(  # type: ignore[override]
        self, *args: Any, limits: Limits, gate: Gate, **kwargs: Any
    ) -> None:
        super().initialize(*args, **kwargs)
        self.limits = limits
        self.gate = gate
        self._paused: set[socket.socket] = set()
        self._last_accept_log = float("-inf")

    def listen_on(self, port: int, address: str) -> list[socket.socket]:
        sockets = tornado.netutil.bind_sockets(port, address)
        self.add_guarded(sockets)
        return sockets

    def add_guarded(self, sockets: list[socket.socket]) -> None:
        """Like ``add_sockets``, with our accept loop."""
        for sock in sockets:
            self._sockets[sock.fileno()] = sock
            self._handlers[sock.fileno()] = self._watch(sock)

    def begin_shutdown(self) -> None:
        """503 for every request from now on; stop listening."""
        self.gate.closing = True
        self.stop()

    async def close_all(self) -> None:
        await self.close_all_connections()

    def on_close(self, server_conn: object) -> None:
        super().on_close(server_conn)
        for sock in list(self._paused):
            self._resume(sock)

    def _watch(self, sock: socket.socket) -> Callable[[], None]:
        IOLoop.current().add_handler(sock, lambda fd, events: self._accept(sock), IOLoop.READ)

        def remove() -> None:
            self._paused.discard(sock)
            IOLoop.current().remove_handler(sock)

        return remove

    def _accept(self, sock: socket.socket) -> None:
        for _ in range(128):
            if len(self._connections) >= self.limits.max_connections:
                self._pause(sock)  # resumed when a connection closes
                return
            try:
                connection, address = sock.accept()
            except BlockingIOError:
                return
            except ConnectionAbortedError:
                continue
            except OSError as error:
                self._accept_failed(sock, error)
                return
            self._handle_connection(connection, address)

    def _accept_failed(self, sock: socket.socket, error: OSError) -> None:
        """Out of descriptors (EMFILE) and the like: log rarely, pause, try again soon."""
        now = time.monotonic()
        if now - self._last_accept_log >= ACCEPT_LOG_EVERY_S:
            self._last_accept_log = now
            name = errno.errorcode.get(error.errno or 0, type(error).__name__)
            log.error("webhook cannot accept connections (%s); pausing", name)
        self._pause(sock)
        IOLoop.current().call_later(ACCEPT_PAUSE_S, self._resume, sock)

    def _pause(self, sock: socket.socket) -> None:
        if sock not in self._paused and sock.fileno() in self._sockets:
            self._paused.add(sock)
            IOLoop.current().update_handler(sock, 0)

    def _resume(self, sock: socket.socket) -> None:
        if sock in self._paused and sock.fileno() in self._sockets and not self.gate.closing:
            self._paused.discard(sock)
            IOLoop.current().update_handler(sock, IOLoop.READ)
            self._accept(sock)


#: Further routes on the same server (path, handler class, its ``initialize`` arguments).
Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]


def make_server(
    app: AnyApp,
    path: str,
    secret: str,
    limits: Limits = Limits(),
    extra_routes: Sequence[Route] = (),
) -> WebhookServer:
    """The HTTP server (not yet listening) for ``POST /<path>`` (and ``extra_routes``, such as
    a health check, which then share the limits above)."""
    if not secret:
        raise ValueError("a webhook needs a secret token")
    gate = Gate()
    hook: Route = (f"/{path.strip('/')}", UpdateHandler, {"app": app, "secret": secret,
                                                           "gate": gate})  # fmt: skip
    routes = [hook, *extra_routes]
    web = tornado.web.Application(
        routes, log_function=_no_access_log, default_handler_class=NotFound
    )
    return WebhookServer(
        web, max_body_size=MAX_BODY, max_header_size=MAX_HEADERS, xheaders=False,
        idle_connection_timeout=limits.idle_s, body_timeout=limits.body_s,
        limits=limits, gate=gate,
    )  # fmt: skip


def _no_access_log(handler: tornado.web.RequestHandler) -> None:
    """No access log: the request line and client address stay out of the logs."""
