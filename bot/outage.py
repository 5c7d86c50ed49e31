"""Saying that the database can't be used: one line with its cause, once a minute while it lasts.

Without this, every tick and every dispatcher pass would log a traceback whose cause the log's
formatter leaves out (bot/logs.py). A connection-level error of the driver names a host or a file,
never a value, so its words are logged; any other error is left to the caller's own line.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from storage.db import unreachable_cause

log = logging.getLogger(__name__)

SAY_AGAIN_SECONDS = 60.0


class DatabaseOutage:
    """Shared by the tick and the dispatcher's loop of one process, so together they say it once a minute."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, every: float = SAY_AGAIN_SECONDS) -> None:
        self._clock = clock
        self._every = every
        self._lock = threading.Lock()
        self._said_at: float | None = None  # None: the database is fine, as far as we know
        self._failures = 0  # since the last line

    def noticed(self, error: BaseException) -> bool:
        """True if `error` means the database can't be used (then said, at most once a minute); False for
        anything else, which the caller logs as it would."""
        cause = unreachable_cause(error)
        if cause is None:
            return False
        with self._lock:
            self._failures += 1
            now = self._clock()
            if self._said_at is not None and now - self._said_at < self._every:
                return True
            again = self._said_at is not None
            failures, self._failures, self._said_at = self._failures, 0, now
        if again:
            log.error(
                "the database still can't be used (%s); %s attempts failed since this was last said", cause, failures
            )
        else:
            log.error(
                "the database can't be used (%s); the tick and the dispatcher keep trying, "
                "and this is said again each minute while it lasts",
                cause,
            )
        return True

    def over(self) -> None:
        """A tick or a pass went through: if the database was down, say once that it is back."""
        with self._lock:
            was_down, self._said_at, self._failures = self._said_at is not None, None, 0
        if was_down:
            log.info("the database can be used again")
