"""A fake Telegram Bot API for tests: the same core behind a recording ``BaseRequest`` (for
``Application.process_update``) and a real HTTP server on 127.0.0.1 (end to end).

It keeps what the bot did (``calls``), the messages it sent, the ids it deleted, and a queue
of updates served by ``getUpdates`` with offsets (``confirmed``: every update below the highest
offset asked for is gone from Telegram). Faults (429, 5xx, timeouts, resets, malformed JSON,
late acknowledgements) can be queued per method; ``outage`` fails a method for some seconds;
``slow`` delays a method's answers (for one chat or all). Nothing leaves the machine.
"""

from __future__ import annotations

import email.parser
import itertools
import json
import socket
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from telegram.error import TimedOut
from telegram.request import BaseRequest, RequestData

TOKEN = "123456789:AAHfakeFAKEfakeFAKEfakeFAKEfakeFAKE12"
BOT_USER = {
    "id": 123456789,
    "is_bot": True,
    "first_name": "Krisebot",
    "username": "krisebot_test_bot",
    "can_join_groups": False,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}


@dataclass
class Fault:
    """One injected failure for a method: an HTTP status with a body, or a broken connection."""

    kind: str  # "status", "malformed", "reset", "timeout", "late" (delivered, answered late)
    status: int = 500
    retry_after: int | None = None
    delay_s: float = 0.0
    body: Any = None  # "late": the answer that arrives after delay_s


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    at: float = field(default_factory=time.monotonic)
    result: Any = None  # what the fake answered (a sent message, with its id)


class FakeBotApi:
    """The Bot API's behaviour, without the transport."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.lock = threading.Condition()
        self.calls: list[Call] = []
        self.updates: list[dict[str, Any]] = []
        self.served: list[int] = []
        self.deleted: list[int] = []
        self.faults: dict[str, list[Fault]] = {}
        self.faulted: list[Call] = []  # the calls that were answered with a fault
        self.outages: dict[str, tuple[float, int]] = {}  # method -> (until, status)
        self.delays: dict[tuple[str, int | None], float] = {}  # (method, chat or None) -> s
        self.confirmed = 0  # the highest offset asked for: updates below it are gone
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(10_000)
        self._user_message_ids = itertools.count(1)

    # -- what tests put in -----------------------------------------------------------------
    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            update = {"update_id": next(self._update_ids), **update}
            self.updates.append(update)
            self.lock.notify_all()
        return update

    def fault(self, method: str, *faults: Fault) -> None:
        with self.lock:
            self.faults.setdefault(method, []).extend(faults)

    def outage(self, method: str, seconds: float, status: int = 502) -> None:
        """Every call of ``method`` fails with ``status`` for the next ``seconds``."""
        with self.lock:
            self.outages[method] = (time.monotonic() + seconds, status)

    def slow(self, method: str, seconds: float, chat_id: int | None = None) -> None:
        """``method`` answers after ``seconds`` (for ``chat_id`` only, or for everyone)."""
        with self.lock:
            self.delays[(method, chat_id)] = seconds

    def user_message(
        self, text: str | None = None, chat_id: int = 4242, lang: str = "nb", **extra: Any
    ) -> dict[str, Any]:
        message: dict[str, Any] = {
            "message_id": next(self._user_message_ids),
            "date": int(time.time()),
            "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "group"},
            "from": {"id": abs(chat_id), "is_bot": False, "first_name": "Test",
                     "language_code": lang},
            **extra,
        }  # fmt: skip
        if text is not None:
            message["text"] = text
            if text.startswith("/"):
                length = len(text.split()[0])
                message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return {"message": message}

    def callback(
        self, data: str, message_id: int, chat_id: int = 4242, lang: str = "nb"
    ) -> dict[str, Any]:
        return {
            "callback_query": {
                "id": f"cb{message_id}{data}"[:60],
                "from": {"id": chat_id, "is_bot": False, "first_name": "Test",
                         "language_code": lang},
                "chat_instance": "ci",
                "data": data,
                "message": {"message_id": message_id, "date": int(time.time()),
                            "chat": {"id": chat_id, "type": "private"}, "text": "menu"},
            }
        }  # fmt: skip

    def inline(self, query: str, user_id: int = 4242, lang: str = "nb") -> dict[str, Any]:
        return {
            "inline_query": {
                "id": f"iq{next(self._update_ids)}",
                "from": {"id": user_id, "is_bot": False, "first_name": "Staff",
                         "language_code": lang},
                "query": query,
                "offset": "",
            }
        }  # fmt: skip

    # -- what tests read --------------------------------------------------------------------
    def sent(self, chat_id: int | None = None) -> list[Call]:
        with self.lock:
            return [
                c for c in self.calls
                if c.method in {"sendMessage", "sendPhoto"}
                and (chat_id is None or int(c.params["chat_id"]) == chat_id)
            ]  # fmt: skip

    def methods(self) -> list[str]:
        with self.lock:
            return [c.method for c in self.calls]

    def wait_for(self, predicate: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self.lock:
            while not predicate():
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"condition not met; calls: {self.methods()[-15:]}")
                self.lock.wait(min(left, 0.05))

    # -- the API ----------------------------------------------------------------------------
    def handle(self, token: str, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        """(HTTP status, JSON body) for one call, or a Fault to act out."""
        if token != self.token:
            return 401, {"ok": False, "error_code": 401, "description": "Unauthorized"}
        self._delay(method, params)
        with self.lock:
            queued = self.faults.get(method)
            fault = queued.pop(0) if queued else self._in_outage(method)
            if fault is not None:
                self.faulted.append(Call(method, params))
        if fault is not None and fault.kind == "late":
            _, body = self._answer(method, params)  # delivered ...
            return 0, replace(fault, body=body)  # ... and acknowledged after fault.delay_s
        if fault is not None:
            return 0, fault
        return self._answer(method, params)

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}
        with self.lock:
            call = Call(method, params)
            self.calls.append(call)
            result = call.result = self._result(method, params)
            self.lock.notify_all()
        if result is None:
            return 404, {"ok": False, "error_code": 404, "description": "Not Found"}
        return 200, {"ok": True, "result": result}

    def _in_outage(self, method: str) -> Fault | None:
        until, status = self.outages.get(method, (0.0, 0))
        return Fault("status", status=status) if time.monotonic() < until else None

    def _delay(self, method: str, params: dict[str, Any]) -> None:
        chat = params.get("chat_id")
        with self.lock:
            delay = self.delays.get((method, int(chat) if chat is not None else None))
            delay = self.delays.get((method, None), 0.0) if delay is None else delay
        if delay:
            time.sleep(delay)

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        timeout = min(float(params.get("timeout") or 0), 2.0)
        deadline = time.monotonic() + timeout
        with self.lock:
            self.calls.append(Call("getUpdates", params))
            self.confirmed = max(self.confirmed, offset)
            self.updates = [u for u in self.updates if u["update_id"] >= offset]
            while not self.updates and time.monotonic() < deadline:
                self.lock.wait(0.05)
            batch = self.updates[: int(params.get("limit") or 100)]
            self.served.extend(u["update_id"] for u in batch)
            return batch

    def _result(self, method: str, p: dict[str, Any]) -> Any:
        simple = {
            "getMe": BOT_USER, "setMyCommands": True, "deleteWebhook": True,
            "setWebhook": True, "answerCallbackQuery": True, "answerInlineQuery": True,
            "getMyCommands": [], "close": True, "logOut": True,
        }  # fmt: skip
        if method in simple:
            return simple[method]
        if method in {"sendMessage", "sendPhoto"}:
            return self._message(p)
        if method == "editMessageText":
            return self._message(p, message_id=int(p["message_id"]))
        if method == "deleteMessage":
            self.deleted.append(int(p["message_id"]))
            return True
        if method == "deleteMessages":
            self.deleted.extend(int(i) for i in p["message_ids"])
            return True
        return None

    def _message(self, p: dict[str, Any], message_id: int | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "message_id": message_id or next(self._message_ids),
            "date": int(time.time()),
            "chat": {"id": int(p["chat_id"]), "type": "private"},
            "from": BOT_USER,
        }
        if "text" in p:
            out["text"] = p["text"]
        if "caption" in p:
            out["caption"] = p["caption"]
            out["photo"] = [{"file_id": "f", "file_unique_id": "u", "width": 1, "height": 1}]
        return out


def parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """Parameters as python-telegram-bot sends them: JSON, form-encoded or multipart."""
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return dict(json.loads(body))
    if content_type.startswith("multipart/form-data"):
        raw = b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body
        message = email.parser.BytesParser().parsebytes(raw)
        out: dict[str, Any] = {}
        for part in message.walk():
            name = part.get_param("name", header="content-disposition")
            if not name or part.is_multipart():
                continue
            payload = part.get_payload(decode=True) or b""
            out[str(name)] = payload if part.get_filename() else _value(payload.decode())
        return out
    return {k: _value(v[0]) for k, v in parse_qs(body.decode(), keep_blank_values=True).items()}


def _value(text: str) -> Any:
    if text[:1] in "[{":
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


class RecordingRequest(BaseRequest):
    """A ``BaseRequest`` that answers from ``FakeBotApi`` in-process: no network at all."""

    def __init__(self, api: FakeBotApi) -> None:
        self.api = api

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self, url: str, method: str, request_data: RequestData | None = None,
        read_timeout: Any = None, write_timeout: Any = None, connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:  # fmt: skip
        token, api_method = url.split("/bot", 1)[1].split("/", 1)
        params = dict(request_data.parameters) if request_data else {}
        status, body = self.api.handle(token, api_method, params)
        if isinstance(body, Fault) and body.kind == "late":
            raise TimedOut  # in-process: done, but the answer is lost
        if isinstance(body, Fault):
            return body.status, json.dumps({"ok": False, "error_code": body.status,
                                            "description": "fault"}).encode()  # fmt: skip
        return status, json.dumps(body).encode()


class FakeTelegramServer:
    """``FakeBotApi`` over HTTP on 127.0.0.1 (an ephemeral port), in a background thread."""

    def __init__(self, api: FakeBotApi | None = None) -> None:
        self.api = api or FakeBotApi()
        self.requests: list[str] = []
        handler = _handler_for(self)
        self.httpd = _Server(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self.httpd.server_address[:2]
        return f"http://{host!s}:{port}/bot"

    def __enter__(self) -> FakeTelegramServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


class _Server(ThreadingHTTPServer):
    request_queue_size = 512  # many bot connections at once (the load benchmark)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A bot killed mid-request (the crash tests) resets its connections: not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_for(server: FakeTelegramServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True  # headers and body go out at once, no 40 ms stalls

        def log_message(self, format: str, *args: Any) -> None:
            server.requests.append(self.path)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            try:
                token, method = self.path.split("/bot", 1)[1].split("/", 1)
            except (IndexError, ValueError):
                self._reply(404, {"ok": False, "error_code": 404, "description": "Not Found"})
                return
            params = parse_body(self.headers.get("Content-Type", ""), body)
            status, payload = server.api.handle(token, method, params)
            if isinstance(payload, Fault):
                self._fault(payload)
            else:
                self._reply(status, payload)

        do_GET = do_POST

        def _fault(self, fault: Fault) -> None:
            if fault.kind == "timeout":
                time.sleep(fault.delay_s)
                self._reply(200, {"ok": True, "result": []})
            elif fault.kind == "late":
                time.sleep(fault.delay_s)
                self._reply(200, fault.body)
            elif fault.kind == "reset":
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                           b"\x01\x00\x00\x00\x00\x00\x00\x00")  # fmt: skip
                self.connection.close()
                self.close_connection = True
            elif fault.kind == "malformed":
                self._raw(200, b'{"ok": true, "result": [')
            else:
                body: dict[str, Any] = {"ok": False, "error_code": fault.status,
                                        "description": f"fault {fault.status}"}  # fmt: skip
                if fault.retry_after is not None:
                    body["parameters"] = {"retry_after": fault.retry_after}
                self._reply(fault.status, body)

        def _reply(self, status: int, payload: Any) -> None:
            self._raw(status, json.dumps(payload).encode())

        def _raw(self, status: int, data: bytes) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                self.close_connection = True  # the client went away (shutdown)

    return Handler
