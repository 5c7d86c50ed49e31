"""When a welcome goes: the joiner's first working day at the prompt time, on their own wall clock."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.checkins.calendar import schedule_for
from bot.checkins.rules import Schedule
from bot.delivery.slack_replies import joined
from bot.welcomes.rules import welcome_at

HOURS = (time(9, 0), time(17, 0))
PLAIN = schedule_for(time(10, 0), HOURS, None)
DUTCH = schedule_for(time(10, 0), HOURS, "NL")  # with the Dutch public holidays


def welcome(joined_at: str, zone: str, schedule: Schedule = PLAIN, now: str | None = None) -> datetime:
    at = datetime.fromisoformat(joined_at).replace(tzinfo=UTC)
    moment = datetime.fromisoformat(now).replace(tzinfo=UTC) if now else at
    return welcome_at(at, moment, ZoneInfo(zone), schedule)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def test_auckland_and_los_angeles_joining_at_the_same_instant_are_welcomed_on_their_own_mornings() -> None:
    # Monday 1 March 2027, 20:00 UTC: Tuesday 09:00 in Auckland (NZDT), Monday 12:00 in Los Angeles (PST).
    assert welcome("2027-03-01 20:00", "Pacific/Auckland") == utc("2027-03-01 21:00")  # Tue 10:00 NZDT, that day
    assert welcome("2027-03-01 20:00", "America/Los_Angeles") == utc("2027-03-02 18:00")  # Tue 10:00 PST, next day


def test_joining_before_the_prompt_time_on_a_working_day_is_welcomed_that_day() -> None:
    assert welcome("2027-03-03 07:30", "Europe/Amsterdam") == utc("2027-03-03 09:00")  # Wed 08:30 → Wed 10:00 CET


def test_joining_at_the_prompt_time_itself_is_welcomed_at_once() -> None:
    assert welcome("2027-03-03 09:00", "Europe/Amsterdam") == utc("2027-03-03 09:00")


def test_joining_on_friday_afternoon_is_welcomed_on_monday() -> None:
    assert welcome("2027-03-05 15:00", "Europe/Amsterdam") == utc("2027-03-08 09:00")


def test_joining_at_the_weekend_is_welcomed_on_monday() -> None:
    assert welcome("2027-03-06 08:00", "Europe/Amsterdam") == utc("2027-03-08 09:00")  # Saturday morning


def test_kings_day_is_skipped_with_the_dutch_holidays() -> None:
    # Monday 26 April 2027, afternoon; Tuesday 27 April is King's Day.
    assert welcome("2027-04-26 13:00", "Europe/Amsterdam") == utc("2027-04-27 08:00")  # no holidays: Tuesday (CEST)
    assert welcome("2027-04-26 13:00", "Europe/Amsterdam", DUTCH) == utc("2027-04-28 08:00")  # Wednesday


def test_joining_on_kings_day_morning_is_welcomed_the_next_day() -> None:
    assert welcome("2027-04-27 06:00", "Europe/Amsterdam", DUTCH) == utc("2027-04-28 08:00")


def test_a_late_event_is_welcomed_at_the_next_prompt_time_never_in_the_past() -> None:
    late = welcome("2027-03-03 07:30", "Europe/Amsterdam", now="2027-03-03 12:00")  # heard of at 13:00 local
    assert late == utc("2027-03-04 09:00")


def test_the_welcome_is_at_the_prompt_time_across_a_daylight_saving_change() -> None:
    # Friday 26 March 2027; the clocks go forward on Sunday 28 March: 10:00 on Monday is 08:00 UTC.
    assert welcome("2027-03-26 15:00", "Europe/Amsterdam") == utc("2027-03-29 08:00")


# -- the event as plain values (bot.delivery.slack_replies.joined) -------------------------------------

NOW = utc("2027-03-01 12:00")


@pytest.mark.parametrize(
    "flag", ["is_bot", "is_app_user", "is_restricted", "is_ultra_restricted", "deleted"], ids=lambda f: f
)
def test_bots_apps_guests_and_deactivated_accounts_are_not_full_members(flag: str) -> None:
    join = joined({"type": "team_join", "user": {"id": "UNEW", "tz": "Europe/Amsterdam", flag: True}}, NOW)
    assert join is not None
    assert not join.member


def test_a_full_member_is_one() -> None:
    user = {"id": "UNEW", "is_bot": False, "is_restricted": False, "is_ultra_restricted": False, "deleted": False}
    join = joined({"type": "team_join", "user": user}, NOW)
    assert join is not None
    assert join.member


def test_the_join_time_is_the_events_own() -> None:
    event_ts = (NOW - timedelta(seconds=30)).timestamp()
    join = joined({"type": "team_join", "user": {"id": "UNEW"}, "event_ts": f"{event_ts:.6f}"}, NOW)
    assert join is not None
    assert join.at == NOW - timedelta(seconds=30)


@pytest.mark.parametrize("event_ts", [None, "soon", "nan", "-5", "1.7e12", (NOW + timedelta(hours=1)).timestamp()])
def test_without_a_usable_event_time_it_is_now_and_never_later(event_ts: object) -> None:
    join = joined({"type": "team_join", "user": {"id": "UNEW"}, "event_ts": event_ts}, NOW)
    assert join is not None
    assert join.at == NOW


@pytest.mark.parametrize("user", [None, "UNEW", {"name": "no id"}, {"id": ""}])
def test_an_event_without_a_usable_user_is_nobody(user: object) -> None:
    assert joined({"type": "team_join", "user": user}, NOW) is None
