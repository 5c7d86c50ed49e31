"""Pairings that go quiet: a gentle note after two periods, 'stalled' after three, and a new mentor may take over."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import END, PAUSE
from handlers.blocks.handshake import ACCEPT
from storage.db import make_session_factory
from storage.models import Pairing, PairingStatus
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, DAAN, FINN
from tests.support.checkins import met, notes_to, pause_until
from tests.support.handshake import ask, dms_to, request_id

Profile = Callable[..., None]
# Alice (New York) and Daan (Amsterdam) pair on Monday 1 March 2027, biweekly: period 0 is 1–14 March,
# 1 is 15–28 March, 2 is 29 March–11 April, 3 from 12 April. Each period is planned the day before it begins.
PERIOD_1, PERIOD_2, PERIOD_3 = "2027-03-14 11:00", "2027-03-28 11:00", "2027-04-11 11:00"
# Monday 29 March, 10:00 in New York (summer time): both have had their note.
NOTED = "2027-03-29 15:00"
STALL_TOLD = "2027-04-12 15:00"


@pytest.fixture
def paired(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    pair_alice_and_daan(driver, slack, profile, mentorbot)


def pair_alice_and_daan(driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot) -> None:
    """Alice and Daan, paired through the app (pairing 1); Bea and Finn could mentor Alice too.

    The tick runs as they pair, as `serve`'s would: their first period's questions are written, so they are
    asked (a period nobody was asked about never counts as quiet).
    """
    profile(ALICE.user_id, goals="Python, code review")
    profile(DAAN.user_id, role="mentor", skills="Python, code review")
    profile(BEA.user_id, role="mentor", skills="Python")
    profile(FINN.user_id, role="mentor", skills="code review")
    ask(driver, ALICE.user_id, DAAN.user_id)
    driver.click(DAAN.user_id, ACCEPT, request_id(slack, DAAN.user_id))
    mentorbot.operations.tick()


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, *moments: str) -> None:
    for moment in moments:
        clock.move_to(moment)
        mentorbot.operations.tick()


def statuses(mentorbot: Mentorbot) -> dict[str, str]:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return {p.mentor_id: p.status for p in uow.session.execute(select(Pairing)).scalars()}


def button(message: dict[str, Any], action_id: str) -> str:
    elements = [e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]
    return str(next(e["value"] for e in elements if e["action_id"] == action_id))


def stalled(mentorbot: Mentorbot, clock: FrozenDateTimeFactory) -> None:
    tick_at(mentorbot, clock, PERIOD_1, PERIOD_2, NOTED, PERIOD_3, STALL_TOLD)


@pytest.mark.usefixtures("paired")
def test_two_quiet_periods_bring_both_one_gentle_note_at_their_own_hour(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn
) -> None:
    tick_at(mentorbot, clock, PERIOD_1, PERIOD_2)
    assert notes_to(slack, ALICE.user_id) == []  # Sunday: not yet

    tick_at(mentorbot, clock, "2027-03-29 08:00")  # 10:00 in Amsterdam (summer time since Sunday)
    assert len(notes_to(slack, DAAN.user_id)) == 1
    assert notes_to(slack, ALICE.user_id) == []
    tick_at(mentorbot, clock, NOTED, "2027-03-30 15:00")

    [note] = notes_to(slack, ALICE.user_id)
    assert len(notes_to(slack, DAAN.user_id)) == 1
    assert {button(note, PAUSE), button(note, END)} == {"1:2"}
    assert statuses(mentorbot) == {DAAN.user_id: PairingStatus.ACTIVE.value}


@pytest.mark.usefixtures("paired")
def test_a_check_in_keeps_the_note_away(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, PERIOD_1, "2027-03-20 12:00")
    met(driver, ALICE.user_id, "1:1", day="2027-03-19")

    tick_at(mentorbot, clock, PERIOD_2, NOTED)

    assert notes_to(slack, ALICE.user_id) == notes_to(slack, DAAN.user_id) == []


@pytest.mark.usefixtures("paired")
def test_three_quiet_periods_mark_it_stalled_and_offer_the_mentee_another_mentor(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    stalled(mentorbot, clock)

    told = dms_to(slack, ALICE.user_id)[-1].args
    assert told["text"].startswith(EN["checkin.stalled.mentee"].format(mentor=f"<@{DAAN.user_id}>"))
    assert f"<@{BEA.user_id}>" in str(told["blocks"]) or f"<@{FINN.user_id}>" in str(told["blocks"])
    assert statuses(mentorbot) == {DAAN.user_id: PairingStatus.ACTIVE.value}  # nothing ended by itself
    assert len(notes_to(slack, ALICE.user_id)) == 1  # the note came once, not again at the stall

    driver.event(home_opened(ALICE.user_id))
    home = str(slack.calls_to("views.publish")[-1].args["view"])
    assert EN["checkin.home.stalled.mentee"] in home
    assert EN["home.find"] in home


@pytest.mark.usefixtures("paired")
def test_a_check_in_wakes_a_stalled_pairing(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    stalled(mentorbot, clock)

    met(driver, DAAN.user_id, "1:3", day="2027-04-12")

    driver.event(home_opened(DAAN.user_id))
    assert NL["checkin.home.stalled.mentor"] not in str(slack.calls_to("views.publish")[-1].args["view"])
    driver.command(ALICE.user_id, "find")
    assert slack.calls_to("response_url")[-1].args["text"] == EN["find.has_mentor"]


@pytest.mark.usefixtures("paired")
def test_the_stalled_mentees_new_mentor_ends_the_quiet_pairing_kindly(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    stalled(mentorbot, clock)

    ask(driver, ALICE.user_id, BEA.user_id)
    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    assert statuses(mentorbot) == {DAAN.user_id: PairingStatus.ENDED.value, BEA.user_id: PairingStatus.ACTIVE.value}
    assert NL["checkin.stalled.ended.mentor"].format(mentee=f"<@{ALICE.user_id}>") in [
        call.args["text"] for call in dms_to(slack, DAAN.user_id)
    ]
    assert EN["checkin.stalled.ended.mentee"].format(mentor=f"<@{DAAN.user_id}>") in [
        call.args["text"] for call in dms_to(slack, ALICE.user_id)
    ]


def test_two_new_mentors_accepting_at_once_make_one_pairing_and_end_the_quiet_one_once(
    mentorbot: Mentorbot, slack: SlackStandIn, driver: SlackDriver, profile: Profile
) -> None:
    with freeze_time("2027-03-01 12:00") as frozen:
        assert isinstance(frozen, FrozenDateTimeFactory)
        pair_alice_and_daan(driver, slack, profile, mentorbot)
        stalled(mentorbot, frozen)
        ask(driver, ALICE.user_id, BEA.user_id)
        ask(driver, ALICE.user_id, FINN.user_id)
    requests = {mentor: request_id(slack, mentor) for mentor in (BEA.user_id, FINN.user_id)}
    start = threading.Barrier(2)

    def accept(mentor: str) -> None:  # on the real clock: freezegun leaves threads' time alone
        start.wait()
        driver.click(mentor, ACCEPT, requests[mentor])

    threads = [threading.Thread(target=accept, args=(mentor,)) for mentor in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    now = statuses(mentorbot)
    assert now.pop(DAAN.user_id) == PairingStatus.ENDED.value
    assert list(now.values()) == [PairingStatus.ACTIVE.value]  # one new mentor at a time
    ended = NL["checkin.stalled.ended.mentor"].format(mentee=f"<@{ALICE.user_id}>")
    assert [call.args["text"] for call in dms_to(slack, DAAN.user_id)].count(ended) == 1


@pytest.mark.usefixtures("paired")
def test_the_notes_buttons_clicked_twice_or_late_change_nothing(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, PERIOD_1, PERIOD_2, NOTED)
    [note] = notes_to(slack, ALICE.user_id)

    driver.click(ALICE.user_id, END, button(note, END))
    driver.click(ALICE.user_id, END, button(note, END))
    driver.click(DAAN.user_id, PAUSE, button(notes_to(slack, DAAN.user_id)[0], PAUSE))  # Daan, late
    paused = pause_until(driver, DAAN.user_id, "1", "2027-04-30")

    replies = [call.args["text"] for call in slack.calls_to("response_url")[-3:]]
    ended = EN["checkin.ended.done"].format(other=f"<@{DAAN.user_id}>")
    assert replies == [ended, EN["checkin.ended"], NL["checkin.ended"]]  # Daan's late pause opens no dialog
    assert NL["checkin.ended"] in str(paused)
    assert statuses(mentorbot) == {DAAN.user_id: PairingStatus.ENDED.value}
