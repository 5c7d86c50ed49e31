"""Welcoming new joiners through the Bolt app: planned on `team_join`, sent at their first working morning."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from tests.support.welcomes import join, joined_at, welcome_due, welcomes_to

# The `clock` fixture: Monday 1 March 2027, 12:00 UTC.
NEW = "UNEW1"


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, moment: str) -> None:
    clock.move_to(moment)
    mentorbot.operations.tick()


def test_the_welcome_is_sent_on_their_first_working_morning_and_not_before(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")  # 04:00 on Monday there

    tick_at(mentorbot, clock, "2027-03-01 17:59")
    assert welcomes_to(slack, NEW) == []
    tick_at(mentorbot, clock, "2027-03-01 18:00")  # 10:00 in Los Angeles
    [welcome] = welcomes_to(slack, NEW)
    assert welcome.answered_ok
    assert welcome.args["text"] == EN["welcome.text"]


def test_auckland_and_los_angeles_joining_at_one_instant_are_welcomed_on_their_own_mornings(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    clock.move_to("2027-03-01 20:00")  # Tuesday 09:00 in Auckland, Monday 12:00 in Los Angeles
    join(driver, slack, "UKIWI", tz="Pacific/Auckland")
    join(driver, slack, "UCALI", tz="America/Los_Angeles")

    assert welcome_due(mentorbot, "UKIWI") == [utc("2027-03-01 21:00")]  # Tuesday 10:00 NZDT
    assert welcome_due(mentorbot, "UCALI") == [utc("2027-03-02 18:00")]  # Tuesday 10:00 PST
    tick_at(mentorbot, clock, "2027-03-01 21:00")
    assert (len(welcomes_to(slack, "UKIWI")), len(welcomes_to(slack, "UCALI"))) == (1, 0)
    tick_at(mentorbot, clock, "2027-03-02 18:00")
    assert (len(welcomes_to(slack, "UKIWI")), len(welcomes_to(slack, "UCALI"))) == (1, 1)


def test_someone_joining_on_friday_evening_is_welcomed_on_monday(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    clock.move_to("2027-03-05 18:00")  # Friday 19:00 in Amsterdam
    join(driver, slack, NEW)

    assert welcome_due(mentorbot, NEW) == [utc("2027-03-08 09:00")]
    tick_at(mentorbot, clock, "2027-03-06 09:00")  # Saturday
    assert welcomes_to(slack, NEW) == []


def test_kings_day_is_not_their_first_working_day(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    clock.move_to("2027-04-26 13:00")  # Monday afternoon; Tuesday 27 April is King's Day (HOLIDAY_COUNTRY=NL)
    join(driver, slack, NEW)

    assert welcome_due(mentorbot, NEW) == [utc("2027-04-28 08:00")]  # Wednesday 10:00 CEST


def test_a_dutch_joiner_is_welcomed_in_dutch(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    clock.move_to("2027-03-01 07:00")  # 08:00 in Amsterdam
    join(driver, slack, NEW, locale="nl-NL")

    tick_at(mentorbot, clock, "2027-03-01 09:00")
    [welcome] = welcomes_to(slack, NEW)
    blocks = json.dumps(welcome.args["blocks"], ensure_ascii=False)
    assert welcome.args["text"] == NL["welcome.text"]
    for key in ("welcome.programme", "welcome.buddy.button", "welcome.privacy"):
        assert NL[key] in blocks
    assert EN["welcome.buddy.button"] not in blocks


def test_the_welcome_says_what_the_programme_is_and_who_reads_what(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")

    tick_at(mentorbot, clock, "2027-03-01 18:00")
    [welcome] = welcomes_to(slack, NEW)
    blocks = json.dumps(welcome.args["blocks"], ensure_ascii=False)
    for key in ("welcome.title", "welcome.programme", "welcome.buddy.offer", "welcome.buddy.button", "welcome.privacy"):
        assert EN[key] in blocks
    assert f"<@{NEW}>" in blocks


NOT_WELCOMED = {
    "a bot": {"is_bot": True},
    "an app user": {"is_app_user": True},
    "a guest": {"is_restricted": True},
    "a single-channel guest": {"is_restricted": True, "is_ultra_restricted": True},
    "an ultra-restricted flag alone": {"is_ultra_restricted": True},
    "a deactivated account": {"deleted": True},
}


@pytest.mark.parametrize("flags", NOT_WELCOMED.values(), ids=NOT_WELCOMED.keys())
def test_bots_guests_and_deactivated_accounts_are_never_welcomed(
    clock: FrozenDateTimeFactory,
    driver: SlackDriver,
    slack: SlackStandIn,
    mentorbot: Mentorbot,
    flags: dict[str, Any],
) -> None:
    assert join(driver, slack, NEW, **flags).status == 200

    assert welcome_due(mentorbot, NEW) == []
    tick_at(mentorbot, clock, "2027-03-03 12:00")
    assert welcomes_to(slack, NEW) == []


def test_someone_who_already_has_a_profile_is_not_welcomed(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.interaction(profile_submission(NEW))  # a returning colleague whose profile the bot still has

    join(driver, slack, NEW)

    assert welcome_due(mentorbot, NEW) == []


def test_a_profile_made_before_the_welcome_was_due_stops_it(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")
    driver.interaction(profile_submission(NEW))  # found `/mentor profile` on their own

    tick_at(mentorbot, clock, "2027-03-01 18:00")
    assert welcomes_to(slack, NEW) == []


def test_someone_who_left_before_the_welcome_was_due_is_not_welcomed(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")
    driver.event({"type": "user_change", "user": {"id": NEW, "deleted": True}})

    tick_at(mentorbot, clock, "2027-03-01 18:00")
    assert welcomes_to(slack, NEW) == []


def test_a_repeated_event_or_a_second_team_join_welcomes_once(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles", event_id="EvJOIN")
    join(driver, slack, NEW, tz="America/Los_Angeles", event_id="EvJOIN")  # Slack's retry
    join(driver, slack, NEW, tz="America/Los_Angeles", event_id="EvOTHER")  # the same join, from another replica

    assert len(welcome_due(mentorbot, NEW)) == 1
    tick_at(mentorbot, clock, "2027-03-01 18:00")
    tick_at(mentorbot, clock, "2027-03-02 18:00")
    assert len(welcomes_to(slack, NEW)) == 1


@pytest.mark.parametrize("welcome_settings", [{"welcome_new_joiners": False}])
def test_nobody_is_welcomed_when_welcomes_are_off(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")

    assert welcome_due(mentorbot, NEW) == []
    tick_at(mentorbot, clock, "2027-03-02 18:00")
    assert welcomes_to(slack, NEW) == []
    assert joined_at(mentorbot, NEW) == utc("2027-03-01 12:00")  # still a newcomer in suggestions


def test_when_they_joined_is_kept_from_the_event(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    slack.add_user(NEW, "New One", tz="Europe/Amsterdam")
    event_ts = utc("2027-03-01 11:59:30").timestamp()
    user = {"id": NEW, "tz": "Europe/Amsterdam"}
    driver.event({"type": "team_join", "user": user, "event_ts": f"{event_ts:.6f}"})

    assert joined_at(mentorbot, NEW) == utc("2027-03-01 11:59:30")
    driver.event({"type": "team_join", "user": user})  # a later one (a re-invite): the first join stands
    assert joined_at(mentorbot, NEW) == utc("2027-03-01 11:59:30")


def test_a_welcome_more_than_three_days_late_is_not_sent(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")  # due Monday 18:00 UTC; the bot is down until Thursday

    tick_at(mentorbot, clock, "2027-03-04 18:01")
    assert welcomes_to(slack, NEW) == []


def test_a_welcome_a_little_late_is_still_sent(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW, tz="America/Los_Angeles")

    tick_at(mentorbot, clock, "2027-03-04 17:59")
    assert len(welcomes_to(slack, NEW)) == 1
