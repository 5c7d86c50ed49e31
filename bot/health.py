"""What `GET /healthz` answers: named checks, each fine or one word of why not; 503 when any is not.

A check is a function returning a `Finding`, so each concern adds its own (the database here, the
socket in Socket Mode) and the entries only render the list.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeoutError
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine

from storage.db import ping, unreachable_cause

log = logging.getLogger(__name__)

# A probe answers within this even when the database hangs: a load balancer's own timeout is often 5 s.
DATABASE_CHECK_SECONDS = 2.0


@dataclass(frozen=True)
class Finding:
    name: str  # the key in the answer: "database", "socket", …
    ok: bool
    word: str | None = None  # one word under its name ("unreachable", "connected"); None: nothing to say


Check = Callable[[], Finding]


class Health:
    def __init__(self, checks: Sequence[Check] = ()) -> None:
        self._checks = tuple(checks)

    def including(self, *checks: Check) -> Health:
        """These checks first, then this one's."""
        return Health((*checks, *self._checks))

    def answer(self) -> tuple[int, dict[str, Any]]:
        """The status and the JSON body: `{"ok": false, "database": "unreachable"}`."""
        findings = [check() for check in self._checks]
        healthy = all(finding.ok for finding in findings)
        body: dict[str, Any] = {"ok": healthy}
        body |= {finding.name: finding.word for finding in findings if finding.word is not None}
        return (200 if healthy else 503), body


class SlackTokenCheck:
    """Whether Slack takes the bot's token: `{"slack": "token_revoked"}` while the dispatcher is paused by a refusal."""

    def __init__(self, refusals: Callable[[], Mapping[str, str]]) -> None:
        self._refusals = refusals

    def __call__(self) -> Finding:
        refused = self._refusals().get("slack")
        return Finding("slack", ok=refused is None, word=refused)


class DatabaseCheck:
    """A `SELECT 1`, waited for at most `timeout` seconds.

    It runs on a thread of its own, and at most one runs at a time: probes that come while one hangs
    (a database that neither answers nor refuses) wait for that one instead of piling up connections.
    """

    def __init__(self, engine: Engine, timeout: float = DATABASE_CHECK_SECONDS) -> None:
        self._engine = engine
        self._timeout = timeout
        self._lock = threading.Lock()
        self._running: Future[str | None] | None = None

    def __call__(self) -> Finding:
        with self._lock:
            if self._running is None or self._running.done():
                self._running = self._start()
            running = self._running
        try:
            problem = running.result(self._timeout)
        except FutureTimeoutError:
            return Finding("database", ok=False, word="unresponsive")
        return Finding("database", ok=problem is None, word=problem)

    def _start(self) -> Future[str | None]:
        future: Future[str | None] = Future()

        def probe() -> None:
            future.set_result(self._probe())

        threading.Thread(target=probe, name="mentorbot-health-database", daemon=True).start()
        return future

    def _probe(self) -> str | None:
        try:
            ping(self._engine)
        except Exception as e:
            if unreachable_cause(e) is not None:
                return "unreachable"
            log.debug("the health check's SELECT 1 failed (%s)", type(e).__name__)
            return "failing"
        return None
