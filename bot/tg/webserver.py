"""The webhook's HTTP server: tornado's ``HTTPServer`` with a connection cap, and an accept
loop that survives running out of file descriptors.

* at most ``Limits.max_connections`` connections are open at once: beyond that, new ones wait
  in the kernel's backlog; headers must arrive within ``Limits.idle_s`` (also how long an idle
  keep-alive connection is kept) and a body within ``Limits.body_s``;
* when accepting fails (EMFILE) the server pauses accepting for ``ACCEPT_PAUSE_S`` and logs it
  at most once per ``ACCEPT_LOG_EVERY_S``, instead of spinning;
* ``Gate`` tells the request handlers (``bot.tg.webhook``) that a stop has begun.
"""

from __future__ import annotations

import errno
import logging
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import tornado.httpserver
import tornado.netutil
from tornado.ioloop import IOLoop

#: The webhook's one logger (operators filter on it), shared with ``bot.tg.webhook``.
log = logging.getLogger("bot.tg.webhook")

ACCEPT_LOG_EVERY_S = 60.0
ACCEPT_PAUSE_S = 0.5


@dataclass(frozen=True)
class Limits:
    """Telegram keeps up to 40 connections open (``max_connections``); this leaves room."""

    idle_s: float = 30.0
    body_s: float = 10.0
    max_connections: int = 256


DEFAULT_LIMITS = Limits()


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
