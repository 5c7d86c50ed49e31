"""The rhythm's date arithmetic, with plain values: local prompt times across DST, weekends, holidays, pairs."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from itertools import pairwise
from zoneinfo import ZoneInfo

import pytest
from freezegun import freeze_time

from bot.checkins.calendar import PublicHolidays
from bot.checkins.rules import (
    Cadence,
    Schedule,
    WorkingDays,
    ask_at,
    catch_up_at,
    current_period,
    group_catch_up_at,
    group_moment,
    local_moment,
    next_prompt_at,
    pause_problem,
    period_end,
    remind_at,
    topic_for,
)

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
NEW_YORK = ZoneInfo("America/New_York")
TOKYO = ZoneInfo("Asia/Tokyo")
KOLKATA = ZoneInfo("Asia/Kolkata")
PLAIN = Schedule()
DUTCH = Schedule(working_days=WorkingDays(PublicHolidays("NL")))


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def now() -> datetime:
    return datetime.now(UTC)


# 2027: the US moves its clocks on Sunday 14 March, the EU on Sunday 28 March (Easter Sunday).


@pytest.mark.parametrize(
    ("zone", "day", "expected"),
    [
        (AMSTERDAM, date(2027, 3, 26), utc(2027, 3, 26, 9, 0)),  # CET, +1
        (AMSTERDAM, date(2027, 3, 30), utc(2027, 3, 30, 8, 0)),  # CEST, +2
        (NEW_YORK, date(2027, 3, 12), utc(2027, 3, 12, 15, 0)),  # EST, -5
        (NEW_YORK, date(2027, 3, 15), utc(2027, 3, 15, 14, 0)),  # EDT, -4
        (TOKYO, date(2027, 3, 15), utc(2027, 3, 15, 1, 0)),  # JST, +9, no DST
        (KOLKATA, date(2027, 3, 15), utc(2027, 3, 15, 4, 30)),  # IST, +5:30
    ],
)
def test_a_prompt_arrives_at_ten_on_the_local_clock_across_dst(zone: ZoneInfo, day: date, expected: datetime) -> None:
    assert local_moment(day, time(10, 0), zone) == expected


@pytest.mark.parametrize(
    ("zone", "frozen", "expected"),
    [
        (NEW_YORK, "2027-03-12 16:00", utc(2027, 3, 15, 14, 0)),  # Friday after 10:00 EST: Monday 10:00 EDT
        (AMSTERDAM, "2027-03-26 12:00", utc(2027, 3, 29, 8, 0)),  # Friday afternoon: Monday 10:00 CEST
        (TOKYO, "2027-03-12 02:00", utc(2027, 3, 15, 1, 0)),  # Friday 11:00 JST: Monday
        (KOLKATA, "2027-03-13 03:00", utc(2027, 3, 15, 4, 30)),  # Saturday morning: Monday 10:00 IST
        (KOLKATA, "2027-03-15 04:29", utc(2027, 3, 15, 4, 30)),  # a minute before: the same morning
    ],
)
def test_the_next_prompt_skips_the_weekend_and_follows_the_clock_change(
    zone: ZoneInfo, frozen: str, expected: datetime
) -> None:
    with freeze_time(frozen):
        assert next_prompt_at(now(), now().astimezone(zone).date(), zone, PLAIN) == expected


def test_dutch_public_holidays_are_not_working_days() -> None:
    with freeze_time("2027-03-25 12:00"):  # Thursday before Good Friday and Easter Monday
        assert next_prompt_at(now(), date(2027, 3, 25), AMSTERDAM, DUTCH) == utc(2027, 3, 30, 8, 0)
        assert next_prompt_at(now(), date(2027, 3, 25), AMSTERDAM, PLAIN) == utc(2027, 3, 26, 9, 0)


def test_kings_day_is_skipped_when_the_country_is_the_netherlands() -> None:
    with freeze_time("2027-04-26 12:00"):
        assert next_prompt_at(now(), date(2027, 4, 26), AMSTERDAM, DUTCH) == utc(2027, 4, 28, 8, 0)


def test_did_you_meet_comes_two_working_days_before_the_period_ends() -> None:
    monday = date(2027, 3, 8)
    with freeze_time("2027-03-08 00:00"):
        assert ask_at(monday, Cadence.WEEKLY, AMSTERDAM, PLAIN, now()) == utc(2027, 3, 11, 9, 0)  # Thursday
        assert ask_at(monday, Cadence.BIWEEKLY, NEW_YORK, PLAIN, now()) == utc(2027, 3, 18, 14, 0)  # EDT by then


def test_did_you_meet_moves_earlier_for_a_holiday_at_the_end_of_the_period() -> None:
    monday = date(2027, 3, 22)  # the week ends on Good Friday (a Dutch holiday in the package)
    with freeze_time("2027-03-22 00:00"):
        assert ask_at(monday, Cadence.WEEKLY, AMSTERDAM, DUTCH, now()) == utc(2027, 3, 24, 9, 0)  # Wednesday


def test_a_monthly_period_keeps_its_day_or_the_last_one_of_a_shorter_month() -> None:
    assert period_end(date(2027, 1, 15), Cadence.MONTHLY) == date(2027, 2, 15)
    assert period_end(date(2027, 1, 31), Cadence.MONTHLY) == date(2027, 2, 28)
    assert period_end(date(2027, 12, 20), Cadence.MONTHLY) == date(2028, 1, 20)


def test_the_current_period_counts_on_from_the_last_one_known() -> None:
    start = date(2027, 3, 1)
    assert current_period(start, 0, Cadence.WEEKLY, utc(2027, 3, 7, 9)) == (start, 0)
    assert current_period(start, 0, Cadence.WEEKLY, utc(2027, 3, 8, 9)) == (date(2027, 3, 8), 1)
    assert current_period(start, 0, Cadence.WEEKLY, utc(2027, 3, 22, 9)) == (date(2027, 3, 22), 3)


def test_a_period_is_planned_before_its_first_day_begins_in_tokyo() -> None:
    # The period of 8 March opens at 10:00 UTC on 7 March (midnight at UTC+14), before Tokyo's 8 March begins.
    assert current_period(date(2027, 3, 1), 0, Cadence.WEEKLY, utc(2027, 3, 7, 10)) == (date(2027, 3, 8), 1)


def test_not_yet_asks_again_two_working_days_later_at_prompt_time() -> None:
    with freeze_time("2027-03-11 15:00"):  # Thursday afternoon in Amsterdam
        assert remind_at(now(), AMSTERDAM, PLAIN) == utc(2027, 3, 15, 9, 0)  # Monday


def test_a_prompt_found_late_after_downtime_waits_for_the_next_working_day_prompt_time() -> None:
    due = utc(2027, 3, 12, 9, 0)  # Friday 10:00 in Amsterdam
    with freeze_time("2027-03-13 02:00"):  # the bot is back on Saturday night
        assert catch_up_at(due, now(), AMSTERDAM, PLAIN) == utc(2027, 3, 15, 9, 0)
    with freeze_time("2027-03-12 09:20"):  # a little late: sent now
        assert catch_up_at(due, now(), AMSTERDAM, PLAIN) is None


def test_an_amsterdam_new_york_pair_is_nudged_when_both_are_at_work() -> None:
    with freeze_time("2027-03-08 00:00"):  # both on winter time: 09:00 in New York is 15:00 in Amsterdam
        assert group_moment(date(2027, 3, 8), AMSTERDAM, NEW_YORK, PLAIN, now()) == utc(2027, 3, 8, 14, 0)
    with freeze_time("2027-03-15 00:00"):  # New York on summer time, Amsterdam not yet: 14:00 in Amsterdam
        assert group_moment(date(2027, 3, 15), AMSTERDAM, NEW_YORK, PLAIN, now()) == utc(2027, 3, 15, 13, 0)
    with freeze_time("2027-03-29 00:00"):  # both on summer time (29 March is Easter Monday: plain calendar here)
        assert group_moment(date(2027, 3, 29), AMSTERDAM, NEW_YORK, PLAIN, now()) == utc(2027, 3, 29, 13, 0)


def test_a_pair_is_nudged_on_a_day_that_is_a_working_day_for_both() -> None:
    with freeze_time("2027-03-26 00:00"):  # Good Friday, then Easter Monday are off in the Netherlands
        assert group_moment(date(2027, 3, 26), AMSTERDAM, NEW_YORK, DUTCH, now()) == utc(2027, 3, 30, 13, 0)


def test_a_tokyo_new_york_pair_whose_hours_never_meet_is_nudged_at_the_mentees_prompt_time() -> None:
    with freeze_time("2027-03-15 00:00"):
        assert group_moment(date(2027, 3, 15), TOKYO, NEW_YORK, PLAIN, now()) == utc(2027, 3, 15, 1, 0)
        assert group_moment(date(2027, 3, 15), NEW_YORK, TOKYO, PLAIN, now()) == utc(2027, 3, 15, 14, 0)


def test_a_kolkata_amsterdam_pair_meets_in_the_kolkata_afternoon() -> None:
    with freeze_time("2027-03-15 00:00"):
        assert group_moment(date(2027, 3, 15), KOLKATA, AMSTERDAM, PLAIN, now()) == utc(2027, 3, 15, 8, 0)


def test_a_group_nudge_found_late_waits_for_the_pairs_next_good_moment() -> None:
    due = utc(2027, 3, 12, 14, 0)
    with freeze_time("2027-03-13 03:00"):
        assert group_catch_up_at(due, now(), AMSTERDAM, NEW_YORK, PLAIN) == utc(2027, 3, 15, 13, 0)


def test_each_period_gets_a_topic_different_from_the_last() -> None:
    topics = ["Python", "testing", "SQL"]
    chosen = [topic_for(topics, period) for period in range(5)]
    assert all(a != b for a, b in pairwise(chosen))
    assert topic_for([], 3) is None


def test_a_pause_ends_in_the_future_and_at_most_three_months_ahead() -> None:
    today = date(2027, 3, 15)
    assert pause_problem(date(2027, 3, 15), today) == "checkin.pause.error.past"
    assert pause_problem(date(2027, 7, 1), today) == "checkin.pause.error.too_far"
    assert pause_problem(date(2027, 6, 15), today) is None


def test_a_time_skipped_by_the_clock_change_moves_forward() -> None:
    assert local_moment(date(2027, 3, 28), time(2, 30), AMSTERDAM) == utc(2027, 3, 28, 1, 30)  # 03:30 CEST
