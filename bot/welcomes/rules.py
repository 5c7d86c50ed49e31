"""Welcoming new joiners, the rules: who is a newcomer, who is welcomed, and when.

Pure functions over plain values (datetimes, a zone, the programme's schedule, Slack's user object):
no clock, no session, no Slack.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from bot.checkins.rules import Schedule, local_today, next_prompt_at

NEWCOMER_FOR = timedelta(days=90)  # "people in their first 90 days are newcomers"
# Slack's flags of someone never welcomed: a bot or app, a guest (single- or multi-channel), deactivated.
NOT_WELCOMED_FLAGS = ("is_bot", "is_app_user", "is_restricted", "is_ultra_restricted", "deleted")


def is_newcomer(joined_at: datetime | None, now: datetime) -> bool:
    """In their first 90 days in the workspace (unknown when the bot never saw them join: not a newcomer)."""
    return joined_at is not None and joined_at <= now < joined_at + NEWCOMER_FOR


def may_be_welcomed(user: Mapping[str, Any]) -> bool:
    """A member who joined as a full member: not a bot, an app, a guest, nor deactivated."""
    return not any(user.get(flag) is True for flag in NOT_WELCOMED_FLAGS)


def welcome_at(joined_at: datetime, now: datetime, zone: ZoneInfo, schedule: Schedule) -> datetime:
    """Their first working day at the prompt time, on their own wall clock, in UTC.

    The day they joined (in their zone) if it is a working day and the prompt time has not passed yet
    there; else the next working day (weekends and the holiday country's holidays skipped). Never
    before `now`: an event that arrives late moves the welcome to the next prompt time, not into the past.
    """
    return next_prompt_at(now, local_today(joined_at, zone), zone, schedule)


def joined_when(event_ts: object, now: datetime) -> datetime:
    """When they joined: the event's own time (`event_ts`, seconds since 1970), or `now` without a usable
    one; never later than `now` (a clock ahead of ours would make them a newcomer longer)."""
    try:
        seconds = float(str(event_ts))
    except ValueError:
        return now
    if not 0 < seconds < 1e11:  # not a time at all (nan, negative, milliseconds)
        return now
    return min(datetime.fromtimestamp(seconds, now.tzinfo), now)
