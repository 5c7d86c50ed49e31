"""Claims on Events API deliveries, so each `event_id` is acted on once across replicas."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.models import ProcessedEvent


def claim_event(session: Session, event_id: str, now: datetime, stale_after: timedelta) -> bool:
    """Claim `event_id` for this worker; False when it is done or being handled elsewhere.

    A claim left behind by a worker that died mid-way goes stale and can be taken over,
    so Slack's retry of that delivery is still acted on.
    """
    taken_over = session.execute(
        update(ProcessedEvent)
        .where(
            col(ProcessedEvent.event_id) == event_id,
            col(ProcessedEvent.done).is_(False),
            col(ProcessedEvent.claimed_at) < now - stale_after,
        )
        .values(claimed_at=now)
    )
    if rowcount(taken_over):
        return True
    savepoint = session.begin_nested()
    try:
        session.add(ProcessedEvent(event_id=event_id, done=False, claimed_at=now))
        session.flush()
    except IntegrityError:
        savepoint.rollback()
        return False
    savepoint.commit()
    return True


def finish_event(session: Session, event_id: str) -> None:
    session.execute(update(ProcessedEvent).where(col(ProcessedEvent.event_id) == event_id).values(done=True))


def release_event(session: Session, event_id: str) -> None:
    """Forget a claim whose handling failed, so Slack's retry is acted on."""
    session.execute(delete(ProcessedEvent).where(col(ProcessedEvent.event_id) == event_id))


def record_event(session: Session, event_id: str, now: datetime) -> bool:
    """Keep `event_id` as handled by this transaction; False when it was kept before."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(ProcessedEvent).values(event_id=event_id, done=True, claimed_at=now)
    kept = statement.on_conflict_do_nothing(index_elements=["event_id"]).returning(col(ProcessedEvent.event_id))
    return session.execute(kept).first() is not None  # RETURNING: an ORM INSERT has no row count on PostgreSQL
