"""The SQL side of matching: which mentors may be suggested to a mentee at all.

Everything that rules a mentor out is decided here, in one query, so a programme of thousands
loads only the few who could fit; bot.matching ranks what comes back.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, and_, exists, false, func, or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import (
    Pairing,
    PairingRequest,
    PairingStatus,
    Person,
    Profile,
    ProfileTopic,
    RequestStatus,
)

# Pairings that take one of the mentor's slots: a paused pairing still has its mentee.
HOLDS_A_SLOT = (PairingStatus.ACTIVE.value, PairingStatus.PAUSED.value)
MENTORING_ROLES = ("mentor", "both")


@dataclass(frozen=True)
class MentorRow:
    user_id: str
    function_area: str
    skills: str
    skill_words: str
    capacity: int
    taken: int
    locale: str
    tz: str


def taken_slots(session: Session, mentor_id: str) -> int:
    query = select(func.count()).where(col(Pairing.mentor_id) == mentor_id, col(Pairing.status).in_(HOLDS_A_SLOT))
    return session.execute(query).scalar_one()


def mentor_candidates(session: Session, mentee_id: str, area: str, goal_words: Collection[str]) -> list[MentorRow]:
    """Open mentors with room, in the mentee's area or sharing a word of their goals.

    Never the mentee, someone gone from Slack, a mentor they are or were paired with, one who
    declined them, or one they are waiting to hear from.
    """
    relevant = col(Profile.function_area) == area
    if goal_words:
        # IN rather than a correlated EXISTS: SQLite then uses both indexes instead of scanning profiles.
        shares_a_goal = col(Profile.user_id).in_(
            select(col(ProfileTopic.user_id)).where(col(ProfileTopic.word).in_(goal_words))
        )
        relevant = or_(relevant, shares_a_goal)
    return _rows(session, _open_mentors(mentee_id).where(relevant))


def open_mentor(session: Session, mentee_id: str, mentor_id: str) -> MentorRow | None:
    """The mentor, if the mentee may ask them now (the same rules as suggestions, area aside)."""
    rows = _rows(session, _open_mentors(mentee_id).where(col(Profile.user_id) == mentor_id))
    return rows[0] if rows else None


def _open_mentors(mentee_id: str) -> Select[str, str, str, str, int, Any, str, str]:
    taken = (
        select(col(Pairing.mentor_id), func.count().label("n"))
        .where(col(Pairing.status).in_(HOLDS_A_SLOT))
        .group_by(col(Pairing.mentor_id))
        .subquery()
    )
    n_taken = func.coalesce(taken.c.n, 0)
    paired_before = exists().where(  # either way round: your own mentee is not your mentor
        or_(
            and_(col(Pairing.mentor_id) == col(Profile.user_id), col(Pairing.mentee_id) == mentee_id),
            and_(col(Pairing.mentee_id) == col(Profile.user_id), col(Pairing.mentor_id) == mentee_id),
        )
    )
    asked_already = exists().where(
        col(PairingRequest.mentor_id) == col(Profile.user_id),
        col(PairingRequest.mentee_id) == mentee_id,
        col(PairingRequest.status).in_((RequestStatus.DECLINED.value, RequestStatus.PENDING.value)),
    )
    return (
        # Only the columns a MentorRow needs: building whole ORM objects doubled the query's time.
        select(
            col(Profile.user_id),
            col(Profile.function_area),
            col(Profile.skills),
            col(Profile.skill_words),
            col(Profile.capacity),
            n_taken,
            col(Person.locale),
            col(Person.tz),
        )
        .outerjoin(taken, taken.c.mentor_id == col(Profile.user_id))
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(
            col(Profile.user_id) != mentee_id,
            col(Profile.role).in_(MENTORING_ROLES),
            col(Profile.available),
            n_taken < col(Profile.capacity),
            ~func.coalesce(col(Person.gone), false()),  # deactivated, deleted or a bot
            ~paired_before,
            ~asked_already,
        )
    )


def _rows(session: Session, query: Select[str, str, str, str, int, Any, str, str]) -> list[MentorRow]:
    return [
        MentorRow(user_id, area, skills, words, capacity, taken, locale or "en-US", tz or "UTC")
        for user_id, area, skills, words, capacity, taken, locale, tz in session.execute(query)
    ]
