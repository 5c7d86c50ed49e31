"""Pairing requests and pairings: reading them, and the changes that must happen exactly once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import ColumnElement, Exists, and_, delete, exists, or_, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.claims import picked_once
from storage.db import fixed, rowcount
from storage.models import Pairing, PairingRequest, PairingStatus, Profile, RequestStatus
from storage.pool import HOLDS_A_SLOT
from storage.pool_version import bump_pool_version
from storage.quiet import stalled

_CHUNK = 500  # ids per query: far below any driver's limit on bound parameters


def pairings_of(session: Session, user_id: str) -> list[Pairing]:
    """Every pairing the person is in, as mentor or mentee, the newest first."""
    query = (
        select(Pairing)
        .where(or_(col(Pairing.mentor_id) == user_id, col(Pairing.mentee_id) == user_id))
        .order_by(col(Pairing.started_at).desc(), col(Pairing.id).desc())
    )
    return list(session.execute(query).scalars())


def pending_requests_of(session: Session, user_id: str) -> list[PairingRequest]:
    """Requests the person sent or received that wait for an answer, the oldest first."""
    query = (
        select(PairingRequest)
        .where(
            col(PairingRequest.status) == RequestStatus.PENDING.value,
            or_(col(PairingRequest.mentor_id) == user_id, col(PairingRequest.mentee_id) == user_id),
        )
        .order_by(col(PairingRequest.created_at), col(PairingRequest.id))
    )
    return list(session.execute(query).scalars())


def add_request(
    session: Session, mentee_id: str, mentor_id: str, note: str, now: datetime, expires_at: datetime | None = None
) -> PairingRequest:
    """A pending request; a second pending one for the same two raises IntegrityError (a unique index)."""
    request = PairingRequest(
        mentee_id=mentee_id,
        mentor_id=mentor_id,
        status=RequestStatus.PENDING.value,
        note=note,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(request)
    session.flush()
    return request


def has_pending_request(session: Session, mentee_id: str, mentor_id: str) -> bool:
    query = select(col(PairingRequest.id)).where(
        col(PairingRequest.mentee_id) == mentee_id,
        col(PairingRequest.mentor_id) == mentor_id,
        col(PairingRequest.status) == RequestStatus.PENDING.value,
    )
    return session.execute(query.limit(1)).first() is not None


def has_mentor(session: Session, mentee_id: str) -> bool:
    """A mentor at a time: an active or paused pairing as the mentee, unless it stalled (then they may move on)."""
    return bool(session.execute(select(has_a_mentor(mentee_id))).scalar())


def has_a_mentor(mentee_id: str | ColumnElement[str]) -> Exists:
    """`has_mentor`'s rule as a clause, for a statement that reads more at once (find's, storage.matching)."""
    return exists().where(col(Pairing.mentee_id) == mentee_id, _holds_their_mentor())


def mentees_with_a_mentor(session: Session, mentee_ids: Sequence[str]) -> set[str]:
    """`has_mentor` for many at once (a matching round's cohort): those of them who have a mentor."""
    found: set[str] = set()
    for start in range(0, len(mentee_ids), _CHUNK):
        chunk = list(mentee_ids[start : start + _CHUNK])
        query = select(col(Pairing.mentee_id)).where(col(Pairing.mentee_id).in_(chunk), _holds_their_mentor())
        found.update(session.execute(query.distinct()).scalars())
    return found


def _holds_their_mentor() -> ColumnElement[bool]:
    return and_(col(Pairing.status).in_(fixed(HOLDS_A_SLOT)), ~stalled())


def ever_paired(session: Session, one: str, other: str) -> bool:
    """Whether the two are or were paired, either way round."""
    query = select(col(Pairing.id)).where(
        or_(
            and_(col(Pairing.mentor_id) == one, col(Pairing.mentee_id) == other),
            and_(col(Pairing.mentor_id) == other, col(Pairing.mentee_id) == one),
        )
    )
    return session.execute(query.limit(1)).first() is not None


def get_pairing(session: Session, pairing_id: int) -> Pairing | None:
    return session.get(Pairing, pairing_id)


def get_request(session: Session, request_id: int) -> PairingRequest | None:
    return session.get(PairingRequest, request_id)


def remember_request_message(session: Session, request_id: int, mentor_id: str, channel: str, ts: str) -> None:
    """Where the mentor's copy is, unless already known: the first place learnt stands.

    Only the request's own mentor can show where it is: a click by anyone else records nothing.
    """
    values = {"dm_channel": channel, "dm_ts": ts}
    known = col(PairingRequest.dm_ts) != ""
    query = update(PairingRequest).where(
        col(PairingRequest.id) == request_id, col(PairingRequest.mentor_id) == mentor_id, ~known
    )
    session.execute(query.values(values))


def forget_request(session: Session, request_id: int) -> None:
    """For a request that never reached the mentor: as if it was never sent."""
    session.execute(delete(PairingRequest).where(col(PairingRequest.id) == request_id))


def close_request(
    session: Session, request_id: int, status: RequestStatus, now: datetime, decline_reason: str = ""
) -> bool:
    """Pending → `status`, only if still pending; False when something else closed it first."""
    query = (
        update(PairingRequest)
        .where(col(PairingRequest.id) == request_id, col(PairingRequest.status) == RequestStatus.PENDING.value)
        .values(status=status.value, answered_at=now, decline_reason=decline_reason)
    )
    return rowcount(session.execute(query)) == 1


def hold_profile(session: Session, user_id: str) -> bool:
    """Take the person's profile row lock (the whole database on SQLite) until the unit of work ends.

    Two accepts for a mentor's last slot then run one after the other, so the second counts the
    first's pairing. A no-op update is the one lock both databases take the same way; on SQLite the
    first must come before any read in the unit of work, so the wait for the lock is retried.
    """
    query = update(Profile).where(col(Profile.user_id) == user_id).values(capacity=col(Profile.capacity))
    return rowcount(session.execute(query)) == 1


def start_pairing(session: Session, request: PairingRequest, now: datetime) -> Pairing:
    pairing = Pairing(
        mentor_id=request.mentor_id,
        mentee_id=request.mentee_id,
        status=PairingStatus.ACTIVE.value,
        request_id=request.id,
        started_at=now,
    )
    session.add(pairing)
    bump_pool_version(session)  # a place taken
    session.flush()
    return pairing


def remember_pairing_channel(session: Session, pairing_id: int, channel_id: str) -> None:
    session.execute(update(Pairing).where(col(Pairing.id) == pairing_id).values(channel_id=channel_id))


def withdraw_pending_requests(session: Session, mentee_id: str, now: datetime) -> list[PairingRequest]:
    """Close the mentee's other waiting requests (they have a mentor now); the ones this closed."""
    query = select(PairingRequest).where(
        col(PairingRequest.mentee_id) == mentee_id, col(PairingRequest.status) == RequestStatus.PENDING.value
    )
    pending = list(session.execute(query).scalars())
    return [row for row in pending if close_request(session, row.id or 0, RequestStatus.WITHDRAWN, now)]


def expire_due_requests(session: Session, now: datetime, limit: int) -> list[tuple[int, str, str]]:
    """Up to `limit` waiting requests whose time ran out, expired now: (id, mentee, mentor) of each.

    One conditional UPDATE (a write first, so SQLite takes its lock before any read; on PostgreSQL rows
    another process holds are skipped): an accept at the same moment either finds it expired or wins.
    """
    due = (
        select(col(PairingRequest.id))
        .where(col(PairingRequest.status) == RequestStatus.PENDING.value, col(PairingRequest.expires_at) <= now)
        .order_by(col(PairingRequest.expires_at), col(PairingRequest.id))
        .limit(limit)
    )
    expire = (
        update(PairingRequest)
        .where(
            col(PairingRequest.id).in_(picked_once(session, due)),
            col(PairingRequest.status) == RequestStatus.PENDING.value,
        )
        .values(status=RequestStatus.EXPIRED.value, answered_at=now)
        .returning(col(PairingRequest.id), col(PairingRequest.mentee_id), col(PairingRequest.mentor_id))
        .execution_options(synchronize_session=False)
    )
    return sorted((int(request_id or 0), mentee, mentor) for request_id, mentee, mentor in session.execute(expire))
