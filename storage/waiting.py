"""The rows behind telling waiting mentees about a fitting mentor (bot.waiting): the tick's watermark, who
changed, who is waiting, who opted out and who was told about whom. Only services commit.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, delete, exists, false, func, insert, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.matching import HOLDS_A_SLOT, MENTORING_ROLES
from storage.models import (
    OutboxRow,
    Pairing,
    PairingRequest,
    Person,
    Profile,
    ProposalStatus,
    RequestStatus,
    RoundProposal,
    WaitingOptOut,
    WaitingTold,
    WaitingWatermark,
)
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE
from storage.quiet import stalled

LEARNING_ROLES = ("mentee", "both")
WATERMARK = 1  # the one row's id


@dataclass(frozen=True)
class WaitingRow:
    """A waiting mentee as matching needs them (area, goals, Slack locale and zone), and when they were last
    shown the mentors who could fit: their profile's first save, their last pairing's end, their last
    request's answer (each of those showed them mentors; bot.waiting.rules.waiting_since)."""

    user_id: str
    function_area: str
    goals: str
    locale: str
    tz: str
    created_at: datetime
    pairing_ended: datetime | None
    request_answered: datetime | None


def read_watermark(session: Session) -> datetime | None:
    """How far the tick has looked; None before its first look."""
    row = session.get(WaitingWatermark, WATERMARK)
    return row.checked_until if row is not None else None


def start_watermark(session: Session, at: datetime) -> bool:
    """The first look's row; False if another process wrote it first (then that one looks)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(WaitingWatermark).values(id=WATERMARK, checked_until=at).on_conflict_do_nothing()
    return session.execute(statement.returning(col(WaitingWatermark.id))).first() is not None


def advance_watermark(session: Session, seen: datetime, to: datetime) -> bool:
    """Move it from `seen` to `to`, if nobody moved it meanwhile: exactly one process takes a window.

    The row stays locked to the caller until it commits; another tick's attempt waits, then finds it moved.
    """
    statement = (
        update(WaitingWatermark)
        .where(col(WaitingWatermark.id) == WATERMARK, col(WaitingWatermark.checked_until) == seen)
        .values(checked_until=to)
    )
    return rowcount(session.execute(statement)) == 1


def mentors_changed_since(session: Session, since: datetime) -> dict[str, datetime]:
    """Mentors whose profile was saved, or who had a pairing end (a place freed), since `since`: when, the latest.

    Only mentors open now (a mentoring role, available, not gone); whether they have room and may be
    suggested to a mentee is storage.matching's rule, applied per mentee.
    """
    freed = (
        select(func.max(col(Pairing.ended_at)))
        .where(col(Pairing.mentor_id) == col(Profile.user_id), col(Pairing.ended_at) >= since)
        .scalar_subquery()
    )
    query = (
        select(col(Profile.user_id), col(Profile.updated_at), freed)
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(
            col(Profile.role).in_(MENTORING_ROLES),
            col(Profile.available),
            ~_gone(),
            or_(col(Profile.updated_at) >= since, freed.is_not(None)),
        )
        .order_by(col(Profile.user_id))
    )
    return {user_id: max(saved, ended or saved) for user_id, saved, ended in session.execute(query)}


def _gone() -> ColumnElement[bool]:
    """Deactivated, deleted or a bot, as far as the bot has heard (no `person` row: not gone)."""
    return func.coalesce(col(Person.gone), false())


def waiting_mentees(session: Session, created_before: datetime, key_around: tuple[str, str]) -> list[WaitingRow]:
    """Mentees waiting for a mentor: a mentee profile saved before `created_before`, no mentor (a stalled
    pairing doesn't count, as for find), no request waiting for an answer, no open proposal of a matching round,
    not gone, not opted out, and not
    told already this week: no outbox row keyed `before + user id + after` (`key_around`, the week's key)."""
    has_mentor = exists().where(
        col(Pairing.mentee_id) == col(Profile.user_id), col(Pairing.status).in_(HOLDS_A_SLOT), ~stalled()
    )
    asking = exists().where(
        col(PairingRequest.mentee_id) == col(Profile.user_id),
        col(PairingRequest.status) == RequestStatus.PENDING.value,
    )
    proposed = exists().where(  # a matching round's open proposal: HR's round is asking for them (bot.rounds)
        col(RoundProposal.mentee_id) == col(Profile.user_id),
        col(RoundProposal.status) == ProposalStatus.OPEN.value,
    )
    opted_out = exists().where(col(WaitingOptOut.user_id) == col(Profile.user_id))
    before, after = key_around
    told_this_week = exists().where(  # by the unique key's own index
        col(OutboxRow.unique_key) == literal(before) + col(Profile.user_id) + literal(after)
    )
    ended = select(func.max(col(Pairing.ended_at))).where(col(Pairing.mentee_id) == col(Profile.user_id))
    answered = select(func.max(col(PairingRequest.answered_at))).where(
        col(PairingRequest.mentee_id) == col(Profile.user_id)
    )
    query = (
        select(
            col(Profile.user_id),
            col(Profile.function_area),
            col(Profile.goals),
            col(Person.locale),
            col(Person.tz),
            col(Profile.created_at),
            ended.scalar_subquery(),
            answered.scalar_subquery(),
        )
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(
            col(Profile.role).in_(LEARNING_ROLES),
            col(Profile.created_at) < created_before,
            ~_gone(),
            ~has_mentor,
            ~asking,
            ~proposed,
            ~opted_out,
            ~told_this_week,
        )
        .order_by(col(Profile.user_id))
    )
    return [
        WaitingRow(user_id, area, goals, locale or DEFAULT_LOCALE, tz or DEFAULT_ZONE, created, ended, answered)
        for user_id, area, goals, locale, tz, created, ended, answered in session.execute(query)
    ]


def has_pending_request(session: Session, mentee_id: str) -> bool:
    """Whether the mentee is waiting for a mentor's answer to a request."""
    query = select(col(PairingRequest.id)).where(
        col(PairingRequest.mentee_id) == mentee_id, col(PairingRequest.status) == RequestStatus.PENDING.value
    )
    return session.execute(query.limit(1)).first() is not None


def told_about(session: Session, mentee_ids: Collection[str], mentor_ids: Collection[str]) -> set[tuple[str, str]]:
    """Which of these (mentee, mentor) pairs were told already."""
    if not mentee_ids or not mentor_ids:
        return set()
    query = select(col(WaitingTold.mentee_id), col(WaitingTold.mentor_id)).where(
        col(WaitingTold.mentor_id).in_(mentor_ids), col(WaitingTold.mentee_id).in_(mentee_ids)
    )
    return {(mentee, mentor) for mentee, mentor in session.execute(query)}


def record_told(session: Session, pairs: Collection[tuple[str, str]], now: datetime) -> None:
    """One statement for them all (thousands at once when a popular mentor opens up): no ORM objects."""
    if pairs:
        rows = [{"mentee_id": mentee, "mentor_id": mentor, "told_at": now} for mentee, mentor in pairs]
        session.execute(insert(WaitingTold), rows)


def opted_out(session: Session, user_id: str) -> bool:
    return opted_out_since(session, user_id) is not None


def opted_out_since(session: Session, user_id: str) -> datetime | None:
    row = session.get(WaitingOptOut, user_id)
    return row.since if row is not None else None


def mentors_told_of(session: Session, mentee_id: str) -> list[tuple[str, datetime]]:
    """The mentors a mentee was told had room, and when, the first first (for their export)."""
    query = (
        select(col(WaitingTold.mentor_id), col(WaitingTold.told_at))
        .where(col(WaitingTold.mentee_id) == mentee_id)
        .order_by(col(WaitingTold.told_at), col(WaitingTold.mentor_id))
    )
    return [(mentor, at) for mentor, at in session.execute(query)]


def opt_out(session: Session, user_id: str, now: datetime) -> None:
    """Idempotent: a second click keeps the first moment."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    session.execute(insert(WaitingOptOut).values(user_id=user_id, since=now).on_conflict_do_nothing())


def opt_in(session: Session, user_id: str) -> None:
    session.execute(delete(WaitingOptOut).where(col(WaitingOptOut.user_id) == user_id))


def forget_waiting_of(session: Session, user_id: str) -> int:
    """For an erasure: their opt-out, and every record of being told about a mentor or being the mentor told of."""
    statements = [
        delete(WaitingOptOut).where(col(WaitingOptOut.user_id) == user_id),
        delete(WaitingTold).where(or_(col(WaitingTold.mentee_id) == user_id, col(WaitingTold.mentor_id) == user_id)),
    ]
    return sum(rowcount(session.execute(statement)) for statement in statements)
