"""Evaluations at the midpoint and the end: a short form, kept for figures only, and the choice to continue."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import END as END_CLICK
from handlers.blocks.evaluations import CALLBACK, OPEN
from storage.db import make_session_factory
from storage.models import OutboxRow, OutboxState, PairingStatus, Rhythm
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN, HOSTILE
from tests.support.evaluations import (
    END,
    END_STEP,
    MID_STEP,
    MIDPOINT,
    anonymous_scores,
    evaluate,
    evaluations,
    modal_text,
    pairing_status,
    tick_at,
)
from tests.support.handshake import dms_to

Profile = Callable[..., None]


def invitations_to(slack: SlackStandIn, user_id: str) -> list[dict[str, Any]]:
    found = []
    for call in dms_to(slack, user_id):
        elements = [e for b in call.args.get("blocks") or [] if b["type"] == "actions" for e in b["elements"]]
        found += [call.args for e in elements if e.get("action_id") == OPEN]
    return found


@pytest.mark.usefixtures("paired")
def test_the_midpoint_evaluation_arrives_at_each_persons_hour(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn
) -> None:
    tick_at(mentorbot, clock, "2027-06-01 07:59")
    assert invitations_to(slack, DAAN.user_id) == []

    tick_at(mentorbot, clock, "2027-06-01 08:00")
    [daans] = invitations_to(slack, DAAN.user_id)
    assert daans["text"] == NL["evaluation.ask.midpoint"].format(other=f"<@{ALICE.user_id}>")
    assert invitations_to(slack, ALICE.user_id) == []

    tick_at(mentorbot, clock, MIDPOINT)
    assert len(invitations_to(slack, ALICE.user_id)) == 1


@pytest.mark.usefixtures("paired")
def test_an_evaluation_is_stored_and_never_shown_to_the_other_person(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)
    driver.click(ALICE.user_id, OPEN, MID_STEP)
    assert slack.calls_to("views.open")[-1].args["view"]["callback_id"] == CALLBACK
    seen_before = len(slack.calls)

    answer = evaluate(driver, ALICE.user_id, MID_STEP, scores="5", comment="secret " + HOSTILE[0])

    assert modal_text(answer) == EN["evaluation.done"].format(other=f"<@{DAAN.user_id}>")
    assert evaluations(mentorbot) == [("mentee", 0, None)]
    comment = "secret " + HOSTILE[0]
    assert anonymous_scores(mentorbot) == [
        ("evaluation.midpoint", "mentee", "Engineering", "2027-W22", 5, 5, 5, comment)
    ]
    assert not any("secret" in str(call.args) for call in slack.calls[seen_before:])


@pytest.mark.usefixtures("paired")
def test_an_end_evaluation_keeps_the_choice_with_the_pairing_and_the_scores_apart(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, END)

    evaluate(driver, DAAN.user_id, END_STEP, scores="2", choice="close")

    assert evaluations(mentorbot) == [("mentor", 1, False)]
    assert anonymous_scores(mentorbot) == [("evaluation.end", "mentor", "Engineering", "2027-W35", 2, 2, 2, "")]


@pytest.mark.usefixtures("paired")
def test_an_evaluation_given_twice_counts_once(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)
    evaluate(driver, ALICE.user_id, MID_STEP)

    again = evaluate(driver, ALICE.user_id, MID_STEP, scores="1")
    driver.click(ALICE.user_id, OPEN, MID_STEP)

    assert modal_text(again) == EN["evaluation.already"]
    assert slack.calls_to("response_url")[-1].args["text"] == EN["evaluation.already"]
    assert evaluations(mentorbot) == [("mentee", 0, None)]
    assert [kept[4] for kept in anonymous_scores(mentorbot)] == [4]


@pytest.mark.usefixtures("paired")
def test_a_score_out_of_range_is_refused_on_the_form(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)

    answer = evaluate(driver, ALICE.user_id, MID_STEP, scores="9")

    assert answer["response_action"] == "errors"
    assert evaluations(mentorbot) == []
    assert anonymous_scores(mentorbot) == []


@pytest.mark.usefixtures("paired")
def test_the_end_evaluation_before_its_time_is_not_open(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)

    answer = evaluate(driver, ALICE.user_id, "1:2", choice="continue")  # the next period's: not yet

    assert modal_text(answer) == EN["evaluation.not_yet"]


@pytest.mark.usefixtures("paired")
def test_when_both_choose_to_continue_the_pairing_goes_on_for_another_period(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, END)
    assert len(invitations_to(slack, ALICE.user_id)) == len(invitations_to(slack, DAAN.user_id)) == 1

    first = evaluate(driver, ALICE.user_id, END_STEP, choice="continue")
    second = evaluate(driver, DAAN.user_id, END_STEP, choice="continue")

    assert modal_text(first) == EN["evaluation.done"].format(other=f"<@{DAAN.user_id}>")
    assert modal_text(second) == NL["evaluation.done.continues"].format(other=f"<@{ALICE.user_id}>")
    assert pairing_status(mentorbot) == PairingStatus.ACTIVE.value
    assert EN["evaluation.continues"].format(other=f"<@{DAAN.user_id}>") in [
        call.args["text"] for call in dms_to(slack, ALICE.user_id)
    ]
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        assert uow.session.execute(select(Rhythm)).scalar_one().programme_round == 1
    tick_at(mentorbot, clock, "2027-12-01 15:00")  # the next period's midpoint (New York, winter time)
    assert len(invitations_to(slack, ALICE.user_id)) == 2


@pytest.mark.usefixtures("paired")
def test_when_one_chooses_to_close_the_pairing_closes_kindly_for_both(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, END)

    evaluate(driver, DAAN.user_id, END_STEP, choice="close")
    last = evaluate(driver, ALICE.user_id, END_STEP, choice="continue")

    assert modal_text(last) == EN["evaluation.done.closed"].format(other=f"<@{DAAN.user_id}>")
    assert pairing_status(mentorbot) == PairingStatus.ENDED.value
    closed_for_alice = EN["evaluation.closed"].format(other=f"<@{DAAN.user_id}>")
    closed_for_daan = NL["evaluation.closed"].format(other=f"<@{ALICE.user_id}>")
    assert closed_for_alice in [call.args["text"] for call in dms_to(slack, ALICE.user_id)]
    assert closed_for_daan in [call.args["text"] for call in dms_to(slack, DAAN.user_id)]
    # Late: the form's button, once it closed, changes nothing.
    driver.click(ALICE.user_id, OPEN, END_STEP)
    assert slack.calls_to("response_url")[-1].args["text"] == EN["checkin.ended"]
    # ... and it stays in their history.
    driver.command(ALICE.user_id, "status")
    assert f"<@{DAAN.user_id}>" in str(slack.calls_to("response_url")[-1].args)


@pytest.mark.usefixtures("paired")
def test_app_home_shows_evaluations_waiting_and_the_end_coming(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, MIDPOINT)
    driver.event(home_opened(ALICE.user_id))
    assert EN["evaluation.home.waiting"].format(other=f"<@{DAAN.user_id}>") in str(
        slack.calls_to("views.publish")[-1].args["view"]
    )

    evaluate(driver, ALICE.user_id, MID_STEP)
    clock.move_to("2027-08-25 12:00")
    driver.event(home_opened(ALICE.user_id))
    home = str(slack.calls_to("views.publish")[-1].args["view"])
    assert "evaluation.open" not in home
    assert "Your mentorship with" in home
    assert "reaches the end of its programme period" in home


@pytest.mark.usefixtures("paired")
def test_ending_the_pairing_cancels_the_evaluations_still_waiting(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, "2027-06-01 07:59")  # the midpoint's invitations written, due at each one's hour

    driver.click(DAAN.user_id, END_CLICK, "1:0")

    assert pairing_status(mentorbot) == PairingStatus.ENDED.value
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        rows = uow.session.execute(select(OutboxRow).where(col(OutboxRow.kind) == "evaluation.ask")).scalars()
        assert sorted((row.recipient, row.state) for row in rows) == [
            (ALICE.user_id, OutboxState.CANCELLED.value),
            (DAAN.user_id, OutboxState.CANCELLED.value),
        ]
    tick_at(mentorbot, clock, MIDPOINT)
    assert invitations_to(slack, ALICE.user_id) == invitations_to(slack, DAAN.user_id) == []
