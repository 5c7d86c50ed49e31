"""`serve` in Socket Mode: the app's WebSocket to Slack, `GET /healthz` on $PORT, and a clean stop.

On SIGTERM or SIGINT the bot stops taking envelopes (one that arrives now is left unacknowledged,
so Slack sends it again, or to another replica), lets those being handled send their acks, closes
the socket, and waits for the work listeners carry on with after their ack.
"""

from __future__ import annotations

import contextlib
import json
import logging
import signal
import socket
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_sdk.socket_mode.builtin import SocketModeClient
from slack_sdk.socket_mode.request import SocketModeRequest

from bot.health import Finding, Health
from bot.settings import Settings
from bot.web import HEALTH_PATH

log = logging.getLogger(__name__)

# Slack waits 3 s for an ack; an envelope being handled at the stop gets that long to send its own.
ACK_GRACE_SECONDS = 3.0
# Then the work listeners do after their ack (a reply through response_url) gets what is left of this.
STOP_SECONDS = 6.0
_POLL_SECONDS = 0.1


class _GatedHandler(SocketModeHandler):
    """Bolt's handler, counting the envelopes in hand, and refusing new ones once it is closing."""

    def __init__(self, app: App, app_token: str) -> None:
        # Its own logger, not the app's: `mentorbot` keeps this one at WARNING (bot.cli.QUIET_LIBRARIES).
        super().__init__(app, app_token, logger=logging.getLogger("slack_sdk.socket_mode.mentorbot"))
        self._gate = threading.Condition()
        self._open = True
        self._in_hand = 0

    def handle(self, client: SocketModeClient, req: SocketModeRequest) -> None:  # type: ignore[override]  # as Bolt's
        with self._gate:
            if not self._open:
                log.debug("a %s envelope came while closing; left for Slack to send again", req.type)
                return
            self._in_hand += 1
        try:
            super().handle(client, req)
        finally:
            with self._gate:
                self._in_hand -= 1
                self._gate.notify_all()

    def stop_taking(self, timeout: float) -> bool:
        """Refuse new envelopes; True once those in hand are acked, False if `timeout` passed first."""
        with self._gate:
            self._open = False
            return self._gate.wait_for(lambda: self._in_hand == 0, timeout)


class SocketModeLink:
    """The connection to Slack: `connect()`, `connected` for the health check, and `close()`."""

    def __init__(self, app: App, app_token: str) -> None:
        self._app = app
        self._handler = _GatedHandler(app, app_token)
        self._closing = False

    def connect(self) -> None:
        """Ask Slack for a WebSocket URL (`apps.connections.open`) and connect; Slack then says hello."""
        self._handler.client.connect()

    @property
    def connected(self) -> bool:
        return not self._closing and bool(self._handler.client.is_connected())

    def check(self) -> Finding:
        """For `/healthz`."""
        connected = self.connected
        return Finding("socket", ok=connected, word="connected" if connected else "disconnected")

    def close(self, timeout: float = STOP_SECONDS) -> None:
        """Stop taking envelopes, let those in hand ack, close the socket, finish listeners' work after acks."""
        deadline = time.monotonic() + timeout
        self._closing = True
        if not self._handler.stop_taking(min(ACK_GRACE_SECONDS, timeout)):
            log.warning("stopping with Slack envelopes still being handled")
        _close_promptly(self._handler.client)
        executor = self._app.listener_runner.listener_executor
        if isinstance(executor, ThreadPoolExecutor) and not _finish(executor, deadline - time.monotonic()):
            log.warning("stopping with listeners still running")


def _close_promptly(client: SocketModeClient) -> None:
    """Close the client without its waits: its reader sits up to 3 s in `recv`, its message loop 1 s on
    the queue. The socket is shut to wake the one, and the other is sent an empty message."""
    client.closed = True  # as close() does first: the reader's EOF must not reconnect, the loop must end
    client.auto_reconnect_enabled = False
    client.message_queue.put(None)
    session = client.current_session
    sock = session.sock if session is not None else None
    if sock is not None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
    client.close()


def _finish(executor: ThreadPoolExecutor, timeout: float) -> bool:
    """Wait at most `timeout` for the executor's tasks; True if they all finished."""
    waiter = threading.Thread(target=executor.shutdown, kwargs={"wait": True}, daemon=True)
    waiter.start()
    waiter.join(max(timeout, 0.0))
    return not waiter.is_alive()


class HealthServer:
    """`GET /healthz` on $PORT: 200 while every check is fine (the socket to Slack open, the database
    answering), 503 while one is not."""

    def __init__(self, port: int, health: Health) -> None:
        self._server = ThreadingHTTPServer(("", port), _health_handler(health))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, args=(_POLL_SECONDS,), name="mentorbot-health", daemon=True
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


def _health_handler(health: Health) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path.split("?", 1)[0] != HEALTH_PATH:
                self._answer(404, {"ok": False, "error": "not found"})
            else:
                self._answer(*health.answer())

        def do_HEAD(self) -> None:
            self.do_GET()

        def _answer(self, status: int, body: dict[str, Any]) -> None:
            payload = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(payload)

        def log_message(self, format: str, *args: Any) -> None:
            """Quiet: a probe every few seconds would drown the log."""

    return Handler


class _Stop:
    """Set by SIGTERM or SIGINT; the main thread polls it (a flag, so the handler takes no lock)."""

    def __init__(self) -> None:
        self.requested = False

    def __call__(self, signum: int, frame: object) -> None:
        self.requested = True


def serve_socket_mode(settings: Settings, app: App, checks: Health) -> None:
    """Connect, answer health checks (the socket's, then `checks`), and run until SIGTERM or SIGINT;
    then close cleanly and return."""
    stop = _Stop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, stop)
    link = SocketModeLink(app, settings.slack_app_token or "")
    health = HealthServer(settings.port, checks.including(link.check))
    health.start()
    try:
        link.connect()
        log.info(
            "Mentorbot is in Socket Mode, connected to Slack; listening on port %s (GET %s)", health.port, HEALTH_PATH
        )
        while not stop.requested:
            time.sleep(_POLL_SECONDS)
        log.info("Mentorbot is closing its Socket Mode connection")
    finally:
        link.close()
        health.stop()
