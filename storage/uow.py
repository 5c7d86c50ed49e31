"""The unit of work: one session per use case, committed explicitly or rolled back."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType

from sqlalchemy.orm import Session, sessionmaker

# Set in a session's `info` by whatever writes outbox rows, so a commit can wake the dispatcher.
WROTE_OUTBOX = "wrote_outbox"


class UnitOfWork:
    """`with uow: …; uow.commit()`. Leaving the block without commit rolls back."""

    def __init__(
        self, session_factory: sessionmaker[Session], on_outbox_commit: Callable[[], None] | None = None
    ) -> None:
        self._session_factory = session_factory
        self._on_outbox_commit = on_outbox_commit
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is used outside its `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._session_factory()
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

    def commit(self) -> None:
        """Commit; if outbox rows were written, tell the dispatcher (once the rows are visible to it)."""
        self.session.commit()
        if self.session.info.pop(WROTE_OUTBOX, False) and self._on_outbox_commit is not None:
            self._on_outbox_commit()
