"""Welcoming new joiners, the rules: who is a newcomer, and when a welcome goes.

Pure functions over plain values (datetimes, a zone, the programme's schedule):
no clock, no session, no Slack.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.checkins.rules import Schedule, local_today, next_prompt_at

NEWCOMER_FOR = timedelta(days=90)  # "people in their first 90 days are newcomers"


def is_newcomer(joined_at: datetime | None, now: datetime) -> bool:
    """In their first 90 days in the workspace (unknown when the bot never saw them join: not a newcomer)."""
    return joined_at is not None and joined_at <= now < joined_at + NEWCOMER_FOR


def welcome_at(joined_at: datetime, now: datetime, zone: ZoneInfo, schedule: Schedule) -> datetime:
    """Their first working day at the prompt time, on their own wall clock, in UTC.

    The day they joined (in their zone) if it is a working day and the prompt time has not passed yet
    there; else the next working day (weekends and the holiday country's holidays skipped). Never
    before `now`: an event that arrives late moves the welcome to the next prompt time, not into the past.
    """
    return next_prompt_at(now, local_today(joined_at, zone), zone, schedule)
