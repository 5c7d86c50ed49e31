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

from waitress.wasyncore import dispatcher

log = logging.getLogger(__name__)

CHECK_EVERY = 0.05


class GracefulStop:
    def __init__(self, server: Any, deadline: float) -> None:
        self._server = server
        self._deadline = deadline
        self._began: float | None = None

    def begin(self, signum: int = 0, frame: object = None) -> None:
        """A signal handler: runs in the main thread, between two turns of the server's loop."""
        if self._began is not None:
            return
        self._began = time.monotonic()
        log.info("Mentorbot is stopping: no new requests; answering those in flight")
        dispatcher.close(self._server)  # the listening socket only; the loop and its trigger go on
        threading.Thread(target=self._watch, name="mentorbot-stopping", daemon=True).start()

    def _watch(self) -> None:
        """Ask the loop, from its own thread, to close what is idle, until nothing is left."""
        done = threading.Event()
        while not done.is_set():
            self._server.pull_trigger(lambda: self._close_idle(done))
            done.wait(CHECK_EVERY)

    def _close_idle(self, done: threading.Event) -> None:
        channels = list(self._server.active_channels.values())
        for channel in channels:
            if not channel.requests and not channel.total_outbufs_len:
                channel.will_close = True  # closed at the loop's next turn
        late = self._began is not None and time.monotonic() - self._began > self._deadline
        if late:
            log.warning("%s requests were still being answered at the deadline; stopping anyway", len(channels))
        if not channels or late:
            done.set()
            self._server.close()  # the trigger too: the loop has nothing left and returns
