"""The unit of work: one session per use case, committed explicitly or rolled back."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

from storage.db import DatabaseBusyError, bound_lock_waits, busy, unbound_lock_waits

# Set in a session's `info` by whatever writes outbox rows, so a commit can wake the dispatcher.
WROTE_OUTBOX = "wrote_outbox"


class UnitOfWork:
    """`with uow: …; uow.commit()`. Leaving the block without commit rolls back."""

    def __init__(
        self,
        session_factory: sessionmaker[Session],
        on_outbox_commit: Callable[[], None] | None = None,
        *,
        wait_at_most: float | None = None,
    ) -> None:
        """`wait_at_most`: seconds to wait for another writer's lock before giving up with DatabaseBusyError
        (for work done while a person waits for an answer); None waits long (the tick, the dispatcher)."""
        self._session_factory = session_factory
        self._on_outbox_commit = on_outbox_commit
        self._wait_at_most = wait_at_most
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._session_factory()
        try:
            if self._wait_at_most is not None:
                bound_lock_waits(self._session, self._wait_at_most)
            else:
                unbound_lock_waits(self._session)
        except Exception as e:
            self._session.close()
            self._session = None
            if busy(e):
                raise DatabaseBusyError("no database connection came free in time") from e
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self.session, None
        try:
            session.rollback()
        finally:
            session.close()
        if exc is not None and busy(exc):
            # Raised instead of the driver's error: the caller says "try again" without knowing SQL.
            raise DatabaseBusyError("the database is busy") from exc

    def commit(self) -> None:
        """Commit; if outbox rows were written, tell the dispatcher (once the rows are visible to it)."""
        self.session.commit()
        if self.session.info.pop(WROTE_OUTBOX, False) and self._on_outbox_commit is not None:
            self._on_outbox_commit()
