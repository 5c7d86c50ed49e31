"""Plays Slack's part toward the bot: signed requests as Slack sends them, over real HTTP."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from dataclasses import dataclass
from socketserver import ThreadingMixIn
from typing import Any, ParamSpec, TypeVar
from urllib.parse import urlencode
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server
from wsgiref.types import WSGIApplication

from bot.standin.payloads import block_action, event_callback, slash_command
from bot.standin.server import SlackStandIn

P = ParamSpec("P")
R = TypeVar("R")


class InlineExecutor(Executor):
    """Runs Bolt's listeners on the calling thread, so the demo and the tests are deterministic."""

    def submit(self, fn: Callable[P, R], /, *args: P.args, **kwargs: P.kwargs) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as e:
            future.set_exception(e)
        return future


class _ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True
    request_queue_size = 128  # socketserver's 5 resets connections when many people click at once


class _QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """The demo prints what people saw; request lines would only add noise."""


@contextmanager
def serving(wsgi_app: WSGIApplication) -> Iterator[str]:
    """Serve a WSGI app on a free loopback port, a thread per request; yields its base URL.

    `mentorbot serve` uses waitress; this stdlib server is for the tests and the demo, because
    it stops cleanly from another thread.
    """
    server = make_server("127.0.0.1", 0, wsgi_app, server_class=_ThreadingWSGIServer, handler_class=_QuietHandler)
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name="mentorbot-http", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@dataclass(frozen=True)
class HttpResult:
    status: int
    body: str

    def json(self) -> Any:
        return json.loads(self.body)


class SlackDriver:
    """Sends what Slack would send to the bot's `/slack/events`, signed with the signing secret."""

    def __init__(self, events_url: str, signing_secret: str, slack: SlackStandIn) -> None:
        self.events_url = events_url
        self.signing_secret = signing_secret.encode()
        self.slack = slack
        self._ids = itertools.count(1)

    def post(
        self,
        body: str | bytes,
        content_type: str = "application/x-www-form-urlencoded",
        *,
        timestamp: int | None = None,
        signature: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> HttpResult:
        raw = body.encode() if isinstance(body, str) else body
        stamp = str(int(time.time()) if timestamp is None else timestamp)
        sent_headers = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": stamp,
            "X-Slack-Signature": signature or self.sign(stamp, raw),
            **(headers or {}),
        }
        request = urllib.request.Request(self.events_url, data=raw, headers=sent_headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return HttpResult(response.status, response.read().decode())
        except urllib.error.HTTPError as e:
            return HttpResult(e.code, e.read().decode())

    def sign(self, timestamp: str, body: bytes) -> str:
        """Slack's v0 signature, over bytes (so tests can sign bodies that are not UTF-8)."""
        base = b"v0:" + timestamp.encode() + b":" + body
        return "v0=" + hmac.new(self.signing_secret, base, hashlib.sha256).hexdigest()

    def command(self, user_id: str, text: str = "", command: str = "/mentor") -> HttpResult:
        response_url, trigger_id = self.slack.response_url(), self.slack.new_trigger_id()
        form = slash_command(user_id, text, command=command, response_url=response_url, trigger_id=trigger_id)
        return self.post(urlencode(form))

    def event(self, event: dict[str, Any], *, event_id: str | None = None, retry_num: int | None = None) -> HttpResult:
        envelope = event_callback(event, event_id or f"Ev{next(self._ids):08d}")
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_error"} if retry_num else {}
        return self.post(json.dumps(envelope), "application/json", headers=headers)

    def interaction(self, payload: dict[str, Any]) -> HttpResult:
        return self.post(urlencode({"payload": json.dumps(payload)}))

    def click(
        self,
        user_id: str,
        action_id: str,
        value: str = "",
        *,
        in_home: bool = False,
        message: tuple[str, str] | None = None,
    ) -> HttpResult:
        """Click a button in a message (its channel and ts, when known) or on the App Home tab."""
        response_url = None if in_home else self.slack.response_url()
        trigger_id = self.slack.new_trigger_id()
        payload = block_action(user_id, action_id, value, trigger_id=trigger_id, response_url=response_url)
        if message is not None:
            payload["container"].update(channel_id=message[0], message_ts=message[1])
        return self.interaction(payload)
