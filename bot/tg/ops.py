"""Operations over HTTP: ``GET /healthz`` and ``GET /metrics`` (Prometheus, prometheus-client).

``/healthz`` answers 200 only when all hold, else 503, with a small JSON body (no ids, no
text, no secrets): the catalogue was loaded from the database, updates are being received
(polling alive, or the webhook set; ``bot.tg.liveness`` where delivery provides it), and the
state backend answers (Redis, if configured). ``/metrics`` renders the application's registry
(``bot.tg.metrics``) after refreshing the state gauges.

In webhook mode the routes are mounted on the webhook server (``routes``, given to
``bot.tg.webhook.make_server`` as ``extra_routes`` by ``bot.tg.run``); in polling mode
they get their own server on 127.0.0.1 at ``KRISEBOT_HTTP_PORT`` (``listen_locally``; in webhook
mode too when it is set, so that a container's HEALTHCHECK asks the same place in both modes).
No access log: request lines stay out of the logs.
"""

from __future__ import annotations

import json
import logging
from http import HTTPStatus
from typing import Any

import tornado.web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from telegram.ext import Application
from tornado.httpserver import HTTPServer

from bot.state import State, StateUnavailable
from bot.tg.metrics import Metrics

log = logging.getLogger(__name__)
AnyApp = Application[Any, Any, Any, Any, Any, Any]


def database_loaded(app: AnyApp) -> bool:
    """The catalogue was read from the database (the bot reads it once, read-only)."""
    answerer = app.bot_data.get("answerer")
    catalog = getattr(answerer, "catalog", None)
    return bool(getattr(catalog, "municipalities", None))


def receiving_updates(app: AnyApp) -> tuple[bool, str]:
    """(updates can reach the bot now, how: polling or webhook), from ``bot.tg.liveness``."""
    liveness = app.bot_data.get("liveness")
    if liveness is None:
        return False, "starting"
    return bool(liveness.healthy()), str(liveness.mode)


async def health(app: AnyApp) -> dict[str, object]:
    state: State = app.bot_data["state"]
    receiving, mode = receiving_updates(app)
    checks = {"database": database_loaded(app), "updates": receiving, "state": await state.ping()}
    return {"healthy": all(checks.values()), **checks, "mode": mode, "state_backend": state.name}


async def refresh_gauges(app: AnyApp) -> None:
    metrics: Metrics = app.bot_data["metrics"]
    state: State = app.bot_data["state"]
    up = await state.ping()
    metrics.state_up.set(1 if up else 0)
    try:
        metrics.state_keys.set(await state.key_count())
    except StateUnavailable:
        return


class _OpsHandler(tornado.web.RequestHandler):
    def initialize(self, app: AnyApp) -> None:  # tornado's per-request hook
        self.app = app
        self.set_header("Cache-Control", "no-store")

    def log_exception(self, *args: Any) -> None:
        log.debug("ops request failed: %s", self.get_status())


class HealthHandler(_OpsHandler):
    async def get(self) -> None:
        report = await health(self.app)
        self.set_status(HTTPStatus.OK if report["healthy"] else HTTPStatus.SERVICE_UNAVAILABLE)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(report))


class MetricsHandler(_OpsHandler):
    async def get(self) -> None:
        await refresh_gauges(self.app)
        self.set_header("Content-Type", CONTENT_TYPE_LATEST)
        self.finish(generate_latest(self.app.bot_data["metrics"].registry))


def routes(app: AnyApp) -> list[tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]]:
    """The ops routes, to mount on another tornado application (the webhook server)."""
    return [("/healthz", HealthHandler, {"app": app}), ("/metrics", MetricsHandler, {"app": app})]


def make_server(app: AnyApp) -> HTTPServer:
    web = tornado.web.Application(routes(app), log_function=lambda handler: None)
    return HTTPServer(web, xheaders=False)


def listen_locally(app: AnyApp, port: int, address: str = "127.0.0.1") -> HTTPServer:
    """The ops routes on their own server at ``address:port``; the caller stops it."""
    server = make_server(app)
    server.listen(port, address=address)
    log.info("health and metrics on %s:%d", address, port)
    return server
