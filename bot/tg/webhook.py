"""The webhook server: Telegram POSTs updates here (tornado, as python-telegram-bot's own).

Our own small server instead of ``Application.run_webhook`` (the shape of python-telegram-bot's
"custom webhook" example) because it must be stricter than the built-in one:

* the secret token header is compared in constant time (``hmac.compare_digest``); a missing
  or wrong one gets 403;
* only ``POST /<path>`` exists: other paths get 404, other methods 405;
* a body larger than ``MAX_BODY`` is refused from its Content-Length header, before it is
  read (tornado answers 400 and closes the connection); an unreadable update gets 400;
* nothing about a request reaches the logs but its status (no body, no header, no secret).
"""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.httpserver
import tornado.web
from telegram import Update
from telegram.ext import Application

from bot.tg import ops

log = logging.getLogger(__name__)

#: Telegram's updates are a few kilobytes; nothing legitimate comes near this.
MAX_BODY = 256 * 1024
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name

AnyApp = Application[Any, Any, Any, Any, Any, Any]


class UpdateHandler(tornado.web.RequestHandler):
    """``POST /<path>``: check the secret, parse the update, queue it, answer 200."""

    def initialize(self, app: AnyApp, secret: str) -> None:  # tornado's per-request hook
        self.app = app
        self.secret = secret.encode()

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "").encode()
        if not hmac.compare_digest(given, self.secret):
            raise tornado.web.HTTPError(HTTPStatus.FORBIDDEN)
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.app.bot) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError):
            update = None
        if update is None:
            raise tornado.web.HTTPError(HTTPStatus.BAD_REQUEST)
        await self.app.update_queue.put(update)
        self.set_status(HTTPStatus.OK)

    def log_exception(self, *args: Any) -> None:
        """Tornado would log the request with the error; we keep only the status."""
        log.debug("webhook request refused: %s", self.get_status())


def make_server(app: AnyApp, path: str, secret: str) -> tornado.httpserver.HTTPServer:
    """The HTTP server (not yet listening) for ``POST /<path>``."""
    if not secret:
        raise ValueError("a webhook needs a secret token")
    routes = [(f"/{path.strip('/')}", UpdateHandler, {"app": app, "secret": secret})]
    web = tornado.web.Application([*routes, *ops.routes(app)], log_function=_no_access_log)
    return tornado.httpserver.HTTPServer(web, max_body_size=MAX_BODY, xheaders=False)


def _no_access_log(handler: tornado.web.RequestHandler) -> None:
    """No access log: the request line and client address stay out of the logs."""


async def serve(
    app: AnyApp,
    url: str,
    path: str,
    secret: str,
    listen: str,
    port: int,
    allowed_updates: list[str],
    stop: asyncio.Event,
) -> None:
    """Run the bot behind the webhook until ``stop`` is set."""
    server = make_server(app, path, secret)
    async with app:
        if app.post_init:
            await app.post_init(app)
        await app.start()
        server.listen(port, address=listen)  # ready before Telegram is told where to send
        try:
            await app.bot.set_webhook(url, secret_token=secret, allowed_updates=allowed_updates)
            app.bot_data["webhook_set"] = True  # /healthz: updates can reach us
            await stop.wait()
        finally:
            server.stop()
            await app.stop()
