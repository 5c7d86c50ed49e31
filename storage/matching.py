"""Who may be suggested to a mentee at all: the one rule find, asking and the round share.

A mentor may be suggested when they are in the pool (storage.pool.open_mentor_rows: a mentor, available,
not gone, with a place free) and not excluded for that mentee (`excluded_mentors`: themselves, a mentor
they are or were paired with either way round, one who declined them or let their request expire, one
they are waiting to hear from). bot.matching ranks; this module only rules out.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import CompoundSelect, Select, String, bindparam, func, literal_column, select, union_all
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import fixed
from storage.models import Pairing, PairingRequest, Person, PoolVersion, Profile, RequestStatus
from storage.pairings import has_a_mentor
from storage.pool import HOLDS_A_SLOT as HOLDS_A_SLOT
from storage.pool import MENTORING_ROLES as MENTORING_ROLES
from storage.pool import MentorRow, open_mentor_rows

# Requests that rule the mentor out for that mentee: refused, let lapse, or still waiting for an answer.
RULES_OUT = (RequestStatus.DECLINED.value, RequestStatus.PENDING.value, RequestStatus.EXPIRED.value)
_CHUNK = 500  # mentee ids per query: far below any driver's limit on bound parameters


def taken_slots(session: Session, mentor_id: str) -> int:
    query = select(func.count()).where(col(Pairing.mentor_id) == mentor_id, col(Pairing.status).in_(HOLDS_A_SLOT))
    return session.execute(query).scalar_one()


def excluded_mentors(session: Session, mentee_ids: Iterable[str]) -> dict[str, set[str]]:
    """Per mentee, the mentors who may never be suggested to them (on top of the pool's own rule).

    Themselves; anyone they are or were paired with, either way round (your own mentee is not your
    mentor); a mentor who declined them, let their request expire, or has yet to answer it.
    """
    excluded: dict[str, set[str]] = {mentee_id: {mentee_id} for mentee_id in mentee_ids}
    if len(excluded) == 1:  # find's case, on every call: one statement built once, only the id bound
        ((mentee_id, mentors),) = excluded.items()
        mentors.update(str(mentor) for mentor in session.execute(_EXCLUDED_FOR_ONE, {"mentee_id": mentee_id}).scalars())
        return excluded
    for chunk in _chunks(sorted(excluded)):
        as_mentee = select(col(Pairing.mentee_id), col(Pairing.mentor_id)).where(col(Pairing.mentee_id).in_(chunk))
        as_mentor = select(col(Pairing.mentor_id), col(Pairing.mentee_id)).where(col(Pairing.mentor_id).in_(chunk))
        asked = select(col(PairingRequest.mentee_id), col(PairingRequest.mentor_id)).where(
            col(PairingRequest.mentee_id).in_(chunk), col(PairingRequest.status).in_(RULES_OUT)
        )
        # One statement, not three: find runs it on every call, and each round trip counts there.
        for mentee_id, mentor_id in session.execute(union_all(as_mentee, as_mentor, asked)):
            excluded[mentee_id].add(mentor_id)
    return excluded


@dataclass(frozen=True)
class FindReads:
    """Everything one `/mentor find` reads before scoring, read in one statement (`reads_for_find`): on two
    busy cores every round trip costs a wait for the interpreter's lock, so find makes one, not five."""

    profile: Profile
    person: Person | None  # the cached Slack facts (language, zone, since when), if any
    has_mentor: bool  # storage.pairings.has_mentor's rule
    pool_version: int  # storage.pool_version's number, read in the same snapshot as the rest
    excluded: set[str]  # `excluded_mentors` for this one mentee


def reads_for_find(session: Session, mentee_id: str) -> FindReads | None:
    """Their profile, cached person, whether they have a mentor, the pool's version and their exclusions;
    None without a profile."""
    row = session.execute(_READS_FOR_FIND, {"mentee_id": mentee_id}).first()
    if row is None:
        return None
    profile, person, paired, version, excluded = row
    mentors = set(excluded.split(" ")) if excluded else set()
    return FindReads(profile, person, bool(paired), int(version or 0), mentors | {mentee_id})


def _reads_for_find() -> Select[Profile, Person, bool, int, str]:
    mentee_id = bindparam("mentee_id", type_=String())
    excluded = _excluded_for_one().subquery()
    return (
        select(
            Profile,
            Person,
            has_a_mentor(mentee_id),
            select(col(PoolVersion.version)).where(col(PoolVersion.id) == 1).scalar_subquery(),
            # Slack's ids have no spaces: the excluded mentors as one string, split again above. The separator
            # as SQL (not a str, which SQLAlchemy would bind anew at every execution).
            select(func.aggregate_strings(excluded.c[0], literal_column("' '"))).scalar_subquery(),  # type: ignore[arg-type]
        )
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(col(Profile.user_id) == mentee_id)
    )


def _excluded_for_one() -> CompoundSelect[tuple[str]]:
    mentee_id = bindparam("mentee_id", type_=String())
    return union_all(
        select(col(Pairing.mentor_id)).where(col(Pairing.mentee_id) == mentee_id),
        select(col(Pairing.mentee_id)).where(col(Pairing.mentor_id) == mentee_id),
        select(col(PairingRequest.mentor_id)).where(
            col(PairingRequest.mentee_id) == mentee_id, col(PairingRequest.status).in_(fixed(RULES_OUT))
        ),
    )


_EXCLUDED_FOR_ONE = _excluded_for_one()
_READS_FOR_FIND = _reads_for_find()


def _chunks(ids: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def open_mentor(session: Session, mentee_id: str, mentor_id: str) -> MentorRow | None:
    """The mentor, if the mentee may ask them now (the same rule as suggestions, area aside)."""
    if mentor_id in excluded_mentors(session, [mentee_id])[mentee_id]:
        return None
    rows = open_mentor_rows(session, mentor_id)
    return rows[0] if rows else None
