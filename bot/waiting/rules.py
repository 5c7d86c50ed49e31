"""Who is waiting, what fits, and once a week: the pure rules of telling a waiting mentee about a mentor.

A mentee is *waiting* when their mentee profile is at least `WAITING_FOR` old (time to have looked with
`/mentor find` and asked), they have no mentor (a stalled pairing doesn't count, as for find), no request
waiting for an answer, and they haven't said "Don't tell me about new mentors". A mentor *fits* when they
are among the mentors the mentee may be suggested (storage.matching's rule, unchanged) and bot.matching's
score has a term about the work: the same function area, or a topic the mentee wants to learn. Language,
working hours and free places rank mentors but never make one fit on their own. A mentor is *news* to a
mentee when their profile was saved or a place of theirs freed after the mentee began waiting (`waiting_since`).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.checkins.rules import Schedule, next_prompt_at
from bot.matching import Mentee, Mentor, Suggestion, best_mentors

WAITING_FOR = timedelta(days=2)  # a mentee profile this old, still without a mentor: waiting
# The tick looks back this far before its watermark: a profile saved in a transaction that began before the
# last look but committed after it is still seen. Seeing a mentor twice tells nobody twice (who was told
# about whom is kept).
LOOKBACK = timedelta(minutes=10)
KEY = "waiting"  # the outbox kind, and its unique keys' first part
# The score's terms that say the mentor knows what the mentee needs (bot.matching.score's reasons).
FITTING_REASONS = frozenset({"match.same_area", "match.shared_topics", "match.asked_offered"})


def iso_week(moment: datetime) -> str:
    """`2027-W09`, in UTC: a mentee hears at most once in it."""
    year, week, _ = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


def week_key(mentee_id: str, week: str) -> str:
    """The unique key of a mentee's notice in a week: a second one that week is never written."""
    before, after = key_around(week)
    return f"{before}{mentee_id}{after}"


def key_around(week: str) -> tuple[str, str]:
    """What comes before and after the mentee's id in `week_key`, for SQL to build the same key."""
    return f"{KEY}:", f":{week}"


def waiting_since(created: datetime, pairing_ended: datetime | None, request_answered: datetime | None) -> datetime:
    """Since when a mentee has been waiting without being shown the mentors who fit: `WAITING_FOR` after their
    profile's first save, or later, when a pairing of theirs ended or a request was answered (each of those
    showed them the mentors who could fit then). A mentor is news to them only if they changed after it."""
    return max(moment for moment in (created + WAITING_FOR, pairing_ended, request_answered) if moment is not None)


def fits(suggestion: Suggestion) -> bool:
    return any(reason.key in FITTING_REASONS for reason in suggestion.reasons)


def best_fit(mentee: Mentee, mentors: Iterable[Mentor], hours: tuple[time, time], on: date) -> Suggestion | None:
    """The best fitting mentor by bot.matching's ranking (score, free places, id), or None."""
    mentors = list(mentors)
    ranked = best_mentors(mentee, mentors, hours, on, limit=len(mentors))
    return next((suggestion for suggestion in ranked if fits(suggestion)), None)


def deliver_at(now: datetime, zone: ZoneInfo, schedule: Schedule) -> datetime:
    """Now, if it is a working day and within working hours where the mentee is; else the next prompt time
    there (as a check-in prompt would come): nobody hears of a mentor at night or on a Sunday."""
    local = now.astimezone(zone)
    start, end = schedule.working_hours
    if local.date() in schedule.working_days and start <= local.time() < end:
        return now
    return next_prompt_at(now, local.date(), zone, schedule)
