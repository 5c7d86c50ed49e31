"""The check-in rhythm's rows: rhythms claimed for planning, prompts written once, check-ins logged once."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, aliased
from sqlmodel import col

from storage.claims import picked_once
from storage.db import rowcount
from storage.models import Checkin, OutboxRow, OutboxState, Pairing, PairingStatus, Person, Rhythm
from storage.outbox import about_pairing
from storage.people import DEFAULT_ZONE
from storage.pool_version import bump_pool_version


@dataclass(frozen=True)
class RhythmRow:
    """A rhythm with what planning it needs: its pairing's people and their zones."""

    rhythm: Rhythm
    mentor_id: str
    mentee_id: str
    status: PairingStatus
    mentor_zone: str
    mentee_zone: str
    channel_id: str


def start_rhythm(session: Session, pairing_id: int, cadence: str, today: date, now: datetime) -> None:
    """A new pairing's rhythm: period 0 begins today, planned at the next tick."""
    session.add(Rhythm(pairing_id=pairing_id, cadence=cadence, period_start=today, next_plan_at=now))
    session.flush()


def claim_due_rhythms(session: Session, now: datetime, limit: int) -> list[int]:
    """Take up to `limit` rhythms due for planning (their `next_plan_at` cleared until planned again).

    A write first, so SQLite takes its lock before any read; on PostgreSQL rows another process is
    planning are skipped, so two processes plan different pairings.
    """
    due = (
        select(col(Rhythm.pairing_id))
        .where(col(Rhythm.next_plan_at) <= now)
        .order_by(col(Rhythm.next_plan_at), col(Rhythm.pairing_id))
        .limit(limit)
    )
    claim = (
        update(Rhythm)
        .where(col(Rhythm.pairing_id).in_(picked_once(session, due)), col(Rhythm.next_plan_at) <= now)
        .values(next_plan_at=None)
        .returning(col(Rhythm.pairing_id))
        .execution_options(synchronize_session=False)
    )
    return [pairing_id for (pairing_id,) in session.execute(claim)]


def give_back_rhythms(session: Session, pairing_ids: Sequence[int], now: datetime) -> None:
    """Claimed rhythms left for the next batch: due again now."""
    if pairing_ids:
        query = update(Rhythm).where(col(Rhythm.pairing_id).in_(pairing_ids)).values(next_plan_at=now)
        session.execute(query.execution_options(synchronize_session=False))


def next_planning(session: Session) -> datetime | None:
    """When the planner next has a rhythm to plan, if any."""
    return session.execute(select(func.min(col(Rhythm.next_plan_at)))).scalar_one_or_none()


def rhythm_rows(session: Session, pairing_ids: Sequence[int]) -> list[RhythmRow]:
    """The rhythms of these pairings, with both people's zones (UTC for someone Slack never told us about)."""
    if not pairing_ids:
        return []
    mentor, mentee = aliased(Person), aliased(Person)
    query = (
        select(Rhythm, Pairing, col(mentor.tz), col(mentee.tz))
        .join(Pairing, col(Pairing.id) == col(Rhythm.pairing_id))
        .outerjoin(mentor, col(mentor.user_id) == col(Pairing.mentor_id))
        .outerjoin(mentee, col(mentee.user_id) == col(Pairing.mentee_id))
        .where(col(Rhythm.pairing_id).in_(pairing_ids))
        .order_by(col(Rhythm.pairing_id))
    )
    return [
        RhythmRow(
            rhythm,
            pairing.mentor_id,
            pairing.mentee_id,
            PairingStatus(pairing.status),
            mentor_tz or DEFAULT_ZONE,
            mentee_tz or DEFAULT_ZONE,
            pairing.channel_id,
        )
        for rhythm, pairing, mentor_tz, mentee_tz in session.execute(query)
    ]


def get_rhythm(session: Session, pairing_id: int) -> RhythmRow | None:
    rows = rhythm_rows(session, [pairing_id])
    return rows[0] if rows else None


def hold_rhythm(session: Session, pairing_id: int) -> None:
    """Take the rhythm's row lock (the whole database on SQLite) before anything is read: answers take turns."""
    query = update(Rhythm).where(col(Rhythm.pairing_id) == pairing_id).values(cadence=col(Rhythm.cadence))
    session.execute(query.execution_options(synchronize_session=False))


def save_rhythm(session: Session, pairing_id: int, **values: object) -> None:
    session.execute(
        update(Rhythm)
        .where(col(Rhythm.pairing_id) == pairing_id)
        .values(**values)
        .execution_options(synchronize_session=False)
    )


def save_rhythms(session: Session, changes: Sequence[Mapping[str, object]]) -> None:
    """Many rhythms moved on at once, each change its `pairing_id` and the values to set.

    One executemany per set of keys, not a statement each: on PostgreSQL psycopg pipelines it, so a
    batch costs a round trip or two instead of one per pairing.
    """
    if changes:
        session.execute(update(Rhythm).execution_options(synchronize_session=False), list(changes))


def replan_pairings_of(session: Session, user_id: str, now: datetime) -> int:
    """A person's zone changed: their pairings' current prompts are planned again at the next tick."""
    theirs = select(col(Pairing.id)).where(
        or_(col(Pairing.mentor_id) == user_id, col(Pairing.mentee_id) == user_id),
        col(Pairing.status) == PairingStatus.ACTIVE.value,
    )
    query = (
        update(Rhythm)
        .where(col(Rhythm.pairing_id).in_(theirs.scalar_subquery()))
        .values(planned=-1, next_plan_at=now)
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(query))


# Asked, or still to be: a question in these states reached its reader, may have, or still can.
ASKED = (OutboxState.CLAIMED.value, OutboxState.SENDING.value, OutboxState.SENT.value, OutboxState.UNKNOWN.value)


def asked_keys(session: Session, keys: Sequence[str], now: datetime) -> set[str]:
    """Of these prompts' keys, those that were sent (or may have been), or are waiting and not yet too old.

    A question that expired unsent, failed, was cancelled or was never written asked nobody.
    """
    if not keys:
        return set()
    query = select(col(OutboxRow.unique_key)).where(
        col(OutboxRow.unique_key).in_(keys),
        or_(
            col(OutboxRow.state).in_(ASKED),
            (col(OutboxRow.state) == OutboxState.PENDING.value)
            & (col(OutboxRow.expires_at).is_(None) | (col(OutboxRow.expires_at) > now)),
        ),
    )
    return {str(key) for key in session.execute(query).scalars()}


def next_prompts(session: Session, kinds: Iterable[str], pairing_id: int, recipient: str) -> datetime | None:
    """When the next prompt of this pairing for `recipient` (or its group DM) is due, if one waits."""
    query = select(func.min(col(OutboxRow.due_at))).where(
        about_pairing(kinds, pairing_id),
        col(OutboxRow.state) == OutboxState.PENDING.value,
        col(OutboxRow.recipient).in_((recipient, "")),
    )
    return session.execute(query).scalar_one_or_none()


def log_checkin(session: Session, checkin: Checkin) -> bool:
    """The period's check-in, once: False when the partner (or a second click) logged it first."""
    try:
        with session.begin_nested():
            session.add(checkin)
            session.flush()
    except IntegrityError:
        return False
    return True


def checkin_for(session: Session, pairing_id: int, period: int) -> Checkin | None:
    query = select(Checkin).where(col(Checkin.pairing_id) == pairing_id, col(Checkin.period) == period)
    return session.execute(query).scalars().first()


def set_pairing_status(
    session: Session, pairing_id: int, old: PairingStatus, new: PairingStatus, **more: object
) -> bool:
    """`old` → `new`, only if still `old`: a second click, or the partner's at the same moment, changes nothing."""
    query = (
        update(Pairing)
        .where(col(Pairing.id) == pairing_id, col(Pairing.status) == old.value)
        .values(status=new.value, **more)
        .execution_options(synchronize_session=False)
    )
    changed = rowcount(session.execute(query)) == 1
    if changed:
        bump_pool_version(session)  # an ended pairing frees a place (and a paused one may end later)
    return changed


def set_pairings_status(
    session: Session, pairing_ids: Sequence[int], old: PairingStatus, new: PairingStatus
) -> set[int]:
    """`set_pairing_status` for many pairings in one statement: the ones that were still `old` (now `new`)."""
    if not pairing_ids:
        return set()
    query = (
        update(Pairing)
        .where(col(Pairing.id).in_(pairing_ids), col(Pairing.status) == old.value)
        .values(status=new.value)
        .returning(col(Pairing.id))
        .execution_options(synchronize_session=False)
    )
    changed = {pairing_id for pairing_id in session.execute(query).scalars() if pairing_id is not None}
    if changed:
        bump_pool_version(session)
    return changed
