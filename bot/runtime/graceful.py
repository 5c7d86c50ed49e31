"""Stopping waitress gently: no new connections, the requests in flight answered, then the loop ends.

Waitress has no graceful stop of its own. On SIGTERM or SIGINT the listening socket is closed at
once; idle keep-alive connections are closed; a connection whose request is still being served
is closed once its answer has gone out. When none are left (or at the deadline), the server's
loop ends and `serve` goes on to stop the listeners, the scheduler and the dispatcher.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, MultiSocketServer
from waitress.wasyncore import close_all, dispatcher

log = logging.getLogger(__name__)

CHECK_EVERY = 0.05


class GracefulStop:
    """For waitress's server (one listening socket or several): `begin` is the SIGTERM and SIGINT handler."""

    def __init__(self, server: Any, deadline: float) -> None:
        found: Any = server.map if isinstance(server, MultiSocketServer) else server._map
        self._map: dict[int, Any] = found
        listening: list[Any] = [each for each in self._map.values() if isinstance(each, BaseWSGIServer)]
        self._trigger: Any = listening[0].trigger  # the loop's own doorbell, to run work on its thread
        self._deadline = deadline
        self._began: float | None = None

    def begin(self, signum: int = 0, frame: object = None) -> None:
        """A signal handler: runs in the main thread, between two turns of the server's loop."""
        if self._began is not None:
            return
        self._began = time.monotonic()
        log.info("Mentorbot is stopping: no new requests; answering those in flight")
        # Sockets change only on the loop's own thread, between two turns (never under its select).
        self._trigger.pull_trigger(self._stop_listening)
        threading.Thread(target=self._watch, name="mentorbot-stopping", daemon=True).start()

    def _stop_listening(self) -> None:
        for each in list(self._map.values()):
            if isinstance(each, BaseWSGIServer):
                dispatcher.close(each)  # the listening socket only; the loop and its trigger go on

    def _watch(self) -> None:
        """Ask the loop, from its own thread, to close what is idle, until nothing is left."""
        done = threading.Event()
        while not done.is_set():
            try:
                self._trigger.pull_trigger(lambda: self._close_idle(done))
            except OSError:  # the loop closed its trigger between our look and our pull: it is over
                return
            done.wait(CHECK_EVERY)

    def _close_idle(self, done: threading.Event) -> None:
        channels = [each for each in self._map.values() if isinstance(each, HTTPChannel)]
        for channel in channels:
            if not channel.requests and not channel.total_outbufs_len:
                channel.will_close = True  # closed at the loop's next turn
        late = self._began is not None and time.monotonic() - self._began > self._deadline
        if late:
            log.warning("%s requests were still being answered at the deadline; stopping anyway", len(channels))
        if not channels or late:
            done.set()
            close_all(self._map)  # the trigger too: the loop has nothing left, and returns
