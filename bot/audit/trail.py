"""Recording and reading the audit trail. A row names who acted, what (a word the bot chose) and when."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from storage.audit import add_audit, latest_audit
from storage.uow import UnitOfWork

SHOWN = 50  # `/mentor admin audit` shows the newest this many
SYSTEM = "system"  # the actor of what the bot did by itself (the tick)


@dataclass(frozen=True)
class Entry:
    at: datetime
    actor: str
    action: str
    detail: str


def record_in(session: Session, now: datetime, actor: str, action: str, detail: str = "") -> None:
    """In the caller's unit of work: the row commits (or not) with what it records."""
    add_audit(session, now, actor, action, detail)


class AuditTrail:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock

    def record(self, actor: str, action: str, detail: str = "") -> None:
        """In a unit of work of its own: for what changed nothing else (a command that only reads, a refusal)."""
        with self._uow() as uow:
            record_in(uow.session, self._clock(), actor, action, detail)
            uow.commit()

    def latest(self, limit: int = SHOWN) -> list[Entry]:
        with self._uow() as uow:
            return [Entry(r.at, r.actor, r.action, r.detail) for r in latest_audit(uow.session, limit)]
