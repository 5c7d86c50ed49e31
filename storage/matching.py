"""The SQL side of matching: which mentors may be suggested to a mentee at all, best first.

Everything that rules a mentor out is decided here, in one query, so a programme of thousands
loads only the few who could fit; bot.matching ranks what comes back.

The query is bounded (`CANDIDATES`) without losing the best. It adds up each candidate's score in
SQL (`Points`: area, shared topic words and free places, plus the language and working-hours terms
as a value per locale and per time zone, worked out in Python for the locales and zones people
have) and orders as bot.matching ranks: score, then free places, then user id. Those are the
ranking's own terms in whole thousandths, the same numbers bot.matching adds, so the first k rows
are the ranking's top k for any k up to the limit. Only someone whose locale or zone changed
between the two reads is scored low here (by at most the language and hours terms, 3 points); the
limit's wide margin over the three shown is for them.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, case, exists, false, func, literal, or_, select
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
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE

# Pairings that take one of the mentor's slots: a paused pairing still has its mentee.
HOLDS_A_SLOT = (PairingStatus.ACTIVE.value, PairingStatus.PAUSED.value)
MENTORING_ROLES = ("mentor", "both")
# How many candidates find loads at most: the best by their points in SQL. Hundreds of rows rank in
# about a millisecond; thousands took most of find's time with 5,000 mentors (bench/find_mentors.py).
CANDIDATES = 200


@dataclass(frozen=True)
class Points:
    """The ranking's terms as SQL adds them up, in thousandths of a point (integers: ties stay ties)."""

    same_area: int
    per_shared_topic: int
    max_shared_topics: int
    per_free_slot: int
    max_free_slots: int
    by_locale: Mapping[str, int] = field(default_factory=dict)  # a mentor's locale → the language term
    by_zone: Mapping[str, int] = field(default_factory=dict)  # a mentor's time zone → the working-hours term


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


def locales_and_zones(session: Session) -> list[tuple[str, str]]:
    """Every locale and time zone among the people the bot knows, for the per-locale and per-zone points."""
    query = select(col(Person.locale), col(Person.tz)).distinct()
    return [(locale, tz) for locale, tz in session.execute(query)]


def mentor_candidates(
    session: Session,
    mentee_id: str,
    area: str,
    goal_words: Collection[str],
    points: Points,
    limit: int | None = CANDIDATES,
) -> list[MentorRow]:
    """Open mentors with room, in the mentee's area or sharing a word of their goals; the best `limit` by `points`.

    Never the mentee, someone gone from Slack, a mentor they are or were paired with, one who
    declined them or let their request expire, or one they are waiting to hear from. Ordered as
    bot.matching ranks: points, then free places, then user id.
    """
    query, n_taken = _open_mentors(mentee_id)
    same_area = col(Profile.function_area) == area
    relevant: ColumnElement[bool] = same_area
    n_shared: ColumnElement[int] = literal(0)
    if goal_words:
        shared = (
            select(col(ProfileTopic.user_id), func.count().label("n"))
            .where(col(ProfileTopic.word).in_(goal_words))
            .group_by(col(ProfileTopic.user_id))
            .subquery()
        )
        query = query.outerjoin(shared, shared.c.user_id == col(Profile.user_id))
        n_shared = func.coalesce(shared.c.n, 0)
        relevant = or_(same_area, shared.c.n.is_not(None))
    free = col(Profile.capacity) - n_taken
    total = (
        case((same_area, points.same_area), else_=0)
        + points.per_shared_topic * _at_most(n_shared, points.max_shared_topics)
        + points.per_free_slot * _at_most(free, points.max_free_slots)
        + _by_value(func.coalesce(col(Person.locale), DEFAULT_LOCALE), points.by_locale)
        + _by_value(func.coalesce(col(Person.tz), DEFAULT_ZONE), points.by_zone)
    )
    query = query.where(relevant).order_by(total.desc(), free.desc(), col(Profile.user_id)).limit(limit)
    return _rows(session, query)


def _at_most(value: ColumnElement[int], most: int) -> ColumnElement[int]:
    return case((value >= most, most), else_=value)


def _by_value(value: ColumnElement[str], points: Mapping[str, int]) -> ColumnElement[int]:
    """The points for this value, 0 for any other; only values worth something are spelled out."""
    worth = {key: n for key, n in points.items() if n}
    return case(worth, value=value, else_=0) if worth else literal(0)


def open_mentor(session: Session, mentee_id: str, mentor_id: str) -> MentorRow | None:
    """The mentor, if the mentee may ask them now (the same rules as suggestions, area aside)."""
    query, _ = _open_mentors(mentee_id)
    rows = _rows(session, query.where(col(Profile.user_id) == mentor_id))
    return rows[0] if rows else None


def open_mentors_among(session: Session, mentee_id: str, mentor_ids: Collection[str]) -> list[MentorRow]:
    """Those of `mentor_ids` the mentee may ask now: `open_mentor`'s rule for many at once (bot.waiting)."""
    if not mentor_ids:
        return []
    query, _ = _open_mentors(mentee_id)
    return _rows(session, query.where(col(Profile.user_id).in_(mentor_ids)).order_by(col(Profile.user_id)))


def _open_mentors(mentee_id: str) -> tuple[Select[str, str, str, str, int, Any, str, str], ColumnElement[int]]:
    """The query of every open mentor with room, and its count of their taken places."""
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
        col(PairingRequest.status).in_(
            (RequestStatus.DECLINED.value, RequestStatus.PENDING.value, RequestStatus.EXPIRED.value)
        ),
    )
    query = (
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
    return query, n_taken


def _rows(session: Session, query: Select[str, str, str, str, int, Any, str, str]) -> list[MentorRow]:
    return [
        MentorRow(user_id, area, skills, words, capacity, taken, locale or DEFAULT_LOCALE, tz or DEFAULT_ZONE)
        for user_id, area, skills, words, capacity, taken, locale, tz in session.execute(query)
    ]
