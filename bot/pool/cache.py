"""Each process's current mentor pool: rebuilt only when the pool version says something changed.

Every look reads the version (one cheap query); a stale copy is never used. Listener threads share
the cache: one thread builds a new pool (the others wait for it rather than building it too), outside
the lock readers use, and swaps it in with one assignment, so a reader sees the old pool or the new
one, never half of either.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from datetime import date, time

from sqlalchemy.orm import Session

from bot.pool.snapshot import MentorPool, build_pool
from bot.synonyms.table import Synonyms
from storage.pool import open_mentor_rows, pool_version


def pool_snapshot(session: Session, synonyms: Synonyms, hours: tuple[time, time], on: date) -> MentorPool:
    """A fresh pool, straight from the database (the version first: the rows are at least that new)."""
    version = pool_version(session)
    return build_pool(open_mentor_rows(session), synonyms, hours, on, version)


class PoolCache:
    def __init__(self, synonyms: Synonyms, hours: tuple[time, time]) -> None:
        self.synonyms = synonyms
        self._hours = hours
        self._pool: MentorPool | None = None
        self._building = threading.Lock()
        self.builds = 0  # how many times this process built its pool (tests and the benchmark read it)
        self._after_build: Callable[[], None] | None = None

    def after_each_build(self, call: Callable[[], None]) -> None:
        """Call `call` once each new pool is in use (`serve` settles the heap there: bot.runtime.heap)."""
        self._after_build = call

    def current(self, session: Session, on: date, version: int | None = None) -> MentorPool:
        """The pool as of now, for the working hours of `on`: rebuilt if the version moved since the last build.

        `version`: the pool version the caller read in this session already (else it is read here)."""
        version = pool_version(session) if version is None else version
        pool = self._pool
        if pool is None or pool.version != version:
            with self._building:
                pool = self._pool  # another thread may have built it while this one waited
                if pool is None or pool.version != version:
                    pool = build_pool(open_mentor_rows(session), self.synonyms, self._hours, on, version)
                    self._pool = pool
                    self.builds += 1
                    if self._after_build is not None:
                        self._after_build()
        # Only the working-hours term depends on the day, and it is worked out when scoring.
        return pool if pool.on == on else dataclasses.replace(pool, on=on)

    def forget(self) -> None:
        """Drop the copy (the next look rebuilds it)."""
        self._pool = None
