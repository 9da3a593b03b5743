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
* headers and body must arrive in time, connections are capped, and running out of file
  descriptors pauses accepting instead of spinning (``bot.tg.webserver``: ``Limits``);
* 200 only for an update the bot will process: when the intake is full for ``ADMIT_WAIT_S``,
  and from the moment a stop begins, the answer is 503 (Telegram retries it later);
* nothing about a request reaches the logs but its status (no body, no header, no secret).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
from collections.abc import Sequence
from http import HTTPStatus
from typing import Any

import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.tg.delivery import FairChatProcessor
from bot.tg.intake import Intake
from bot.tg.webserver import DEFAULT_LIMITS, Gate, Limits, WebhookServer

log = logging.getLogger(__name__)

#: Telegram's updates are a few kilobytes; nothing legitimate comes near this.
MAX_BODY = 256 * 1024
MAX_HEADERS = 16 * 1024
#: Telegram's updates nest about ten levels deep.
MAX_DEPTH = 64
#: How long an update waits for room in the intake before the answer is 503.
ADMIT_WAIT_S = 5.0
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name

AnyApp = Application[Any, Any, Any, Any, Any, Any]


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


#: Further routes on the same server (path, handler class, its ``initialize`` arguments).
Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]


def make_server(
    app: AnyApp,
    path: str,
    secret: str,
    limits: Limits = DEFAULT_LIMITS,
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
