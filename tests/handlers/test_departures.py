"""A colleague who leaves: their pairings end kindly, their requests are withdrawn, nothing more goes to them."""

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
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import LATER
from handlers.blocks.handshake import ACCEPT
from storage.db import make_session_factory
from storage.models import OutboxRow, OutboxState, Pairing, PairingRequest, PairingStatus, RequestStatus
from storage.people import get_person
from storage.profiles import get_profile
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, DAAN, EVA, FINN
from tests.support.handshake import ask, dms_to, request_id

Profile = Callable[..., None]


@pytest.fixture
def daan_mentors_alice_and_eva_waits(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    """Daan mentors Alice (prompts planned); Eva's request waits in Daan's DM; Bea could mentor either."""
    profile(ALICE.user_id, goals="Python, code review")
    profile(EVA.user_id, goals="Python")
    profile(DAAN.user_id, role="mentor", skills="Python, code review", capacity="3")
    profile(BEA.user_id, role="mentor", skills="Python, code review")
    ask(driver, ALICE.user_id, DAAN.user_id)
    driver.click(DAAN.user_id, ACCEPT, request_id(slack, DAAN.user_id))
    ask(driver, EVA.user_id, DAAN.user_id)
    mentorbot.operations.tick()  # the first period's prompts, waiting in the outbox


def leaves(driver: SlackDriver, slack: SlackStandIn, user_id: str, **how: bool) -> None:
    slack.state.users[user_id] |= how or {"deleted": True}
    driver.event({"type": "user_change", "user": {"id": user_id, **(how or {"deleted": True})}})


def uow(mentorbot: Mentorbot) -> UnitOfWork:
    return UnitOfWork(make_session_factory(mentorbot.engine))


def texts_to(slack: SlackStandIn, user_id: str) -> list[str]:
    return [str(call.args.get("text")) for call in dms_to(slack, user_id)]


def buttons_in(blocks: list[dict[str, Any]]) -> list[str]:
    return [str(block["accessory"]["value"]) for block in blocks if isinstance(block.get("accessory"), dict)]


def test_a_deactivated_mentor_ends_the_pairing_and_the_mentee_is_offered_another(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    leaves(driver, slack, DAAN.user_id)

    with uow(mentorbot) as work:
        [pairing] = work.session.execute(select(Pairing)).scalars()
        assert pairing.status == PairingStatus.ENDED.value
        assert pairing.ended_at is not None
    told = dms_to(slack, ALICE.user_id)[-1].args
    assert EN["left.pairing.mentee"].format(mentor=f"<@{DAAN.user_id}>") in told["text"]
    assert buttons_in(told["blocks"]) == [BEA.user_id]  # another mentor who could fit, never Daan


def test_a_deactivated_mentors_waiting_request_is_withdrawn_and_the_mentee_told(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    leaves(driver, slack, DAAN.user_id)

    with uow(mentorbot) as work:
        request = work.session.execute(select(PairingRequest).where(col(PairingRequest.mentee_id) == EVA.user_id))
        assert request.scalar_one().status == RequestStatus.WITHDRAWN.value
    told = dms_to(slack, EVA.user_id)[-1].args
    assert NL["left.request.mentee"].format(mentor=f"<@{DAAN.user_id}>") in told["text"]  # Eva reads Dutch
    assert buttons_in(told["blocks"]) == [BEA.user_id]


def test_nothing_more_is_sent_to_someone_who_left(
    daan_mentors_alice_and_eva_waits: None,
    driver: SlackDriver,
    slack: SlackStandIn,
    mentorbot: Mentorbot,
    clock: FrozenDateTimeFactory,
) -> None:
    leaves(driver, slack, DAAN.user_id)
    before = len(slack.calls_to("chat.postMessage"))

    clock.move_to("2027-03-15 12:00")  # past every prompt of the first period
    mentorbot.operations.tick()

    with uow(mentorbot) as work:
        waiting = work.session.execute(select(OutboxRow).where(col(OutboxRow.state) == OutboxState.PENDING.value))
        assert list(waiting.scalars()) == []
        to_daan = work.session.execute(select(OutboxRow).where(col(OutboxRow.recipient) == DAAN.user_id)).scalars()
        assert {row.state for row in to_daan if row.kind == "checkin.ask"} == {OutboxState.CANCELLED.value}
    assert len(slack.calls_to("chat.postMessage")) == before  # no prompt to anyone: the pairing ended


def test_someone_who_left_is_never_suggested(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn
) -> None:
    leaves(driver, slack, DAAN.user_id)

    driver.command(EVA.user_id, "find")

    found = slack.calls_to("response_url")[-1].args
    assert DAAN.user_id not in str(found)
    assert BEA.user_id in str(found)


def test_a_deactivated_mentee_ends_the_pairing_and_the_mentor_is_told(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    leaves(driver, slack, ALICE.user_id)

    with uow(mentorbot) as work:
        [pairing] = work.session.execute(select(Pairing)).scalars()
        assert pairing.status == PairingStatus.ENDED.value
    assert NL["left.pairing.mentor"].format(mentee=f"<@{ALICE.user_id}>") in texts_to(slack, DAAN.user_id)


def test_a_leaving_mentees_waiting_request_is_withdrawn_and_the_mentors_copy_says_so(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    leaves(driver, slack, EVA.user_id, is_bot=True)  # turned into a bot: gone all the same

    update = slack.calls_to("chat.update")[-1]
    assert update.args["text"] == NL["left.request.mentor"].format(mentee=f"<@{EVA.user_id}>")  # Daan reads Dutch
    with uow(mentorbot) as work:
        [pending] = [r for r in work.session.execute(select(PairingRequest)).scalars() if r.mentee_id == EVA.user_id]
        assert pending.status == RequestStatus.WITHDRAWN.value


def test_leaving_told_twice_tells_nobody_twice(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn
) -> None:
    leaves(driver, slack, DAAN.user_id)
    posts = len(slack.calls_to("chat.postMessage"))

    leaves(driver, slack, DAAN.user_id)  # another user_change for the same person, a new event id

    assert len(slack.calls_to("chat.postMessage")) == posts


def test_a_late_click_on_a_withdrawn_request_or_an_ended_pairing_changes_nothing(
    daan_mentors_alice_and_eva_waits: None, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    eva_request = request_id(slack, DAAN.user_id)
    leaves(driver, slack, DAAN.user_id)

    driver.click(DAAN.user_id, ACCEPT, eva_request)  # clicked before Slack logged them out
    assert slack.calls_to("response_url")[-1].args["text"] == NL["request.closed.withdrawn"]
    driver.click(ALICE.user_id, LATER, "1:0")  # 'remind me' on the ended pairing's prompt
    assert slack.calls_to("response_url")[-1].args["text"] == EN["checkin.ended"]


def test_a_reactivated_person_comes_back_with_their_profile_closed(
    daan_mentors_alice_and_eva_waits: None,
    driver: SlackDriver,
    slack: SlackStandIn,
    mentorbot: Mentorbot,
    profile: Profile,
) -> None:
    leaves(driver, slack, DAAN.user_id)
    leaves(driver, slack, DAAN.user_id, deleted=False)

    with uow(mentorbot) as work:
        person, kept = get_person(work.session, DAAN.user_id), get_profile(work.session, DAAN.user_id)
        assert person is not None
        assert not person.gone
        assert kept is not None
        assert not kept.available
    profile(FINN.user_id, goals="Python, code review")
    driver.command(FINN.user_id, "find")
    assert DAAN.user_id not in str(slack.calls_to("response_url")[-1].args)
