"""The HTTP entry: `/slack/events` for Slack, `/healthz` for the load balancer.

Bolt parses a body before it checks the signature, so a body that is not what Slack sends
would raise inside Bolt. This entry checks size and signature first, then the body's shape,
and only then hands the request to Bolt: a stranger gets a 4xx, never a 5xx or a crash.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.health import Health
from bot.slack_shapes import parse_slack_body

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's largest payloads (a view submission with long text fields) stay far below this.
MAX_BODY_BYTES = 1024 * 1024
_MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES
# Slack's clock and ours may differ a little; an older request may be a replay.
MAX_AGE_SECONDS = 5 * 60
# ASCII only: headers reach WSGI as latin-1 text, and `str.isdigit()` accepts "²", which `int()` refuses.
_TIMESTAMP = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"v0=[0-9a-f]{64}")

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed"}
_REASONS |= {411: "Length Required", 413: "Content Too Large", 500: "Internal Server Error"}
_REASONS |= {503: "Service Unavailable"}


class SlackHttpEntry:
    """A WSGI application around a Bolt app; `/healthz` answers with `health`'s checks (none: always 200)."""

    def __init__(self, app: App, signing_secret: str, health: Health | None = None) -> None:
        self.app = app
        self._secret = signing_secret.encode()
        self._health = health or Health()

    def __call__(self, environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        try:
            status, headers, body = self.handle(environ)
        except Exception:
            log.exception("unexpected error while serving a request")
            status, headers, body = _plain(500, "internal error")
        start_response(f"{status} {_REASONS.get(status, 'Unknown')}", headers)
        return [body]

    def handle(self, environ: WSGIEnvironment) -> tuple[int, list[tuple[str, str]], bytes]:
        path, method = environ.get("PATH_INFO", ""), environ.get("REQUEST_METHOD", "")
        if path == HEALTH_PATH and method in ("GET", "HEAD"):
            status, body = self._health.answer()
            return status, [("Content-Type", "application/json")], json.dumps(body).encode()
        if path != EVENTS_PATH:
            return _plain(404, "not found")
        if method != "POST":
            return _plain(405, "POST only")
        raw, problem = _read_body(environ)
        if problem:
            return problem
        headers = _headers(environ)
        if not self.signed(raw, headers.get("x-slack-request-timestamp", ""), headers.get("x-slack-signature", "")):
            return _plain(401, "invalid signature or stale timestamp")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _plain(400, "body is not UTF-8")
        parsed, malformed = parse_slack_body(text, headers.get("content-type", ""))
        if parsed is None:
            log.warning("rejected a signed but malformed request: %s", malformed)
            return _plain(400, malformed)
        # Bolt gets the body as we parsed it, as JSON: its own form parsing mistakes a command
        # that merely contains the word "payload" for an interaction. The signature is checked above.
        bolt_headers: dict[str, str | Sequence[str]] = {**headers, "content-type": "application/json"}
        try:
            request = BoltRequest(body=json.dumps(parsed), query=environ.get("QUERY_STRING", ""), headers=bolt_headers)
        except (ValueError, TypeError, KeyError, AttributeError, IndexError):
            log.warning("rejected a signed request Bolt could not read")
            return _plain(400, "request not understood")
        return _from_bolt(self.app.dispatch(request))

    def signed(self, raw: bytes, timestamp: str, signature: str) -> bool:
        """Slack's v0 signature over the body's bytes, from the last few minutes; any odd header is a no."""
        if not (_TIMESTAMP.fullmatch(timestamp) and _SIGNATURE.fullmatch(signature)):
            return False
        if abs(time.time() - int(timestamp)) > MAX_AGE_SECONDS:
            return False
        base = b"v0:" + timestamp.encode() + b":" + raw
        expected = "v0=" + hmac.new(self._secret, base, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)


def _read_body(environ: WSGIEnvironment) -> tuple[bytes, tuple[int, list[tuple[str, str]], bytes] | None]:
    try:
        length = int(environ.get("CONTENT_LENGTH") or "")
    except ValueError:
        return b"", _plain(411, "Content-Length required")
    if length < 0:
        return b"", _plain(400, "bad Content-Length")
    if length > MAX_BODY_BYTES:
        _discard(environ["wsgi.input"], min(length, _MAX_DRAIN_BYTES))
        return b"", _plain(413, "body too large")
    return environ["wsgi.input"].read(length), None


def _discard(stream: Any, length: int) -> None:
    """Read what the client sends before answering, so it sees the 413 instead of a broken pipe."""
    while length > 0:
        chunk = stream.read(min(length, 65536))
        if not chunk:
            return
        length -= len(chunk)


def _headers(environ: WSGIEnvironment) -> dict[str, str]:
    headers = {
        key[5:].lower().replace("_", "-"): str(value) for key, value in environ.items() if key.startswith("HTTP_")
    }
    if environ.get("CONTENT_TYPE"):
        headers["content-type"] = str(environ["CONTENT_TYPE"])
    return headers


def _plain(status: int, message: str) -> tuple[int, list[tuple[str, str]], bytes]:
    return status, [("Content-Type", "text/plain; charset=utf-8")], message.encode()


def _from_bolt(response: BoltResponse) -> tuple[int, list[tuple[str, str]], bytes]:
    headers = [(name, value) for name, values in response.headers.items() for value in values]
    return response.status, headers, (response.body or "").encode()
