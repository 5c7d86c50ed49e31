"""Queries of knowledge sessions and their seats (bot/knowledge owns the rules; its service commits).

Every change to a session's seats begins with `lock_knowledge_session`: an UPDATE of the session's row, which
holds that row's lock (PostgreSQL) or the database's write lock (SQLite) until the commit, so two clicks on
the last seat are taken in turn, and what each reads after the lock is what the other committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.models import KnowledgeSeat, KnowledgeSession, SeatStatus


def add_knowledge_session(session: Session, row: KnowledgeSession) -> int:
    session.add(row)
    session.flush()
    return row.id or 0


def lock_knowledge_session(session: Session, session_id: int) -> KnowledgeSession | None:
    """Take the session's row lock (and count a change); the row as it now stands, None if there is none."""
    bump = (
        update(KnowledgeSession)
        .where(col(KnowledgeSession.id) == session_id)
        .values(changes=col(KnowledgeSession.changes) + 1)
        .execution_options(synchronize_session=False)
    )
    if rowcount(session.execute(bump)) != 1:
        return None
    return get_knowledge_session(session, session_id, fresh=True)


def get_knowledge_session(session: Session, session_id: int, *, fresh: bool = False) -> KnowledgeSession | None:
    query = select(KnowledgeSession).where(col(KnowledgeSession.id) == session_id)
    if fresh:
        query = query.execution_options(populate_existing=True)
    return session.execute(query).scalars().first()


def take_seat_if_free(session: Session, session_id: int) -> bool:
    """One more seat taken, if one is free (a conditional UPDATE: its row count says whether it was)."""
    take = (
        update(KnowledgeSession)
        .where(col(KnowledgeSession.id) == session_id, col(KnowledgeSession.taken) < col(KnowledgeSession.seats))
        .values(taken=col(KnowledgeSession.taken) + 1)
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(take)) == 1


def free_seat(session: Session, session_id: int) -> None:
    free = (
        update(KnowledgeSession)
        .where(col(KnowledgeSession.id) == session_id, col(KnowledgeSession.taken) > 0)
        .values(taken=col(KnowledgeSession.taken) - 1)
        .execution_options(synchronize_session=False)
    )
    session.execute(free)


def seat_of(session: Session, session_id: int, user_id: str) -> KnowledgeSeat | None:
    query = select(KnowledgeSeat).where(
        col(KnowledgeSeat.session_id) == session_id, col(KnowledgeSeat.user_id) == user_id
    )
    return session.execute(query.execution_options(populate_existing=True)).scalars().first()


def add_seat(session: Session, session_id: int, user_id: str, status: SeatStatus, now: datetime) -> int:
    """The seat's id; the unique (session, person) is checked here, inside the caller's transaction."""
    seat = KnowledgeSeat(session_id=session_id, user_id=user_id, status=status.value, joined_at=now)
    session.add(seat)
    session.flush()
    return seat.id or 0


def remove_seat(session: Session, seat_id: int) -> None:
    session.execute(delete(KnowledgeSeat).where(col(KnowledgeSeat.id) == seat_id))


def first_waiting(session: Session, session_id: int) -> KnowledgeSeat | None:
    query = (
        select(KnowledgeSeat)
        .where(col(KnowledgeSeat.session_id) == session_id, col(KnowledgeSeat.status) == SeatStatus.WAITING.value)
        .order_by(col(KnowledgeSeat.id))
        .limit(1)
    )
    return session.execute(query).scalars().first()


def promote(session: Session, seat_id: int) -> None:
    session.execute(
        update(KnowledgeSeat)
        .where(col(KnowledgeSeat.id) == seat_id)
        .values(status=SeatStatus.ATTENDING.value)
        .execution_options(synchronize_session=False)
    )


def seats_of_session(session: Session, session_id: int) -> list[KnowledgeSeat]:
    """Everyone who joined, seats first, each list in the order they joined."""
    query = (
        select(KnowledgeSeat)
        .where(col(KnowledgeSeat.session_id) == session_id)
        .order_by(col(KnowledgeSeat.status), col(KnowledgeSeat.id))
    )
    return list(session.execute(query).scalars().all())


def waiting_place(session: Session, session_id: int, seat_id: int) -> int:
    """1 for the first on the waiting list."""
    query = select(func.count()).where(
        col(KnowledgeSeat.session_id) == session_id,
        col(KnowledgeSeat.status) == SeatStatus.WAITING.value,
        col(KnowledgeSeat.id) <= seat_id,
    )
    return int(session.execute(query).scalar_one())


def waiting_count(session: Session, session_id: int) -> int:
    query = select(func.count()).where(
        col(KnowledgeSeat.session_id) == session_id, col(KnowledgeSeat.status) == SeatStatus.WAITING.value
    )
    return int(session.execute(query).scalar_one())


def cancel_knowledge_session(session: Session, session_id: int, now: datetime) -> bool:
    """Cancelled now; False when it was cancelled already (a second click changes nothing)."""
    cancel = (
        update(KnowledgeSession)
        .where(col(KnowledgeSession.id) == session_id, col(KnowledgeSession.cancelled_at).is_(None))
        .values(cancelled_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(cancel)) == 1


def record_announcement(session: Session, session_id: int, ts: str) -> None:
    session.execute(
        update(KnowledgeSession)
        .where(col(KnowledgeSession.id) == session_id)
        .values(announce_ts=ts)
        .execution_options(synchronize_session=False)
    )


def attendees_to_remind(session: Session, start_after: datetime, start_until: datetime) -> list[tuple[int, str]]:
    """(session, person) for every seat of a session not cancelled that starts in (start_after, start_until]."""
    query = (
        select(col(KnowledgeSeat.session_id), col(KnowledgeSeat.user_id))
        .join(KnowledgeSession, col(KnowledgeSession.id) == col(KnowledgeSeat.session_id))
        .where(
            col(KnowledgeSeat.status) == SeatStatus.ATTENDING.value,
            col(KnowledgeSession.cancelled_at).is_(None),
            col(KnowledgeSession.starts_at) > start_after,
            col(KnowledgeSession.starts_at) <= start_until,
        )
        .order_by(col(KnowledgeSeat.id))
    )
    return [(int(sid), str(user)) for sid, user in session.execute(query).all()]


def next_start_after(session: Session, moment: datetime) -> datetime | None:
    """When the next session not cancelled starts after `moment` (its reminder is due an hour before)."""
    query = select(func.min(col(KnowledgeSession.starts_at))).where(
        col(KnowledgeSession.cancelled_at).is_(None), col(KnowledgeSession.starts_at) > moment
    )
    found: datetime | None = session.execute(query).scalar_one_or_none()
    return found


def upcoming_sessions_of(session: Session, user_id: str, now: datetime) -> list[tuple[int, bool]]:
    """Sessions not yet started that `user_id` has a seat in (or waits for), or hosts and hasn't cancelled: each
    id with whether they host it, ids ascending (the order a leaver's sessions are locked in)."""
    seated = select(col(KnowledgeSeat.session_id)).where(col(KnowledgeSeat.user_id) == user_id)
    hosting = (col(KnowledgeSession.host_id) == user_id) & col(KnowledgeSession.cancelled_at).is_(None)
    query = (
        select(col(KnowledgeSession.id), col(KnowledgeSession.host_id))
        .where(col(KnowledgeSession.starts_at) > now, hosting | col(KnowledgeSession.id).in_(seated.scalar_subquery()))
        .order_by(col(KnowledgeSession.id))
    )
    return [(int(found or 0), host == user_id) for found, host in session.execute(query).all()]


def upcoming_sessions(session: Session, now: datetime, limit: int) -> list[KnowledgeSession]:
    """Sessions not cancelled that haven't started, soonest first."""
    query = (
        select(KnowledgeSession)
        .where(col(KnowledgeSession.cancelled_at).is_(None), col(KnowledgeSession.starts_at) > now)
        .order_by(col(KnowledgeSession.starts_at), col(KnowledgeSession.id))
        .limit(limit)
    )
    return list(session.execute(query).scalars().all())


def sessions_joined(session: Session, user_id: str, now: datetime, limit: int) -> list[tuple[KnowledgeSession, str]]:
    """Upcoming sessions this person joined, soonest first, with their seat's status."""
    query = (
        select(KnowledgeSession, col(KnowledgeSeat.status))
        .join(KnowledgeSeat, col(KnowledgeSeat.session_id) == col(KnowledgeSession.id))
        .where(
            col(KnowledgeSeat.user_id) == user_id,
            col(KnowledgeSession.cancelled_at).is_(None),
            col(KnowledgeSession.starts_at) > now,
        )
        .order_by(col(KnowledgeSession.starts_at), col(KnowledgeSession.id))
        .limit(limit)
    )
    return [(row, str(status)) for row, status in session.execute(query).all()]


def held_between(session: Session, start: datetime, end: datetime) -> tuple[int, int]:
    """Sessions held (not cancelled) that started in [start, end), and their seats taken: one statement."""
    query = select(func.count(), func.coalesce(func.sum(col(KnowledgeSession.taken)), 0)).where(
        col(KnowledgeSession.cancelled_at).is_(None),
        col(KnowledgeSession.starts_at) >= start,
        col(KnowledgeSession.starts_at) < end,
    )
    held, attendance = session.execute(query).one()
    return int(held), int(attendance)


def forget_seats_of_sessions_before(session: Session, before: datetime, sessions: Sequence[int] = ()) -> int:
    """Delete who joined sessions that started before `before` (the counts stay on the session); how many."""
    old = select(col(KnowledgeSession.id)).where(col(KnowledgeSession.starts_at) < before)
    if sessions:
        old = old.where(col(KnowledgeSession.id).in_(sessions))
    forget = delete(KnowledgeSeat).where(col(KnowledgeSeat.session_id).in_(old.scalar_subquery()))
    return rowcount(session.execute(forget.execution_options(synchronize_session=False)))
