"""An evaluation is taken only from the day it was asked for, and only for the step that was asked."""

from __future__ import annotations

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from handlers.blocks.evaluations import OPEN
from storage.models import PairingStatus
from tests.factories import ALICE, DAAN
from tests.support.evaluations import END_STEP, MID_STEP, MIDPOINT, evaluate, evaluations, modal_text, tick_at
from tests.support.evaluations import pairing_status as status_of
from tests.support.handshake import dms_to

# Paired on Monday 1 March 2027 (tests/handlers/conftest.py): the midpoint is Tuesday 1 June, the end 1 September.


@pytest.mark.usefixtures("paired")
def test_the_end_evaluation_on_the_day_of_pairing_is_refused_and_nothing_is_kept(
    mentorbot: Mentorbot, slack: SlackStandIn, driver: SlackDriver
) -> None:
    mentorbot.operations.tick()

    alices = evaluate(driver, ALICE.user_id, END_STEP, choice="close")
    daans = evaluate(driver, DAAN.user_id, END_STEP, choice="close")

    assert modal_text(alices) == EN["evaluation.not_yet"]
    assert modal_text(daans) == NL["evaluation.not_yet"]
    assert evaluations(mentorbot) == []
    assert status_of(mentorbot) == PairingStatus.ACTIVE.value
    closed = EN["evaluation.closed"].format(other=f"<@{DAAN.user_id}>")
    assert closed not in [call.args["text"] for call in dms_to(slack, ALICE.user_id)]


@pytest.mark.usefixtures("paired")
def test_the_midpoint_evaluation_the_evening_before_its_day_is_refused(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    # 31 May, 23:00 in New York: already 1 June in UTC and in Amsterdam, not yet for Alice.
    tick_at(mentorbot, clock, "2027-06-01 03:00")

    driver.click(ALICE.user_id, OPEN, MID_STEP)
    answer = evaluate(driver, ALICE.user_id, MID_STEP)
    driver.event(home_opened(ALICE.user_id))

    assert slack.calls_to("response_url")[-1].args["text"] == EN["evaluation.not_yet"]
    assert modal_text(answer) == EN["evaluation.not_yet"]
    assert evaluations(mentorbot) == []
    assert "evaluation.open" not in str(slack.calls_to("views.publish")[-1].args["view"])


@pytest.mark.usefixtures("paired")
def test_at_the_midpoint_only_the_midpoint_evaluation_is_open(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)

    early_end = evaluate(driver, ALICE.user_id, END_STEP, choice="continue")
    midpoint = evaluate(driver, ALICE.user_id, MID_STEP)

    assert modal_text(early_end) == EN["evaluation.not_yet"]
    assert modal_text(midpoint) == EN["evaluation.done"].format(other=f"<@{DAAN.user_id}>")
    assert [(side, step) for side, step, *_ in evaluations(mentorbot)] == [("mentee", 0)]
