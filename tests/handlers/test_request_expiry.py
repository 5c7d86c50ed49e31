"""Requests nobody answers expire after three working days in the mentor's zone; both sides told, once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT
from storage.db import make_session_factory
from storage.models import Pairing, PairingRequest, RequestStatus
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, CHEN, DAAN
from tests.support.handshake import ask, dms_to, request_id

Profile = Callable[..., None]
# Friday 5 March 2027, 14:00 UTC: 15:00 for Daan in Amsterdam, so his three working days end on
# Wednesday 10 March at 15:00 his time (14:00 UTC).
SENT, JUST_BEFORE, EXPIRES = "2027-03-05 14:00", "2027-03-10 13:59", "2027-03-10 14:00"


@pytest.fixture
def clock() -> Iterator[FrozenDateTimeFactory]:
    with freeze_time(SENT) as frozen:
        assert isinstance(frozen, FrozenDateTimeFactory)
        yield frozen


@pytest.fixture
def alice_asked_daan(clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> str:
    """Alice asks Daan on a Friday afternoon; Bea could mentor her too. The request's id."""
    profile(ALICE.user_id, goals="Python, code review")
    profile(DAAN.user_id, role="mentor", skills="Python, code review")
    profile(BEA.user_id, role="mentor", skills="Python")
    ask(driver, ALICE.user_id, DAAN.user_id)
    return request_id(slack, DAAN.user_id)


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, moment: str) -> int:
    clock.move_to(moment)
    return mentorbot.operations.tick().requests_expired


def status_of(mentorbot: Mentorbot, mentee_id: str, mentor_id: str) -> RequestStatus:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        rows = uow.session.execute(select(PairingRequest)).scalars()
        [row] = [r for r in rows if (r.mentee_id, r.mentor_id) == (mentee_id, mentor_id)]
        return RequestStatus(row.status)


def suggested(message: dict[str, Any]) -> list[str]:
    return [str(b["accessory"]["value"]) for b in message["blocks"] if isinstance(b.get("accessory"), dict)]


def test_a_request_waits_through_the_weekend_until_three_working_days_are_up(
    alice_asked_daan: str, mentorbot: Mentorbot, clock: FrozenDateTimeFactory
) -> None:
    assert tick_at(mentorbot, clock, "2027-03-08 14:00") == 0  # Monday: the weekend didn't count
    assert tick_at(mentorbot, clock, JUST_BEFORE) == 0
    assert status_of(mentorbot, ALICE.user_id, DAAN.user_id) is RequestStatus.PENDING

    assert tick_at(mentorbot, clock, EXPIRES) == 1

    assert status_of(mentorbot, ALICE.user_id, DAAN.user_id) is RequestStatus.EXPIRED


def test_the_mentee_is_told_kindly_and_shown_the_next_mentor(
    alice_asked_daan: str, mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn
) -> None:
    tick_at(mentorbot, clock, EXPIRES)

    told = dms_to(slack, ALICE.user_id)[-1].args
    assert EN["request.expired.mentee"].format(mentor=f"<@{DAAN.user_id}>") in told["text"]
    assert suggested(told) == [BEA.user_id]  # never Daan again


def test_the_mentors_copy_says_it_expired_and_a_late_accept_changes_nothing(
    alice_asked_daan: str,
    mentorbot: Mentorbot,
    clock: FrozenDateTimeFactory,
    slack: SlackStandIn,
    driver: SlackDriver,
) -> None:
    tick_at(mentorbot, clock, EXPIRES)

    update = slack.calls_to("chat.update")[-1]
    assert update.args["text"] == NL["request.expired.mentor"].format(mentee=f"<@{ALICE.user_id}>")  # Daan: Dutch
    assert not any(block["type"] == "actions" for block in update.args["blocks"])

    driver.click(DAAN.user_id, ACCEPT, alice_asked_daan)
    driver.click(DAAN.user_id, ACCEPT, alice_asked_daan)

    assert [call.args["text"] for call in slack.calls_to("response_url")[-2:]] == [NL["request.closed.expired"]] * 2
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        assert list(uow.session.execute(select(Pairing)).scalars()) == []


def test_a_request_expires_once_however_often_the_tick_runs(
    alice_asked_daan: str, mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn
) -> None:
    tick_at(mentorbot, clock, EXPIRES)
    posts = len(slack.calls_to("chat.postMessage"))

    assert tick_at(mentorbot, clock, "2027-03-10 14:01") == 0
    assert tick_at(mentorbot, clock, "2027-03-11 14:00") == 0
    assert len(slack.calls_to("chat.postMessage")) == posts


def test_a_request_accepted_in_time_never_expires(
    alice_asked_daan: str,
    mentorbot: Mentorbot,
    clock: FrozenDateTimeFactory,
    slack: SlackStandIn,
    driver: SlackDriver,
) -> None:
    clock.move_to(JUST_BEFORE)
    driver.click(DAAN.user_id, ACCEPT, alice_asked_daan)

    assert tick_at(mentorbot, clock, EXPIRES) == 0
    assert status_of(mentorbot, ALICE.user_id, DAAN.user_id) is RequestStatus.ACCEPTED
    assert not any("expired" in str(call.args.get("text")) for call in dms_to(slack, ALICE.user_id))


def test_the_mentors_own_zone_decides_when_it_expires(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    """Friday 20:00 UTC: still Friday evening for Daan in Amsterdam, already Saturday for Chen in Singapore."""
    clock.move_to("2027-03-05 20:00")
    profile(ALICE.user_id, goals="Python")
    profile(DAAN.user_id, role="mentor", skills="Python")
    profile(CHEN.user_id, role="mentor", skills="Python")
    driver.command(DAAN.user_id, "help")  # the bot learns each mentor's zone from Slack
    driver.command(CHEN.user_id, "help")
    ask(driver, ALICE.user_id, DAAN.user_id)
    ask(driver, ALICE.user_id, CHEN.user_id)

    tick_at(mentorbot, clock, "2027-03-10 16:00")  # Wednesday ends in Singapore; 17:00 in Amsterdam
    assert status_of(mentorbot, ALICE.user_id, CHEN.user_id) is RequestStatus.EXPIRED
    assert status_of(mentorbot, ALICE.user_id, DAAN.user_id) is RequestStatus.PENDING

    tick_at(mentorbot, clock, "2027-03-10 20:00")  # Wednesday 21:00 in Amsterdam
    assert status_of(mentorbot, ALICE.user_id, DAAN.user_id) is RequestStatus.EXPIRED
