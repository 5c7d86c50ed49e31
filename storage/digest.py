"""The HR digest's read side: counts of the whole programme, each in one statement that counts in SQL.

The number of statements is fixed, whatever the size of the programme: no loop over pairings or people.
bot/digest/figures.py says what each count means; bot/digest/read.py puts them together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import (
    ColumnElement,
    Select,
    Subquery,
    and_,
    case,
    exists,
    func,
    literal,
    not_,
    or_,
    select,
    type_coerce,
    union_all,
)
from sqlalchemy.orm import Mapped, Session
from sqlmodel import col

from storage.db import UTCDateTime
from storage.models import (
    Checkin,
    Pairing,
    PairingRequest,
    PairingStatus,
    Person,
    Profile,
    RequestStatus,
    Rhythm,
)

CURRENT = (PairingStatus.ACTIVE.value, PairingStatus.PAUSED.value)
MENTORING = ("mentor", "both")
LEARNING = ("mentee", "both")
# A rhythm's length, for "met within their rhythm" (a month as its longest, so no monthly pair is counted late).
RHYTHM_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 31}
LONGEST_RHYTHM = 31


@dataclass(frozen=True)
class Window:
    since: datetime
    until: datetime

    def holds(self, moment: Mapped[datetime] | Mapped[datetime | None]) -> ColumnElement[bool]:
        return and_(moment >= self.since, moment < self.until)


def _count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _still_here(user_id: ColumnElement[str] | Mapped[str]) -> ColumnElement[bool]:
    """Not gone from the workspace (someone Slack never told us about yet counts as here)."""
    return not_(exists().where(col(Person.user_id) == user_id, col(Person.gone).is_(True)))


def profile_counts(session: Session, week: Window) -> tuple[int, int]:
    """Participants (profiles of people still here) and those of them first saved this week."""
    query = select(func.count(), _count_if(week.holds(col(Profile.created_at)))).where(
        _still_here(col(Profile.user_id))
    )
    participants, new = session.execute(query).one()
    return int(participants), int(new)


def request_counts(session: Session, week: Window) -> tuple[int, int, int, int]:
    """Requests sent this week, and those accepted, declined and expired this week (whenever they were sent)."""

    def answered(status: RequestStatus) -> ColumnElement[int]:
        return _count_if(and_(col(PairingRequest.status) == status.value, week.holds(col(PairingRequest.answered_at))))

    query = select(
        _count_if(week.holds(col(PairingRequest.created_at))),
        answered(RequestStatus.ACCEPTED),
        answered(RequestStatus.DECLINED),
        answered(RequestStatus.EXPIRED),
    ).where(or_(week.holds(col(PairingRequest.created_at)), week.holds(col(PairingRequest.answered_at))))
    sent, accepted, declined, expired = session.execute(query).one()
    return int(sent), int(accepted), int(declined), int(expired)


@dataclass(frozen=True)
class PairingCounts:
    formed: int
    ended_this_week: int
    active: int
    paused: int
    stalled: int
    ended: int


def pairing_counts(session: Session, week: Window) -> PairingCounts:
    """Formed and ended this week; and now: active, paused, stalled (either) and ended, disjoint."""
    status, stalled = col(Pairing.status), col(Rhythm.stalled_at).is_not(None)
    current = status.in_(CURRENT)
    query = (
        select(
            _count_if(week.holds(col(Pairing.started_at))),
            _count_if(week.holds(col(Pairing.ended_at))),
            _count_if(and_(status == PairingStatus.ACTIVE.value, not_(stalled))),
            _count_if(and_(status == PairingStatus.PAUSED.value, not_(stalled))),
            _count_if(and_(current, stalled)),
            _count_if(status == PairingStatus.ENDED.value),
        )
        .select_from(Pairing)
        .outerjoin(Rhythm, col(Rhythm.pairing_id) == col(Pairing.id))
    )
    return PairingCounts(*(int(n) for n in session.execute(query).one()))


def checkin_counts(session: Session, week: Window) -> tuple[int, int]:
    """Check-ins logged this week, and ever."""
    query = select(_count_if(week.holds(col(Checkin.created_at))), func.count()).select_from(Checkin)
    this_week, ever = session.execute(query).one()
    return int(this_week), int(ever)


def places(session: Session) -> tuple[int, int]:
    """Places taken (active and paused pairings of mentors still here) and offered (their profiles' capacity)."""
    mentors = and_(col(Profile.role).in_(MENTORING), _still_here(col(Profile.user_id)))
    offered = select(func.coalesce(func.sum(col(Profile.capacity)), 0)).where(mentors).scalar_subquery()
    taken = (
        select(func.count())
        .select_from(Pairing)
        .join(Profile, col(Profile.user_id) == col(Pairing.mentor_id))
        .where(col(Pairing.status).in_(CURRENT), mentors)
        .scalar_subquery()
    )
    taken_n, offered_n = session.execute(select(taken, offered)).one()
    return int(taken_n), int(offered_n)


# -- waiting mentees and stalled pairings, counted and named ----------------------------------------------------


def _waiting() -> Subquery:
    """Mentees still here with no active or paused pairing as the mentee, and since when they have waited."""
    as_mentee = (
        select(
            col(Pairing.mentee_id).label("mentee_id"),
            func.max(col(Pairing.ended_at)).label("last_ended"),
            _count_if(col(Pairing.status).in_(CURRENT)).label("current"),
        )
        .group_by(col(Pairing.mentee_id))
        .subquery()
    )
    created = col(Profile.created_at)
    later = case((as_mentee.c.last_ended > created, as_mentee.c.last_ended), else_=created)  # a portable greatest()
    since = type_coerce(later, UTCDateTime())  # read back as the column would be: aware UTC
    return (
        select(col(Profile.user_id).label("user_id"), since.label("since"))
        .outerjoin(as_mentee, as_mentee.c.mentee_id == col(Profile.user_id))
        .where(
            col(Profile.role).in_(LEARNING),
            _still_here(col(Profile.user_id)),
            func.coalesce(as_mentee.c.current, 0) == 0,
        )
        .subquery()
    )


def waiting_mentees(session: Session, limit: int) -> tuple[int, datetime | None, list[tuple[str, datetime]]]:
    """How many mentees wait for a mentor, since when the longest has, and the `limit` who have waited longest."""
    waiting = _waiting()
    longest = type_coerce(func.min(waiting.c.since), UTCDateTime())
    count, first = session.execute(select(func.count(), longest)).one()
    named = session.execute(
        select(waiting.c.user_id, waiting.c.since).order_by(waiting.c.since, waiting.c.user_id).limit(limit)
    ).all()
    return int(count), first, [(str(user_id), since) for user_id, since in named]


def every_waiting_mentee(session: Session) -> list[tuple[str, datetime]]:
    """Every mentee waiting for a mentor, and since when, the longest waiting first (HR's export)."""
    waiting = _waiting()
    query = select(waiting.c.user_id, waiting.c.since).order_by(waiting.c.since, waiting.c.user_id)
    return [(str(user_id), since) for user_id, since in session.execute(query)]


def stalled_pairings(session: Session, limit: int) -> list[tuple[int, str, str, datetime]]:
    """The `limit` current pairings stalled longest: id, mentor, mentee, since."""
    query = (
        select(col(Pairing.id), col(Pairing.mentor_id), col(Pairing.mentee_id), col(Rhythm.stalled_at))
        .join(Rhythm, col(Rhythm.pairing_id) == col(Pairing.id))
        .where(col(Pairing.status).in_(CURRENT), col(Rhythm.stalled_at).is_not(None))
        .order_by(col(Rhythm.stalled_at), col(Pairing.id))
        .limit(limit)
    )
    return [(i or 0, mentor, mentee, at) for i, mentor, mentee, at in session.execute(query) if at is not None]


# -- the completion rate, week by week ----------------------------------------------------------------------


def _rhythm_back(ends: datetime) -> ColumnElement[datetime]:
    """A rhythm's length before `ends`, for each pairing's cadence (a bound value per cadence)."""

    def before(days: int) -> ColumnElement[datetime]:
        return literal(ends - timedelta(days=days), UTCDateTime())

    whens = [(col(Rhythm.cadence) == name, before(days)) for name, days in RHYTHM_DAYS.items()]
    return case(*whens, else_=before(LONGEST_RHYTHM))


def weekly_completion(session: Session, ends: Sequence[datetime]) -> list[tuple[int, int]]:
    """For each moment in `ends` (the latest first): (due, met) as bot.digest.figures defines them, one statement."""
    weeks = [_week_rate(n, moment, latest=n == 0) for n, moment in enumerate(ends)]
    rows = {int(row[0]): (int(row[1]), int(row[2])) for row in session.execute(union_all(*weeks))}
    return [rows.get(n, (0, 0)) for n in range(len(ends))]


def _week_rate(n: int, ends: datetime, *, latest: bool) -> Select[int, int, int]:
    back = _rhythm_back(ends)
    met = exists().where(
        col(Checkin.pairing_id) == col(Pairing.id), col(Checkin.created_at) > back, col(Checkin.created_at) <= ends
    )
    due = [
        col(Pairing.started_at) <= back,
        or_(col(Pairing.ended_at).is_(None), col(Pairing.ended_at) > ends),
        col(Pairing.status) != PairingStatus.PAUSED.value if latest else literal(True),
    ]
    return (
        select(literal(n), func.count(), _count_if(met))
        .select_from(Pairing)
        .join(Rhythm, col(Rhythm.pairing_id) == col(Pairing.id))
        .where(*due)
    )


# -- skills asked for that no mentor offers --------------------------------------------------------------------


def goals_of_mentees(session: Session) -> list[str]:
    """Each mentee's goals as written (one statement), for the digest to read as concepts."""
    query = select(col(Profile.goals)).where(
        col(Profile.role).in_(LEARNING), col(Profile.goals) != "", _still_here(col(Profile.user_id))
    )
    return [str(goals) for goals in session.execute(query).scalars()]


def skills_of_mentors(session: Session) -> list[str]:
    """What each mentor still here offers, as they wrote it (one statement), for the digest to read as concepts."""
    query = select(col(Profile.skills)).where(
        col(Profile.role).in_(MENTORING), col(Profile.skills) != "", _still_here(col(Profile.user_id))
    )
    return [str(skills) for skills in session.execute(query).scalars()]
