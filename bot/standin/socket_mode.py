"""Slack's side of Socket Mode, on loopback: the WebSocket that `apps.connections.open` hands out.

Each connection is greeted with a `hello`. A test pushes envelopes (a slash command, an interaction,
an event) to the app, reads the app's acks, redelivers an envelope as Slack retries an event, and
asks the app to reconnect as Slack does every few hours. Shapes as in Slack's Socket Mode docs.
"""

from __future__ import annotations

import itertools
import json
import threading
import time
import uuid
from dataclasses import dataclass, replace
from typing import Any, Protocol
from urllib.parse import parse_qs, urlsplit

from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response
from websockets.sync.server import Server, ServerConnection, serve

from bot.standin.payloads import block_action, event_callback, slash_command

APP_ID = "ASTANDIN"
LINK_PATH = "/link/"
WAIT_SECONDS = 10.0


class Issuer(Protocol):
    """What the Web API stand-in issues that an envelope carries: triggers and response_urls."""

    def new_trigger_id(self) -> str: ...

    def response_url(self) -> str: ...


@dataclass(frozen=True)
class Envelope:
    envelope_id: str
    type: str  # "slash_commands", "interactive" or "events_api"
    payload: dict[str, Any]
    accepts_response_payload: bool
    retry_attempt: int = 0
    retry_reason: str = ""

    def message(self) -> dict[str, Any]:
        message: dict[str, Any] = {
            "envelope_id": self.envelope_id,
            "type": self.type,
            "payload": self.payload,
            "accepts_response_payload": self.accepts_response_payload,
        }
        if self.type == "events_api":
            message.update(retry_attempt=self.retry_attempt, retry_reason=self.retry_reason)
        return message


@dataclass(frozen=True)
class Ack:
    """The app's answer to an envelope: its id, and the payload it carried ({} for none)."""

    envelope_id: str
    payload: dict[str, Any]
    at: float


@dataclass
class _Link:
    connection: ServerConnection
    opened: float
    closed: float | None = None


class SocketModeStandIn:
    """Started lazily by `SlackStandIn.socket`; one server, any number of the app's connections."""

    def __init__(self, issuer: Issuer) -> None:
        self._issuer = issuer
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self._tickets: set[str] = set()
        self._links: list[_Link] = []
        self._sent: dict[str, Envelope] = {}
        self._acks: list[Ack] = []
        self._server: Server = serve(
            self._talk,
            "127.0.0.1",
            0,
            process_request=self._check_ticket,
            compression=None,
            close_timeout=1,
        )
        self._thread = threading.Thread(target=self._server.serve_forever, name="slack-socket-mode", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._thread.join(timeout=5)

    # -- what apps.connections.open hands out ------------------------------------------------
    def open_link(self) -> str:
        """A new WebSocket URL with a one-time ticket, as `apps.connections.open` answers."""
        host, port = self._server.socket.getsockname()[:2]
        ticket = uuid.uuid4().hex
        with self._lock:
            self._tickets.add(ticket)
        return f"ws://{host}:{port}{LINK_PATH}?ticket={ticket}"

    # -- what a test sends ---------------------------------------------------------------------
    def send_command(self, user_id: str, text: str = "", command: str = "/mentor") -> str:
        """A slash command, with a fresh response_url and trigger; returns its envelope id."""
        response_url, trigger_id = self._issuer.response_url(), self._issuer.new_trigger_id()
        payload = slash_command(user_id, text, command=command, response_url=response_url, trigger_id=trigger_id)
        return self._send("slash_commands", payload, accepts_response_payload=True)

    def send_click(self, user_id: str, action_id: str, value: str = "", *, in_home: bool = False) -> str:
        """A button clicked in a message, or on the App Home tab (no response_url there)."""
        response_url = None if in_home else self._issuer.response_url()
        payload = block_action(
            user_id, action_id, value, trigger_id=self._issuer.new_trigger_id(), response_url=response_url
        )
        return self.send_interaction(payload)

    def send_interaction(self, payload: dict[str, Any]) -> str:
        """A click, a dialog submitted or closed: Slack takes a response payload for dialogs only."""
        takes_answer = payload.get("type") in ("view_submission", "block_suggestion")
        return self._send("interactive", payload, accepts_response_payload=takes_answer)

    def send_event(self, event: dict[str, Any], event_id: str | None = None) -> str:
        event_id = event_id or f"EvSM{next(self._ids):08d}"
        return self._send("events_api", event_callback(event, event_id), accepts_response_payload=False)

    def redeliver(self, envelope_id: str, reason: str = "timeout") -> str:
        """Send an envelope again as Slack retries it: a new envelope id, the same payload, one more attempt."""
        with self._lock:
            earlier = self._sent[envelope_id]
        again = replace(
            earlier, envelope_id=self._new_envelope_id(), retry_attempt=earlier.retry_attempt + 1, retry_reason=reason
        )
        self._deliver(again)
        return again.envelope_id

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the app to move to a new connection, as Slack does before it closes one."""
        self._connection().send(json.dumps({"type": "disconnect", "reason": reason, "debug_info": {"host": "standin"}}))

    def drop_connections(self) -> None:
        """Close every connection from Slack's side, without warning (a network failure, a Slack restart)."""
        with self._lock:
            open_now = [link.connection for link in self._links if link.closed is None]
        for connection in open_now:
            connection.close()

    # -- what a test reads ---------------------------------------------------------------------
    @property
    def connected(self) -> int:
        """How many of the app's connections are open."""
        with self._lock:
            return sum(1 for link in self._links if link.closed is None)

    @property
    def opened(self) -> int:
        """How many connections the app has opened so far."""
        with self._lock:
            return len(self._links)

    @property
    def acks(self) -> list[Ack]:
        with self._lock:
            return list(self._acks)

    def wait_until_connected(self, count: int = 1, timeout: float = WAIT_SECONDS) -> bool:
        """True once `count` connections have been opened (ever) and one is open now."""
        with self._lock:
            return self._lock.wait_for(
                lambda: len(self._links) >= count and any(link.closed is None for link in self._links), timeout
            )

    def wait_until_closed(self, timeout: float = WAIT_SECONDS) -> bool:
        """True once the app has no connection open."""
        with self._lock:
            return self._lock.wait_for(lambda: all(link.closed is not None for link in self._links), timeout)

    def wait_for_ack(self, envelope_id: str, timeout: float = WAIT_SECONDS) -> Ack:
        with self._lock:
            found = self._lock.wait_for(lambda: self._ack_of(envelope_id), timeout)
        if found is None:
            raise AssertionError(f"the app did not ack {envelope_id} within {timeout} s")
        return found

    def _ack_of(self, envelope_id: str) -> Ack | None:
        return next((ack for ack in self._acks if ack.envelope_id == envelope_id), None)

    # -- serving -------------------------------------------------------------------------------
    def _check_ticket(self, connection: ServerConnection, request: Request) -> Response | None:
        parts = urlsplit(request.path)
        ticket = parse_qs(parts.query).get("ticket", [""])[0]
        with self._lock:
            known = parts.path == LINK_PATH and ticket in self._tickets
            self._tickets.discard(ticket)
        if known:
            return None
        return Response(401, "Unauthorized", Headers({"Content-Type": "text/plain"}), b"invalid ticket\n")

    def _talk(self, connection: ServerConnection) -> None:
        link = _Link(connection, time.monotonic())
        with self._lock:
            self._links.append(link)
            connections = sum(1 for known in self._links if known.closed is None)
            self._lock.notify_all()
        hello = {
            "type": "hello",
            "num_connections": connections,
            "debug_info": {"host": "standin", "build_number": 1, "approximate_connection_time": 18060},
            "connection_info": {"app_id": APP_ID},
        }
        try:
            connection.send(json.dumps(hello))
            for raw in connection:
                self._heard(raw)
        except ConnectionClosed:
            pass
        finally:
            with self._lock:
                link.closed = time.monotonic()
                self._lock.notify_all()

    def _heard(self, raw: str | bytes) -> None:
        message = json.loads(raw)
        if not isinstance(message, dict) or "envelope_id" not in message:
            return
        payload = message.get("payload")
        ack = Ack(str(message["envelope_id"]), payload if isinstance(payload, dict) else {}, time.monotonic())
        with self._lock:
            self._acks.append(ack)
            self._lock.notify_all()

    def _send(self, kind: str, payload: dict[str, Any], *, accepts_response_payload: bool) -> str:
        envelope = Envelope(self._new_envelope_id(), kind, payload, accepts_response_payload)
        self._deliver(envelope)
        return envelope.envelope_id

    def _deliver(self, envelope: Envelope) -> None:
        with self._lock:
            self._sent[envelope.envelope_id] = envelope
        self._connection().send(json.dumps(envelope.message()))

    def _new_envelope_id(self) -> str:
        return str(uuid.uuid4())

    def _connection(self) -> ServerConnection:
        """The newest open connection: Slack sends each envelope over one of the app's connections."""
        with self._lock:
            open_now = [link for link in self._links if link.closed is None]
        if not open_now:
            raise AssertionError("the app has no Socket Mode connection open")
        return open_now[-1].connection
