"""The check-in rhythm's date arithmetic: periods, working days, local prompt times, two people's hours.

Pure functions over plain values (dates, times, zones, a holiday calendar): no clock, no session,
no Slack. Every moment they return is timezone-aware UTC; every local time is computed with
zoneinfo, so a prompt at 10:00 stays at 10:00 local across daylight-saving changes, whatever the
server's own zone.
"""

from __future__ import annotations

import calendar as monthly
from collections.abc import Container
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.values import Cadence as Cadence  # the rules' own word for it; parsed by the settings

# The furthest east a zone reaches (Kiribati, UTC+14): a period is planned before its first day begins anywhere.
EARLIEST_OFFSET = timedelta(hours=14)
ASK_WORKING_DAYS_BEFORE_END = 2  # "did you meet?" comes two working days before a period ends
REMIND_AFTER_WORKING_DAYS = 2  # "not yet, remind me" asks again two working days later
NUDGE_SEARCH_DAYS = 14  # two people's working hours that never meet in two weeks never meet at all
LATE_GRACE = timedelta(hours=1)  # a prompt this late is still sent; later than this waits for the next prompt time
MAX_PAUSE = timedelta(days=92)  # "at most three months ahead"


@dataclass(frozen=True)
class WorkingDays:
    """Monday to Friday, minus the public holidays given (any container of dates)."""

    holidays: Container[date] = field(default_factory=frozenset)

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and day.weekday() < 5 and day not in self.holidays

    def first_from(self, day: date) -> date:
        """The first working day on or after `day`."""
        while day not in self:
            day += timedelta(days=1)
        return day

    def after(self, day: date, count: int) -> date:
        """The `count`-th working day after `day` (`day` itself not counted)."""
        for _ in range(count):
            day = self.first_from(day + timedelta(days=1))
        return day

    def before(self, day: date, count: int) -> date:
        """The `count`-th working day before `day` (`day` itself not counted)."""
        for _ in range(count):
            day -= timedelta(days=1)
            while day not in self:
                day -= timedelta(days=1)
        return day


@dataclass(frozen=True)
class Schedule:
    """The programme's settings the rhythm follows."""

    prompt_time: time = time(10, 0)
    working_hours: tuple[time, time] = (time(9, 0), time(17, 0))
    working_days: WorkingDays = field(default_factory=WorkingDays)


# -- periods ------------------------------------------------------------------------------------------


def period_end(start: date, cadence: Cadence) -> date:
    """The first day after the period that begins on `start` (a month later keeps the day where it can)."""
    if cadence is Cadence.WEEKLY:
        return start + timedelta(days=7)
    if cadence is Cadence.BIWEEKLY:
        return start + timedelta(days=14)
    year, month = (start.year + 1, 1) if start.month == 12 else (start.year, start.month + 1)
    return date(year, month, min(start.day, monthly.monthrange(year, month)[1]))


def opens_at(day: date) -> datetime:
    """When `day` begins in the earliest zone on Earth: a period is planned from then."""
    return datetime.combine(day, time(0), UTC) - EARLIEST_OFFSET


def current_period(start: date, number: int, cadence: Cadence, now: datetime) -> tuple[date, int]:
    """The period under way at `now`, counting on from the one that began on `start` with `number`."""
    while opens_at(period_end(start, cadence)) <= now:
        start, number = period_end(start, cadence), number + 1
    return start, number


# -- one person's prompts -------------------------------------------------------------------------------


def local_moment(day: date, at: time, zone: ZoneInfo) -> datetime:
    """`at` on `day` on the wall clocks of `zone`, in UTC (a time skipped by a DST change moves forward)."""
    return datetime.combine(day, at, zone).astimezone(UTC)


def local_today(now: datetime, zone: ZoneInfo) -> date:
    return now.astimezone(zone).date()


def next_prompt_at(not_before: datetime, day: date, zone: ZoneInfo, schedule: Schedule) -> datetime:
    """The first prompt time, in `zone`, on a working day from `day` on, that is not before `not_before`."""
    day = schedule.working_days.first_from(max(day, local_today(not_before, zone)))
    while (moment := local_moment(day, schedule.prompt_time, zone)) < not_before:
        day = schedule.working_days.after(day, 1)
    return moment


def ask_at(start: date, cadence: Cadence, zone: ZoneInfo, schedule: Schedule, not_before: datetime) -> datetime:
    """'Did you meet?': two working days before the period ends, at the prompt time (or the next one, if later)."""
    day = max(schedule.working_days.before(period_end(start, cadence), ASK_WORKING_DAYS_BEFORE_END), start)
    return next_prompt_at(not_before, day, zone, schedule)


def remind_at(now: datetime, zone: ZoneInfo, schedule: Schedule) -> datetime:
    """'Not yet, remind me': two working days later, at the prompt time."""
    day = schedule.working_days.after(local_today(now, zone), REMIND_AFTER_WORKING_DAYS)
    return local_moment(day, schedule.prompt_time, zone)


def catch_up_at(due: datetime, now: datetime, zone: ZoneInfo, schedule: Schedule) -> datetime | None:
    """A prompt found late (the bot was down): None to send it now, else when to send it instead.

    Never at night because the bot came back at night: at the recipient's next prompt time on a working day.
    """
    if now - due <= LATE_GRACE:
        return None
    return next_prompt_at(now, local_today(now, zone), zone, schedule)


# -- a pair's group DM ------------------------------------------------------------------------------------


def group_moment(
    first_day: date, mentee: ZoneInfo, mentor: ZoneInfo, schedule: Schedule, not_before: datetime
) -> datetime:
    """The earliest moment from `first_day` (the mentee's date) inside both people's working hours on a day
    that is a working day for both; if their hours never meet, the mentee's prompt time."""
    days, (opens, closes) = schedule.working_days, schedule.working_hours
    first_day = max(first_day, local_today(not_before, mentee))
    for offset in range(NUDGE_SEARCH_DAYS):
        day = first_day + timedelta(days=offset)
        if day not in days:
            continue
        a_start, a_end = local_moment(day, opens, mentee), local_moment(day, closes, mentee)
        for theirs in sorted({local_today(a_start, mentor), local_today(a_end, mentor)}):
            if theirs not in days:
                continue
            start = max(a_start, local_moment(theirs, opens, mentor), not_before)
            if start < min(a_end, local_moment(theirs, closes, mentor)):
                return start
    return next_prompt_at(not_before, first_day, mentee, schedule)


def group_catch_up_at(
    due: datetime, now: datetime, mentee: ZoneInfo, mentor: ZoneInfo, schedule: Schedule
) -> datetime | None:
    """A group nudge found late: None to send it now, else the pair's next good moment."""
    if now - due <= LATE_GRACE:
        return None
    return group_moment(local_today(now, mentee), mentee, mentor, schedule, now)


# -- what a period's conversation is about -------------------------------------------------------------------


def topic_for(topics: list[str], period: int) -> str | None:
    """One of the mentee's goals per period, in turn, so two periods in a row never share one."""
    return topics[period % len(topics)] if topics else None


def pause_problem(until: date, today: date) -> str | None:
    """Why a pause can't end on `until` (a catalog key), or None."""
    if until <= today:
        return "checkin.pause.error.past"
    if until - today > MAX_PAUSE:
        return "checkin.pause.error.too_far"
    return None


def zone_of(name: str) -> ZoneInfo:
    """A person's zone as the cache keeps it (always one Python can load; UTC for anything else)."""
    try:
        return ZoneInfo(name)
    except (LookupError, ValueError, OSError):
        return ZoneInfo("UTC")


# -- how long a request waits ------------------------------------------------------------------------------

REQUEST_WORKING_DAYS = 3  # a mentor request not answered in three working days (the mentor's) expires


def request_expires_at(
    sent: datetime, zone: ZoneInfo, days: WorkingDays, count: int = REQUEST_WORKING_DAYS
) -> datetime:
    """When a request sent at `sent` expires: after `count` whole working days on the mentor's own clock.

    Only working days count: a request sent on Friday at 15:00 expires on Wednesday at 15:00; one sent on a
    Saturday (or a holiday) starts counting on the next working day at midnight, so it expires when the
    third working day after it ends.
    """
    local = sent.astimezone(zone)
    if local.date() in days:
        start_day, at = local.date(), local.time().replace(tzinfo=None)
    else:
        start_day, at = days.first_from(local.date()), time(0)
    return local_moment(days.after(start_day, count), at, zone)
