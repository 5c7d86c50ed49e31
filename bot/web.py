"""The HTTP entry: `/slack/events` for Slack, `/healthz` for the load balancer.

Bolt parses a body before it checks the signature, so a body that is not what Slack sends
would raise inside Bolt. This entry checks size and signature first, then the body's shape,
and only then hands the request to Bolt: a stranger gets a 4xx, never a 5xx or a crash.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs

from slack_bolt import App, BoltRequest, BoltResponse
from slack_sdk.signature import SignatureVerifier

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIEnvironment

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
HEALTH_PATH = "/healthz"
# Slack's largest payloads (a view submission with long text fields) stay far below this.
MAX_BODY_BYTES = 1024 * 1024
_MAX_DRAIN_BYTES = 16 * MAX_BODY_BYTES

_REASONS = {200: "OK", 400: "Bad Request", 401: "Unauthorized", 404: "Not Found", 405: "Method Not Allowed"}
_REASONS |= {411: "Length Required", 413: "Content Too Large", 500: "Internal Server Error"}


class SlackHttpEntry:
    """A WSGI application around a Bolt app."""

    def __init__(self, app: App, signing_secret: str) -> None:
        self.app = app
        self.verifier = SignatureVerifier(signing_secret)

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
            return 200, [("Content-Type", "application/json")], b'{"ok": true}'
        if path != EVENTS_PATH:
            return _plain(404, "not found")
        if method != "POST":
            return _plain(405, "POST only")
        raw, problem = _read_body(environ)
        if problem:
            return problem
        headers = _headers(environ)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return _plain(400, "body is not UTF-8")
        if not self.verifier.is_valid(text, headers.get("x-slack-request-timestamp"), headers.get("x-slack-signature")):
            return _plain(401, "invalid signature or stale timestamp")
        malformed = malformed_reason(text, headers.get("content-type", ""))
        if malformed:
            log.warning("rejected a signed but malformed request: %s", malformed)
            return _plain(400, malformed)
        bolt_headers: dict[str, str | Sequence[str]] = dict(headers)
        response = self.app.dispatch(
            BoltRequest(body=text, query=environ.get("QUERY_STRING", ""), headers=bolt_headers)
        )
        return _from_bolt(response)


def malformed_reason(body: str, content_type: str) -> str | None:
    """Why a signed body is not something Slack sends, or None when it looks right."""
    if content_type.startswith("application/json"):
        try:
            data = json.loads(body)
        except ValueError:
            return "body is not JSON"
        return None if isinstance(data, dict) and isinstance(data.get("type"), str) else "JSON body without a type"
    form = parse_qs(body, keep_blank_values=True)
    if "payload" not in form:
        return None if "command" in form or "ssl_check" in form else "form body that is neither a command nor a payload"
    try:
        payload = json.loads(form["payload"][0])
    except ValueError:
        return "payload is not JSON"
    return _payload_problem(payload)


def _payload_problem(payload: Any) -> str | None:
    if not isinstance(payload, dict) or not isinstance(payload.get("type"), str):
        return "payload without a type"
    kind = payload["type"]
    if kind in ("view_submission", "view_closed"):
        view = payload.get("view")
        if not isinstance(view, dict):
            return f"{kind} without a view"
        state = view.get("state")
        if kind == "view_submission" and not (isinstance(state, dict) and isinstance(state.get("values"), dict)):
            return "view_submission without state values"
    if kind == "block_actions" and not isinstance(payload.get("actions"), list):
        return "block_actions without actions"
    if not isinstance(payload.get("user"), dict):
        return f"{kind} without a user"
    return None


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
