"""What the forms promise about private texts, and the tick keeping it: a check-in note is deleted
NOTE_RETENTION_DAYS after it was logged, a decline reason 90 days after the answer."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select

from bot.app import Mentorbot
from bot.i18n import EN, Language, Translator
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.payloads import text_submission, view_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import MET_CALLBACK, YES
from handlers.blocks.handshake import DECLINE
from storage.db import make_session_factory
from storage.models import Checkin, PairingRequest
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN, FINN
from tests.support.handshake import ask, request_id

Profile = Callable[..., None]
DAYS = 30


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, note_retention_days=DAYS)


def hints(view: dict[str, object]) -> list[str]:
    blocks = view["blocks"]
    assert isinstance(blocks, list)
    return [block["hint"]["text"] for block in blocks if "hint" in block]


def log_a_note(driver: SlackDriver, user_id: str, note: str) -> None:
    values = {
        "date": {"value": {"type": "datepicker", "selected_date": "2027-03-01"}},
        "note": {"value": {"type": "plain_text_input", "value": note}},
    }
    assert driver.interaction(view_submission(user_id, MET_CALLBACK, values, "1:0")).json()["response_action"]


def kept(mentorbot: Mentorbot) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(logged_by, note) of each check-in and (status, decline_reason) of each request."""
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        notes = [(c.logged_by, c.note) for c in uow.session.execute(select(Checkin)).scalars()]
        reasons = [(r.status, r.decline_reason) for r in uow.session.execute(select(PairingRequest)).scalars()]
    return notes, reasons


@pytest.mark.usefixtures("paired")
def test_the_we_met_dialog_says_who_reads_the_note_and_when_it_goes(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.click(ALICE.user_id, YES, "1:0")

    view = slack.calls_to("views.open")[-1].args["view"]
    assert hints(view) == [Translator(Language.EN)("checkin.met.topics.hint", count=DAYS)]
    assert "30 days" in hints(view)[0]


@pytest.mark.usefixtures("paired")
def test_a_check_in_note_is_deleted_by_the_tick_once_its_days_are_over(
    mentorbot: Mentorbot, driver: SlackDriver, clock: FrozenDateTimeFactory
) -> None:
    log_a_note(driver, ALICE.user_id, "we talked about reviews")

    clock.tick(timedelta(days=DAYS) - timedelta(minutes=1))
    mentorbot.operations.tick()
    assert kept(mentorbot)[0] == [(ALICE.user_id, "we talked about reviews")]

    clock.tick(timedelta(minutes=2))
    report = mentorbot.operations.tick()
    assert report.notes_forgotten == 1
    assert kept(mentorbot)[0] == [(ALICE.user_id, "")]  # the check-in itself stays: the rhythm counts it


def test_a_decline_reason_is_promised_and_kept_ninety_days_only(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", skills="Python")
    profile(FINN.user_id, goals="Python")
    ask(driver, FINN.user_id, DAAN.user_id)
    request = request_id(slack, DAAN.user_id)

    driver.click(DAAN.user_id, DECLINE, request)
    assert hints(slack.calls_to("views.open")[-1].args["view"])[-1] == Translator(Language.NL)(
        "decline.reason.hint", days=90
    )
    driver.interaction(text_submission(DAAN.user_id, "decline", request, "too busy this quarter"))

    clock.tick(timedelta(days=89))
    mentorbot.operations.tick()
    assert kept(mentorbot)[1] == [("declined", "too busy this quarter")]
    clock.tick(timedelta(days=1, minutes=1))
    assert mentorbot.operations.tick().reasons_forgotten == 1
    assert kept(mentorbot)[1] == [("declined", "")]
    assert "90 days" in EN["decline.reason.hint"].format(days=90)
