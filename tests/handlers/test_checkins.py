"""The check-in rhythm through the real app: prompts at each person's local hour, answered in one click."""

from __future__ import annotations

import logging
from collections.abc import Callable

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import END, LATER, MET_CALLBACK, PAUSE, PAUSE_CALLBACK, YES
from handlers.blocks.handshake import ACCEPT
from storage.models import PairingStatus
from tests.factories import ALICE, DAAN
from tests.support.checkins import asks_to, cadence_choice, met, nudges, pause_until, status_of, tick_at, value_of
from tests.support.handshake import ask, request_id

Profile = Callable[..., None]
# 2027: Monday 1 March. Alice (mentee) is in New York, Daan (mentor) in Amsterdam; biweekly check-ins.
# The first period runs 1–14 March; 'did you meet?' comes on Thursday 11 March at 10:00 local:
# 09:00 UTC for Daan (CET), 15:00 UTC for Alice (EST).
DAAN_ASKED, ALICE_ASKED = "2027-03-11 09:00", "2027-03-11 15:00"


@pytest.fixture
def paired(clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> int:
    """Alice and Daan, paired through the app; the pairing's id."""
    profile(ALICE.user_id, goals="Python, code review, SQL")
    profile(DAAN.user_id, role="mentor", skills="Python, code review")
    ask(driver, ALICE.user_id, DAAN.user_id)
    driver.click(DAAN.user_id, ACCEPT, request_id(slack, DAAN.user_id))
    return 1


def dm_texts(slack: SlackStandIn, user_id: str) -> list[str]:
    return [str(call.args["text"]) for call in slack.calls_to("chat.postMessage") if call.args["channel"] == user_id]


@pytest.mark.usefixtures("paired")
def test_each_person_is_asked_at_ten_on_their_own_clock(
    mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, "2027-03-11 08:59")
    assert asks_to(slack, DAAN.user_id) == []

    tick_at(mentorbot, clock, DAAN_ASKED)
    assert len(asks_to(slack, DAAN.user_id)) == 1
    assert asks_to(slack, ALICE.user_id) == []
    assert NL["checkin.ask.yes"] in str(asks_to(slack, DAAN.user_id)[0].args)

    tick_at(mentorbot, clock, ALICE_ASKED)
    tick_at(mentorbot, clock, "2027-03-11 16:00")
    assert len(asks_to(slack, ALICE.user_id)) == 1
    assert len(asks_to(slack, DAAN.user_id)) == 1


@pytest.mark.usefixtures("paired")
def test_the_pair_is_nudged_at_the_start_of_the_next_period_inside_both_working_days(
    mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, "2027-03-14 11:00")  # the second period opens (planned ahead of Monday)
    tick_at(mentorbot, clock, "2027-03-15 12:59")
    assert nudges(slack) == []

    # 09:00 in New York (on summer time since Sunday) is 14:00 in Amsterdam (not yet): 13:00 UTC.
    tick_at(mentorbot, clock, "2027-03-15 13:00")
    [nudge] = nudges(slack)
    assert nudge.args["channel"].startswith("G") or nudge.args["channel"].startswith("C")
    assert "code review" in str(nudge.args["blocks"])  # the second of Alice's goals: not the first period's


@pytest.mark.usefixtures("paired")
def test_one_partners_we_met_closes_the_period_for_both(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, DAAN_ASKED)
    value = value_of(asks_to(slack, DAAN.user_id)[0])
    driver.click(DAAN.user_id, YES, value)
    assert slack.calls_to("views.open")[-1].args["view"]["callback_id"] == MET_CALLBACK

    answer = met(driver, DAAN.user_id, value)

    assert answer["response_action"] == "update"
    assert any("logged" in text or "vastgelegd" in text for text in dm_texts(slack, ALICE.user_id))
    tick_at(mentorbot, clock, ALICE_ASKED)
    assert asks_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("paired")
def test_we_met_twice_or_by_the_partner_after_changes_nothing_and_says_so(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, DAAN_ASKED)
    value = value_of(asks_to(slack, DAAN.user_id)[0])
    met(driver, DAAN.user_id, value)
    told = len(dm_texts(slack, ALICE.user_id))

    again = met(driver, DAAN.user_id, value)
    partner = met(driver, ALICE.user_id, value)

    assert NL["checkin.closed"] in str(again)
    assert EN["checkin.closed"] in str(partner)
    assert len(dm_texts(slack, ALICE.user_id)) == told


@pytest.mark.usefixtures("paired")
def test_not_yet_asks_again_two_working_days_later_at_prompt_time(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, ALICE_ASKED)
    value = value_of(asks_to(slack, ALICE.user_id)[0])

    driver.click(ALICE.user_id, LATER, value)
    driver.click(ALICE.user_id, LATER, value)  # twice: still one reminder

    assert "2027-03-15" in str(slack.calls_to("response_url")[-1].args["text"])
    tick_at(mentorbot, clock, "2027-03-15 13:59")
    assert len(asks_to(slack, ALICE.user_id)) == 1
    tick_at(mentorbot, clock, "2027-03-15 14:00")  # Monday 10:00 in New York (EDT)
    tick_at(mentorbot, clock, "2027-03-15 15:00")
    assert len(asks_to(slack, ALICE.user_id)) == 2


@pytest.mark.usefixtures("paired")
def test_a_pause_stops_the_prompts_and_both_are_told_when_it_resumes(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    driver.click(DAAN.user_id, PAUSE, "1:0")
    assert slack.calls_to("views.open")[-1].args["view"]["callback_id"] == PAUSE_CALLBACK

    answer = pause_until(driver, DAAN.user_id, "1", "2027-04-01")

    assert answer["response_action"] == "update"
    assert status_of(mentorbot) == PairingStatus.PAUSED.value
    assert any("paused" in text for text in dm_texts(slack, ALICE.user_id))
    for moment in (DAAN_ASKED, ALICE_ASKED, "2027-03-25 15:00", "2027-03-31 20:00"):
        tick_at(mentorbot, clock, moment)
    assert asks_to(slack, ALICE.user_id) == asks_to(slack, DAAN.user_id) == []

    tick_at(mentorbot, clock, "2027-04-01 08:00")  # Thursday 10:00 in Amsterdam (CEST)
    tick_at(mentorbot, clock, "2027-04-01 14:00")  # Thursday 10:00 in New York (EDT)
    assert status_of(mentorbot) == PairingStatus.ACTIVE.value
    assert any("resumes" in text for text in dm_texts(slack, ALICE.user_id))
    assert any("hervat" in text for text in dm_texts(slack, DAAN.user_id))


@pytest.mark.usefixtures("paired")
def test_a_pause_more_than_three_months_ahead_is_refused_on_the_field(
    mentorbot: Mentorbot, driver: SlackDriver
) -> None:
    answer = pause_until(driver, DAAN.user_id, "1", "2027-07-01")

    assert answer == {"response_action": "errors", "errors": {"date": NL["checkin.pause.error.too_far"]}}
    assert status_of(mentorbot) == PairingStatus.ACTIVE.value


@pytest.mark.usefixtures("paired")
def test_ending_tells_both_frees_the_place_and_later_clicks_change_nothing(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, DAAN_ASKED)
    value = value_of(asks_to(slack, DAAN.user_id)[0])

    driver.click(DAAN.user_id, END, value)

    assert status_of(mentorbot) == PairingStatus.ENDED.value
    assert any("ended" in text for text in dm_texts(slack, ALICE.user_id))
    assert any("gestopt" in text for text in dm_texts(slack, DAAN.user_id))
    driver.click(DAAN.user_id, END, value)
    assert NL["checkin.ended"] in str(slack.calls_to("response_url")[-1].args["text"])
    assert NL["checkin.ended"] in str(met(driver, DAAN.user_id, value))
    tick_at(mentorbot, clock, ALICE_ASKED)
    assert asks_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("paired")
def test_a_cadence_change_moves_the_question_and_tells_the_partner(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    payload_value = {"type": "static_select", "selected_option": {"value": "1:weekly"}}
    driver.interaction(cadence_choice(ALICE.user_id, payload_value, slack))

    assert any("every week" not in t and "elke week" in t for t in dm_texts(slack, DAAN.user_id))
    # Weekly from 1 March: the question comes on Thursday 4 March instead.
    tick_at(mentorbot, clock, "2027-03-04 09:00")
    assert len(asks_to(slack, DAAN.user_id)) == 1


@pytest.mark.usefixtures("paired")
def test_after_downtime_each_missed_prompt_is_sent_once_at_the_next_working_day_prompt_time(
    mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    mentorbot.operations.tick()  # planned on Monday; then the bot is down until Thursday night
    tick_at(mentorbot, clock, "2027-03-12 02:00")  # 03:00 in Amsterdam, 21:00 in New York: not now
    assert asks_to(slack, DAAN.user_id) == asks_to(slack, ALICE.user_id) == []

    tick_at(mentorbot, clock, "2027-03-12 09:00")  # Friday 10:00 in Amsterdam
    tick_at(mentorbot, clock, "2027-03-12 15:00")  # Friday 10:00 in New York
    tick_at(mentorbot, clock, "2027-03-12 16:00")

    assert len(asks_to(slack, DAAN.user_id)) == len(asks_to(slack, ALICE.user_id)) == 1


@pytest.mark.usefixtures("paired")
def test_a_prompt_older_than_the_maximum_age_expires_with_a_log_line(
    mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory, caplog: pytest.LogCaptureFixture
) -> None:
    mentorbot.operations.tick()
    caplog.set_level(logging.WARNING)

    tick_at(mentorbot, clock, "2027-03-19 03:00")  # eight days after they were due

    assert asks_to(slack, DAAN.user_id) == asks_to(slack, ALICE.user_id) == []
    assert sum("expired unsent" in record.getMessage() for record in caplog.records) == 2


def test_mentor_pause_and_end_from_the_command_line(
    paired: int, mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn
) -> None:
    driver.command(ALICE.user_id, "pause")
    assert slack.calls_to("views.open")[-1].args["view"]["callback_id"] == PAUSE_CALLBACK

    driver.command(ALICE.user_id, "end")
    reply = slack.calls_to("response_url")[-1].args
    assert EN["checkin.choose.end"] in str(reply["text"])
    assert f"<@{DAAN.user_id}>" in str(reply["blocks"])
