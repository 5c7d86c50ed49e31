"""What people type, pick or click that the bot did not offer: refused on the field or privately, never a 500."""

from __future__ import annotations

from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import func, select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission, view_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import LATER, MET_CALLBACK, PAUSE, PAUSE_CALLBACK, YES
from storage.db import make_session_factory
from storage.models import Checkin, Evaluation, Feedback, OutboxRow, PairingStatus
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, DAAN
from tests.support.checkins import asks_to, met, pause_until, status_of, tick_at, value_of
from tests.support.evaluations import MID_STEP, MIDPOINT, evaluate
from tests.support.evaluations import tick_at as tick_days_at

NOT_NUMBERS = {"superscript two": "²", "five thousand digits": "9" * 5000, "minus one": "-1", "arabic three": "٣"}
TYPED = "we talked\x00 about\x1b SQL\ud800"  # NUL, ESC, a lone surrogate: PostgreSQL takes none of them
CLEAN = "we talked about SQL"


def rows(mentorbot: Mentorbot, column: Any) -> list[Any]:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return list(uow.session.execute(select(column)).scalars())


def outbox_rows(mentorbot: Mentorbot) -> int:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return int(uow.session.execute(select(func.count()).select_from(OutboxRow)).scalar_one())


def met_with(driver: SlackDriver, user_id: str, note: str, *, multiline: bool = True) -> Any:
    """'We met' with a note, and the view's blocks as Slack sends them back (the note's element multi-line)."""
    values = {
        "date": {"value": {"type": "datepicker", "selected_date": "2027-03-01"}},
        "note": {"value": {"type": "plain_text_input", "value": note}},
    }
    payload = view_submission(user_id, MET_CALLBACK, values, "1:0")
    element = {"type": "plain_text_input", "action_id": "value", "multiline": multiline}
    payload["view"]["blocks"] = [{"type": "input", "block_id": "note", "element": element}]
    return driver.interaction(payload).json()


def last_reply(slack: SlackStandIn) -> str:
    return str(slack.calls_to("response_url")[-1].args["text"])


# -- numbers: ASCII digits within their range, or an error on the field --------------------------------


@pytest.mark.usefixtures("paired")
@pytest.mark.parametrize("raw", NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys())
def test_a_progress_that_is_not_one_to_five_in_digits_is_refused_on_its_field(
    mentorbot: Mentorbot, driver: SlackDriver, raw: str
) -> None:
    answer = met(driver, ALICE.user_id, "1:0", day="2027-03-01", progress=raw)

    assert answer == {"response_action": "errors", "errors": {"progress": EN["checkin.met.error.progress"]}}
    assert rows(mentorbot, col(Checkin.id)) == []


@pytest.mark.usefixtures("paired")
@pytest.mark.parametrize("raw", NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys())
def test_an_evaluation_score_that_is_not_one_to_five_in_digits_is_refused_on_the_form(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, raw: str
) -> None:
    tick_days_at(mentorbot, clock, MIDPOINT)

    answer = evaluate(driver, ALICE.user_id, MID_STEP, scores=raw)

    assert answer["response_action"] == "errors"
    assert set(answer["errors"].values()) == {EN["evaluation.error.score"]}
    assert rows(mentorbot, col(Evaluation.id)) == []


@pytest.mark.parametrize("raw", NOT_NUMBERS.values(), ids=NOT_NUMBERS.keys())
def test_a_capacity_that_is_not_one_to_five_in_digits_is_refused_on_its_field(driver: SlackDriver, raw: str) -> None:
    answer = driver.interaction(profile_submission(ALICE.user_id, role="mentor", skills="Python", capacity=raw))

    assert answer.status == 200
    assert answer.json() == {"response_action": "errors", "errors": {"capacity": EN["profile.error.capacity"]}}


# -- control characters: stripped from whatever was typed, in every dialog ------------------------------


@pytest.mark.usefixtures("paired")
def test_control_characters_in_a_check_in_note_are_left_out_and_newlines_kept(
    mentorbot: Mentorbot, driver: SlackDriver
) -> None:
    answer = met_with(driver, ALICE.user_id, TYPED + "\nand\tmore")

    assert answer["response_action"] == "update"
    assert rows(mentorbot, col(Checkin.note)) == [CLEAN + "\nand\tmore"]


@pytest.mark.usefixtures("paired")
def test_a_single_line_field_gets_no_line_breaks_either(mentorbot: Mentorbot, driver: SlackDriver) -> None:
    met_with(driver, ALICE.user_id, "one\ntwo\tthree", multiline=False)

    assert rows(mentorbot, col(Checkin.note)) == ["one two three"]


@pytest.mark.usefixtures("paired")
def test_control_characters_in_an_evaluation_comment_are_left_out(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    tick_days_at(mentorbot, clock, MIDPOINT)

    answer = evaluate(driver, ALICE.user_id, MID_STEP, comment=TYPED)

    assert answer["response_action"] == "update"
    assert rows(mentorbot, col(Feedback.comment)) == [CLEAN]


def test_control_characters_in_a_profile_are_left_out(mentorbot: Mentorbot, driver: SlackDriver) -> None:
    answer = driver.interaction(profile_submission(DAAN.user_id, role="both", skills=TYPED, goals="Go\x00lang"))

    assert answer.json()["response_action"] == "update"
    saved = mentorbot.services.profiles.get(DAAN.user_id)
    assert saved is not None
    assert (saved.skills, saved.goals) == (CLEAN, "Golang")


# -- dates: one that doesn't exist is called that ----------------------------------------------------------


@pytest.mark.usefixtures("paired")
def test_a_meeting_on_a_date_that_does_not_exist_is_told_so(mentorbot: Mentorbot, driver: SlackDriver) -> None:
    answer = met(driver, ALICE.user_id, "1:0", day="2027-02-30")

    assert answer == {"response_action": "errors", "errors": {"date": EN["checkin.date.error.no_such_day"]}}
    assert rows(mentorbot, col(Checkin.id)) == []


@pytest.mark.usefixtures("paired")
@pytest.mark.parametrize("day", ["2027-02-30", "2027-04-31", "20270401", "2027-W13-4"])
def test_a_pause_until_a_date_that_does_not_exist_is_told_so(
    mentorbot: Mentorbot, driver: SlackDriver, day: str
) -> None:
    answer = pause_until(driver, DAAN.user_id, "1", day)

    assert answer == {"response_action": "errors", "errors": {"date": NL["checkin.date.error.no_such_day"]}}
    assert status_of(mentorbot) == PairingStatus.ACTIVE.value


# -- buttons: a period that isn't the one being asked about, someone else's pairing -------------------------


@pytest.mark.usefixtures("paired")
@pytest.mark.parametrize("period", ["999999", "1"])
def test_remind_me_for_a_period_not_under_way_is_refused_and_writes_nothing(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, period: str
) -> None:
    before = outbox_rows(mentorbot)

    driver.click(ALICE.user_id, LATER, f"1:{period}")

    assert last_reply(slack) == EN["checkin.not_current"]
    assert outbox_rows(mentorbot) == before


@pytest.mark.usefixtures("paired")
def test_we_met_for_a_period_not_under_way_opens_no_dialog(driver: SlackDriver, slack: SlackStandIn) -> None:
    opened = len(slack.calls_to("views.open"))

    driver.click(ALICE.user_id, YES, "1:999999")

    assert len(slack.calls_to("views.open")) == opened
    assert last_reply(slack) == EN["checkin.not_current"]


@pytest.mark.usefixtures("paired")
def test_a_we_met_for_a_period_not_under_way_is_refused(mentorbot: Mentorbot, driver: SlackDriver) -> None:
    answer = met(driver, ALICE.user_id, "1:7", day="2027-03-01")

    assert EN["checkin.not_current"] in str(answer)
    assert rows(mentorbot, col(Checkin.id)) == []


@pytest.mark.usefixtures("paired")
def test_last_periods_question_may_still_be_answered_once_the_next_period_began(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    tick_at(mentorbot, clock, "2027-03-11 15:00")
    value = value_of(asks_to(slack, ALICE.user_id)[0])
    tick_at(mentorbot, clock, "2027-03-15 14:00")  # the second period is under way

    driver.click(ALICE.user_id, LATER, value)
    assert "2027-03-17" in last_reply(slack)
    opened = len(slack.calls_to("views.open"))
    driver.click(ALICE.user_id, YES, value)
    assert slack.calls_to("views.open")[opened:][0].args["view"]["callback_id"] == MET_CALLBACK


@pytest.mark.usefixtures("paired")
@pytest.mark.parametrize("button", [YES, PAUSE])
def test_someone_elses_pairing_opens_no_dialog_and_is_answered_privately(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, button: str
) -> None:
    before, opened = outbox_rows(mentorbot), len(slack.calls_to("views.open"))

    driver.click(BEA.user_id, button, "1:0")

    assert len(slack.calls_to("views.open")) == opened
    assert last_reply(slack) == EN["checkin.not_yours"]
    assert outbox_rows(mentorbot) == before


@pytest.mark.usefixtures("paired")
def test_someone_elses_pause_dialog_changes_nothing(mentorbot: Mentorbot, driver: SlackDriver) -> None:
    answer = driver.interaction(
        view_submission(BEA.user_id, PAUSE_CALLBACK, {"date": {"value": {"selected_date": "2027-04-01"}}}, "1")
    ).json()

    assert EN["checkin.not_yours"] in str(answer)
    assert status_of(mentorbot) == PairingStatus.ACTIVE.value
