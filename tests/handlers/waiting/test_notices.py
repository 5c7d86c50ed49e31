"""A waiting mentee is told when a fitting mentor has room: once a week at most, never while asking, paired
or gone, through the tick and the outbox; the notice's button asks the mentor as find's does; it can be stopped."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import func, select
from sqlmodel import col

from bot.app import Mentorbot
from bot.checkins.calendar import schedule_for
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import text_submission
from bot.standin.server import Call, SlackStandIn
from bot.waiting.service import NotNow, WaitingNotices
from handlers.blocks.handshake import ACCEPT, ASK, DECLINE
from handlers.waiting.blocks import RESUME, STOP
from storage.db import make_session_factory, utcnow
from storage.models import OutboxRow, WaitingOptOut, WaitingTold
from storage.rounds import add_proposals, add_round, draft_proposals, open_proposals
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, CHEN, DAAN, EVA, FINN
from tests.support.handshake import ask, dms_to, request_id

Profile = Callable[..., None]
MONDAY, WEDNESDAY, NEXT_MONDAY = "2027-03-01 12:00", "2027-03-03 15:00", "2027-03-08 15:00"


@pytest.fixture
def clock() -> Iterator[FrozenDateTimeFactory]:
    with freeze_time(MONDAY) as frozen:
        assert isinstance(frozen, FrozenDateTimeFactory)
        yield frozen


@pytest.fixture
def alice_waits(clock: FrozenDateTimeFactory, mentorbot: Mentorbot, profile: Profile) -> None:
    """The tick has looked once; Alice, a mentee since Monday, still has no mentor on Wednesday."""
    mentorbot.operations.tick()
    profile(ALICE.user_id, goals="Python, code review")
    clock.move_to(WEDNESDAY)
    mentorbot.operations.tick()


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, moment: str | None = None) -> int:
    if moment is not None:
        clock.move_to(moment)
    return mentorbot.operations.tick().waiting_told


def notices_to(slack: SlackStandIn, user_id: str) -> list[Call]:
    return [call for call in dms_to(slack, user_id) if STOP in json.dumps(call.args.get("blocks"))]


def buttons(call: Call) -> dict[str, str]:
    """action_id → value of every button in a message."""
    found: dict[str, str] = {}
    for block in call.args["blocks"]:
        for element in [block.get("accessory") or {}, *block.get("elements", [])]:
            if element.get("type") == "button":
                found[element["action_id"]] = element["value"]
    return found


def rows_of_kind(mentorbot: Mentorbot, kind: str) -> int:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return uow.session.execute(select(func.count()).where(col(OutboxRow.kind) == kind)).scalar_one()


@pytest.mark.usefixtures("alice_waits")
def test_a_new_fitting_mentor_is_told_to_the_waiting_mentee_once(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python, code review")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 1
    assert tick_at(mentorbot, clock, "2027-03-03 15:02") == 0

    [notice] = notices_to(slack, ALICE.user_id)
    assert notice.args["text"] == EN["waiting.text"].format(mentor=f"<@{DAAN.user_id}>")
    shown = json.dumps(notice.args["blocks"])
    assert EN["match.shared_topics"].format(topics="Python, code review") in shown  # why, as find says it
    assert EN["waiting.privacy"].format(mentor=f"<@{DAAN.user_id}>") in shown
    assert buttons(notice) == {ASK: DAAN.user_id, STOP: "stop"}


def test_a_mentor_who_offers_what_she_asked_for_in_other_words_fits(
    clock: FrozenDateTimeFactory, mentorbot: Mentorbot, slack: SlackStandIn, profile: Profile
) -> None:
    mentorbot.operations.tick()
    profile(EVA.user_id, area="Sales", goals="presenteren")
    clock.move_to(WEDNESDAY)
    profile(FINN.user_id, role="mentor", area="Design", skills="public speaking")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 1
    [notice] = notices_to(slack, EVA.user_id)
    asked = NL["match.asked_offered"].format(
        asked="presenteren", mentor=f"<@{FINN.user_id}>", offered="public speaking"
    )
    assert asked in json.dumps(notice.args["blocks"], ensure_ascii=False)


@pytest.mark.usefixtures("alice_waits")
def test_a_mentor_in_her_area_fits_too(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Engineering", skills="Rust")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 1
    assert EN["match.same_area"].format(area="Engineering") in json.dumps(notices_to(slack, ALICE.user_id)[0].args)


@pytest.mark.usefixtures("alice_waits")
def test_a_mentor_found_at_night_where_she_is_is_told_at_her_next_prompt_time(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    clock.move_to("2027-03-04 03:00")  # Wednesday 22:00 in New York
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-04 03:01") == 1
    assert notices_to(slack, ALICE.user_id) == []
    tick_at(mentorbot, clock, "2027-03-04 14:59")  # 09:59 in New York
    assert notices_to(slack, ALICE.user_id) == []

    tick_at(mentorbot, clock, "2027-03-04 15:00")  # Thursday 10:00 there, the prompt time

    assert len(notices_to(slack, ALICE.user_id)) == 1


@pytest.mark.usefixtures("alice_waits")
def test_a_notice_waiting_for_her_morning_is_not_sent_once_she_has_asked_a_mentor(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    clock.move_to("2027-03-04 03:00")  # Wednesday 22:00 in New York
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    assert tick_at(mentorbot, clock, "2027-03-04 03:01") == 1
    profile(BEA.user_id, role="mentor", area="Sales", skills="Negotiation")
    ask(driver, ALICE.user_id, BEA.user_id)  # that night, before the notice goes out

    tick_at(mentorbot, clock, "2027-03-04 15:00")

    assert notices_to(slack, ALICE.user_id) == []
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        [row] = uow.session.execute(select(OutboxRow).where(col(OutboxRow.kind) == "waiting")).scalars()
        assert (row.state, row.error) == ("cancelled", NotNow.NOT_WAITING.value)


@pytest.mark.usefixtures("alice_waits")
def test_a_mentor_who_does_not_fit_is_not_told(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    profile(BEA.user_id, role="mentor", area="Sales", skills="Negotiation")  # her language and hours: not enough

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 0
    assert notices_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("alice_waits")
def test_a_second_fitting_mentor_in_the_same_week_is_not_told_the_next_week_one_is(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    tick_at(mentorbot, clock, "2027-03-03 15:01")
    clock.move_to("2027-03-07 23:00")  # Sunday: still the same ISO week
    profile(BEA.user_id, role="mentor", area="Engineering", skills="Python, code review")

    assert tick_at(mentorbot, clock) == 0

    clock.move_to(NEXT_MONDAY)
    profile(CHEN.user_id, role="mentor", area="Sales", skills="code review")

    assert tick_at(mentorbot, clock, "2027-03-08 15:01") == 1
    told = [buttons(call)[ASK] for call in notices_to(slack, ALICE.user_id)]
    assert told[0] == DAAN.user_id
    assert told[1] in (BEA.user_id, CHEN.user_id)  # both are news to her; Daan is never told of twice
    assert len(told) == 2


@pytest.mark.usefixtures("alice_waits")
def test_the_same_mentor_is_never_told_of_twice(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    tick_at(mentorbot, clock, "2027-03-03 15:01")
    clock.move_to(NEXT_MONDAY)
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python, code review", capacity="3")  # changed again

    assert tick_at(mentorbot, clock, "2027-03-08 15:01") == 0
    assert len(notices_to(slack, ALICE.user_id)) == 1


def test_a_place_freed_by_a_pairing_that_ends_is_told(
    clock: FrozenDateTimeFactory, mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    mentorbot.operations.tick()
    profile(BEA.user_id, role="mentor", area="Sales", skills="Python", capacity="1")
    profile(EVA.user_id, goals="Python")
    ask(driver, EVA.user_id, BEA.user_id)
    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))  # Bea is full
    profile(ALICE.user_id, goals="Python, code review")
    assert tick_at(mentorbot, clock, WEDNESDAY) == 0  # Bea changed since the last look, but has no room

    clock.move_to("2027-03-04 15:00")
    assert mentorbot.services.checkins.end(1, EVA.user_id).other_id == BEA.user_id

    assert tick_at(mentorbot, clock, "2027-03-04 15:01") == 1
    [notice] = notices_to(slack, ALICE.user_id)
    assert buttons(notice)[ASK] == BEA.user_id
    assert notices_to(slack, EVA.user_id) == []  # Bea was her mentor: never suggested to her again


def test_a_full_mentor_who_adds_a_place_or_opens_up_again_is_told(
    clock: FrozenDateTimeFactory, mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    mentorbot.operations.tick()
    profile(BEA.user_id, role="mentor", area="Sales", skills="Python", capacity="1")
    profile(CHEN.user_id, role="mentor", area="Sales", skills="code review", available="paused")
    profile(EVA.user_id, goals="Python")
    ask(driver, EVA.user_id, BEA.user_id)
    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))  # Bea is full, Chen closed
    profile(ALICE.user_id, goals="Python, code review")
    assert tick_at(mentorbot, clock, WEDNESDAY) == 0

    profile(BEA.user_id, role="mentor", area="Sales", skills="Python", capacity="2")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 1
    assert buttons(notices_to(slack, ALICE.user_id)[0])[ASK] == BEA.user_id
    clock.move_to(NEXT_MONDAY)
    profile(CHEN.user_id, role="mentor", area="Sales", skills="code review, Python", available="paused")
    assert tick_at(mentorbot, clock, "2027-03-08 15:01") == 0  # changed, but paused: no room for anyone

    profile(CHEN.user_id, role="mentor", area="Sales", skills="code review, Python", available="open")

    assert tick_at(mentorbot, clock, "2027-03-08 15:02") == 1
    assert buttons(notices_to(slack, ALICE.user_id)[1])[ASK] == CHEN.user_id


@pytest.mark.usefixtures("alice_waits")
def test_a_mentor_who_declined_her_is_never_told_of_as_find_never_suggests_him(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python", capacity="1")
    ask(driver, ALICE.user_id, DAAN.user_id)
    driver.click(DAAN.user_id, DECLINE, request_id(slack, DAAN.user_id))
    driver.interaction(text_submission(DAAN.user_id, "decline", request_id(slack, DAAN.user_id), "Busy"))
    clock.move_to("2027-03-03 16:00")

    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python, code review", capacity="3")

    assert tick_at(mentorbot, clock, "2027-03-03 16:01") == 0
    assert notices_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("alice_waits")
def test_a_mentee_waiting_for_an_answer_is_not_told(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(BEA.user_id, role="mentor", area="Sales", skills="Negotiation")
    ask(driver, ALICE.user_id, BEA.user_id)
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 0
    assert notices_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("alice_waits")
def test_a_mentee_in_an_open_proposal_of_a_matching_round_is_not_told(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    """HR's round is asking Alice and Bea already: news of Daan would cut across it, at the tick and when sent."""
    profile(BEA.user_id, role="mentor", area="Sales", skills="Negotiation")
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        round_id = add_round(uow.session, "", EVA.user_id, utcnow(), 1.0, 1.0).id or 0
        add_proposals(uow.session, round_id, [(ALICE.user_id, BEA.user_id, 1.0, "[]")])
        proposal = draft_proposals(uow.session, round_id)[0]
        open_proposals(uow.session, [(proposal.id or 0, utcnow() + timedelta(days=3))])
        uow.commit()
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 0
    assert notices_to(slack, ALICE.user_id) == []
    assert mentorbot.services.waiting.to_send(ALICE.user_id, DAAN.user_id) is NotNow.NOT_WAITING


@pytest.mark.usefixtures("alice_waits")
def test_a_mentee_with_a_mentor_is_not_told(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(BEA.user_id, role="mentor", area="Sales", skills="Negotiation")
    ask(driver, ALICE.user_id, BEA.user_id)
    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 0
    assert notices_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("alice_waits")
def test_a_mentee_who_left_is_not_told(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.state.users[ALICE.user_id] |= {"deleted": True}
    driver.event({"type": "user_change", "user": {"id": ALICE.user_id, "deleted": True}})
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 0
    assert notices_to(slack, ALICE.user_id) == []


def test_a_mentor_who_was_there_before_she_began_waiting_is_not_news(
    clock: FrozenDateTimeFactory, mentorbot: Mentorbot, slack: SlackStandIn, profile: Profile
) -> None:
    mentorbot.operations.tick()
    profile(ALICE.user_id, goals="Python")
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")  # find has shown him to her all along
    mentorbot.operations.tick()

    assert tick_at(mentorbot, clock, WEDNESDAY) == 0
    assert notices_to(slack, ALICE.user_id) == []


def test_a_mentee_new_this_week_is_not_waiting_yet(
    clock: FrozenDateTimeFactory, mentorbot: Mentorbot, slack: SlackStandIn, profile: Profile
) -> None:
    mentorbot.operations.tick()
    profile(ALICE.user_id, goals="Python")
    clock.move_to("2027-03-02 15:00")  # a day later: she has find for now
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-02 15:01") == 0


@pytest.mark.usefixtures("alice_waits")
def test_at_send_time_a_mentee_who_asked_meanwhile_is_not_told(
    mentorbot: Mentorbot, driver: SlackDriver, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    waiting = mentorbot.services.waiting

    assert not isinstance(waiting.to_send(ALICE.user_id, DAAN.user_id), NotNow)

    profile(BEA.user_id, role="mentor", area="Sales", skills="Negotiation")
    ask(driver, ALICE.user_id, BEA.user_id)

    assert waiting.to_send(ALICE.user_id, DAAN.user_id) is NotNow.NOT_WAITING


@pytest.mark.usefixtures("alice_waits")
def test_at_send_time_a_mentor_she_asked_is_not_news(
    mentorbot: Mentorbot, driver: SlackDriver, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    ask(driver, ALICE.user_id, DAAN.user_id)

    assert mentorbot.services.waiting.to_send(ALICE.user_id, DAAN.user_id) is NotNow.NOT_WAITING


@pytest.mark.usefixtures("alice_waits")
def test_two_ticks_at_once_tell_her_once(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    clock.move_to("2027-03-03 15:01")
    start = threading.Barrier(2)
    told: list[int] = []

    def look() -> None:
        factory = make_session_factory(mentorbot.engine)
        services = mentorbot.services
        synonyms = services.pool.synonyms
        settings = services.settings
        schedule = schedule_for(settings.prompt_time, settings.working_hours, settings.holiday_country)
        notices = WaitingNotices(lambda: UnitOfWork(factory), services.people, settings, utcnow, synonyms, schedule)
        start.wait()
        told.append(notices.look().told)

    threads = [threading.Thread(target=look) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(told) == [0, 1]
    assert rows_of_kind(mentorbot, "waiting") == 1


@pytest.mark.usefixtures("alice_waits")
def test_the_notice_s_button_asks_the_mentor_through_the_request_dialog(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    tick_at(mentorbot, clock, "2027-03-03 15:01")
    [notice] = notices_to(slack, ALICE.user_id)

    driver.click(ALICE.user_id, ASK, buttons(notice)[ASK])
    assert slack.calls_to("views.open")[-1].args["view"]["callback_id"] == "request"
    driver.interaction(text_submission(ALICE.user_id, "request", DAAN.user_id, "Hoi!"))

    assert request_id(slack, DAAN.user_id)  # the request, with Accept and Decline, in Daan's DM
    assert mentorbot.services.waiting.to_send(ALICE.user_id, DAAN.user_id) is NotNow.NOT_WAITING


@pytest.mark.usefixtures("alice_waits")
def test_stopping_the_notices_is_honoured_until_she_turns_them_back_on(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    tick_at(mentorbot, clock, "2027-03-03 15:01")

    driver.click(ALICE.user_id, STOP, "stop")

    reply = slack.calls_to("response_url")[-1].args
    assert reply["text"] == EN["waiting.stopped"]
    assert RESUME in json.dumps(reply["blocks"])
    clock.move_to(NEXT_MONDAY)
    profile(BEA.user_id, role="mentor", area="Engineering", skills="Python")
    assert tick_at(mentorbot, clock, "2027-03-08 15:01") == 0

    driver.click(ALICE.user_id, RESUME, "resume")

    assert slack.calls_to("response_url")[-1].args["text"] == EN["waiting.resumed"]
    profile(CHEN.user_id, role="mentor", area="Sales", skills="code review")
    assert tick_at(mentorbot, clock, "2027-03-08 15:02") == 1
    assert len(notices_to(slack, ALICE.user_id)) == 2


def test_a_dutch_mentee_is_told_in_dutch(
    clock: FrozenDateTimeFactory, mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    mentorbot.operations.tick()
    profile(EVA.user_id, goals="Python")
    clock.move_to(WEDNESDAY)
    profile(FINN.user_id, role="mentor", area="Sales", skills="Python")

    assert tick_at(mentorbot, clock, "2027-03-03 15:01") == 1

    [notice] = notices_to(slack, EVA.user_id)
    assert notice.args["text"] == NL["waiting.text"].format(mentor=f"<@{FINN.user_id}>")
    shown = json.dumps(notice.args["blocks"], ensure_ascii=False)
    assert NL["waiting.intro"] in shown
    assert NL["waiting.stop"] in shown
    driver.click(EVA.user_id, STOP, "stop")
    assert slack.calls_to("response_url")[-1].args["text"] == NL["waiting.stopped"]


@pytest.mark.usefixtures("alice_waits")
def test_deleting_her_data_forgets_her_opt_out_and_whom_she_was_told_of(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    tick_at(mentorbot, clock, "2027-03-03 15:01")
    driver.click(ALICE.user_id, STOP, "stop")

    assert stored(mentorbot) == {"opted out": 1, "told": 1}
    mentorbot.services.privacy.erase(ALICE.user_id)

    assert stored(mentorbot) == {"opted out": 0, "told": 0}


def stored(mentorbot: Mentorbot) -> dict[str, Any]:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        count = uow.session.execute
        return {
            "opted out": count(select(func.count()).select_from(WaitingOptOut)).scalar_one(),
            "told": count(select(func.count()).select_from(WaitingTold)).scalar_one(),
        }


@pytest.mark.usefixtures("alice_waits")
def test_her_export_says_whom_she_was_told_of_and_since_when_she_hears_no_more(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(DAAN.user_id, role="mentor", area="Sales", skills="Python")
    tick_at(mentorbot, clock, "2027-03-03 15:01")
    clock.move_to("2027-03-03 16:00")
    driver.click(ALICE.user_id, STOP, "stop")

    driver.command(ALICE.user_id, "privacy export")

    [share] = slack.files_in(slack.dm_of(ALICE.user_id))
    document = json.loads(share.content.decode())
    assert document["mentors_with_room_told_of"] == [{"mentor": DAAN.user_id, "at": "2027-03-03T15:01:00+00:00"}]
    assert document["no_news_of_mentors_since"] == "2027-03-03T16:00:00+00:00"
