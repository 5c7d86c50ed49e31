"""The mentor pool's rows: what bot.pool copies into memory (storage.pool_version says when to copy it again)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import false, func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Pairing, Person, Profile
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE
from storage.pool_version import pool_version as pool_version

# Pairings that take one of the mentor's slots: a paused pairing still has its mentee.
HOLDS_A_SLOT = ("active", "paused")
MENTORING_ROLES = ("mentor", "both")


@dataclass(frozen=True)
class MentorRow:
    user_id: str
    function_area: str
    skills: str
    capacity: int
    taken: int
    locale: str
    tz: str
    likes_newcomers: bool = False


def open_mentor_rows(session: Session, user_id: str | None = None) -> list[MentorRow]:
    """Every mentor who could take a mentee now (or just `user_id`, if they could), by user id.

    A mentor or both, available, not gone from Slack, with a place free. Who may not be suggested to
    a particular mentee on top of this is storage.matching.excluded_mentors.
    """
    return _mentor_rows(session, user_id, full=False)


def full_mentor_rows(session: Session) -> list[MentorRow]:
    """The same mentors but with every place taken: only for saying why a round leaves a mentee unmatched."""
    return _mentor_rows(session, None, full=True)


def _mentor_rows(session: Session, user_id: str | None, *, full: bool) -> list[MentorRow]:
    taken = (
        select(col(Pairing.mentor_id), func.count().label("n"))
        .where(col(Pairing.status).in_(HOLDS_A_SLOT))
        .group_by(col(Pairing.mentor_id))
        .subquery()
    )
    n_taken = func.coalesce(taken.c.n, 0)
    query = (
        # Only the columns a row needs: whole ORM objects would double the query's time.
        select(
            col(Profile.user_id),
            col(Profile.function_area),
            col(Profile.skills),
            col(Profile.capacity),
            n_taken,
            col(Person.locale),
            col(Person.tz),
            col(Profile.likes_newcomers),
        )
        .outerjoin(taken, taken.c.mentor_id == col(Profile.user_id))
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(
            col(Profile.role).in_(MENTORING_ROLES),
            col(Profile.available),
            n_taken >= col(Profile.capacity) if full else n_taken < col(Profile.capacity),
            ~func.coalesce(col(Person.gone), false()),  # deactivated, deleted or a bot
        )
        .order_by(col(Profile.user_id))
    )
    if user_id is not None:
        query = query.where(col(Profile.user_id) == user_id)
    return [
        MentorRow(mentor_id, area, skills, capacity, n, locale or DEFAULT_LOCALE, tz or DEFAULT_ZONE, bool(likes))
        for mentor_id, area, skills, capacity, n, locale, tz, likes in session.execute(query)
    ]
