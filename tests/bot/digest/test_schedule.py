"""When the weekly digest is due: the latest moment that has come, on HR's wall clock, and when it is late."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.digest.schedule import LATE_AFTER, digest_week, late_since, latest_moment, weekly_key, worth_planning

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
MONDAY, FRIDAY = 0, 4


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


@pytest.mark.parametrize(
    ("now", "moment"),
    [
        ("2027-03-15 08:00", "2027-03-15 08:00"),  # Monday 09:00 in Amsterdam (UTC+1): due now
        ("2027-03-15 07:59", "2027-03-08 08:00"),  # a minute before: last week's
        ("2027-03-21 23:00", "2027-03-15 08:00"),  # Sunday night
        ("2027-04-05 07:00", "2027-04-05 07:00"),  # after the change to summer time: still 09:00 local (UTC+2)
    ],
)
def test_the_latest_moment_is_the_last_digest_at_or_before_now(now: str, moment: str) -> None:
    assert latest_moment(utc(now), MONDAY, time(9, 0), AMSTERDAM) == utc(moment)


def test_another_weekday_and_time() -> None:
    assert latest_moment(utc("2027-03-17 12:00"), FRIDAY, time(16, 30), AMSTERDAM) == utc("2027-03-12 15:30")


def test_a_moment_names_its_week_on_hrs_calendar() -> None:
    # Monday 00:30 in Amsterdam is still Sunday in UTC: the week is HR's, week 11.
    assert digest_week(utc("2027-03-14 23:30"), AMSTERDAM) == "2027-W11"
    assert weekly_key("2027-W11") == "digest:2027-W11"


def test_a_digest_is_late_only_well_after_its_moment() -> None:
    due = utc("2027-03-15 08:00")
    assert late_since(due, due + LATE_AFTER, AMSTERDAM) is None
    assert late_since(due, due + LATE_AFTER + timedelta(minutes=1), AMSTERDAM) == date(2027, 3, 15)
    assert late_since(None, due + timedelta(days=3), AMSTERDAM) is None  # posted now by HR: never late


def test_the_first_digest_is_planned_only_on_time_later_ones_always() -> None:
    due = utc("2027-03-15 08:00")
    assert worth_planning(due, due + timedelta(minutes=5), ever_planned=False)
    assert not worth_planning(due, due + timedelta(days=2), ever_planned=False)
    assert worth_planning(due, due + timedelta(days=6), ever_planned=True)
