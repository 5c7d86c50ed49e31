"""When the weekly HR digest is due: pure rules over datetimes (no database, no Slack, no clock of their own).

The digest is due at `DIGEST_AT` (a weekday and a time) in `HR_TIMEZONE`. A tick plans the latest moment
that has come (`latest_moment`), keyed by that moment's ISO week, so after any downtime there is one digest,
the latest week's, never one per week missed; it is late (`late_since`) when it goes out well after its moment.
The very first digest is planned only on time (`worth_planning`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# Sent this long after its moment, the digest says it is late (a tick runs every minute; a slow
# Slack or a busy dispatcher adds minutes, not an hour).
LATE_AFTER = timedelta(hours=1)


def latest_moment(now: datetime, weekday: int, at: time, zone: ZoneInfo) -> datetime:
    """The most recent digest moment at or before `now` (UTC), as a UTC datetime.

    `weekday`: Monday is 0. The moment is a wall-clock time in `zone`, so it stays at 09:00 local across a
    change of daylight saving time.
    """
    local = now.astimezone(zone)
    days_back = (local.weekday() - weekday) % 7
    day = (local - timedelta(days=days_back)).date()
    moment = datetime.combine(day, at, tzinfo=zone)
    if moment > local:
        moment = datetime.combine(day - timedelta(days=7), at, tzinfo=zone)
    return moment.astimezone(UTC)


def digest_week(moment: datetime, zone: ZoneInfo) -> str:
    """The ISO week `YYYY-Www` a digest moment falls in, on HR's calendar: the digest's name and its key."""
    year, week, _ = moment.astimezone(zone).isocalendar()
    return f"{year}-W{week:02d}"


def weekly_key(week: str) -> str:
    """The weekly digest's unique key in the outbox: one per week, whichever replica plans it first."""
    return f"digest:{week}"


def worth_planning(moment: datetime, now: datetime, *, ever_planned: bool) -> bool:
    """Whether the digest due at `moment` is planned at `now`: always once digests have begun (after downtime it
    goes out late); before the first, only on time, so a bot started mid-week doesn't open with a late digest."""
    return ever_planned or now - moment <= LATE_AFTER


def late_since(scheduled: datetime | None, now: datetime, zone: ZoneInfo) -> date | None:
    """The day (on HR's calendar) a digest was due, when it goes out late enough to say so; None when on time
    (or unscheduled: a digest posted now by an HR admin is never late)."""
    if scheduled is None or now - scheduled <= LATE_AFTER:
        return None
    return scheduled.astimezone(zone).date()
