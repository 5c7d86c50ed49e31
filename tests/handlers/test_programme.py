"""Six months of a programme, ticked as `serve` would: what goes quiet is noticed, what waits expires, people leave."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from freezegun import freeze_time
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import view_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.evaluations import CALLBACK
from handlers.blocks.handshake import ACCEPT
from storage.db import make_session_factory
from storage.models import Evaluation, Pairing, PairingRequest, PairingStatus, Rhythm
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, CHEN, DAAN, EVA, FINN
from tests.support.handshake import ask, dms_to, request_id

Profile = Callable[..., None]


def texts(slack: SlackStandIn, user_id: str) -> list[str]:
    return [str(call.args.get("text")) for call in dms_to(slack, user_id)]


def evaluate(driver: SlackDriver, user_id: str, step: str) -> None:
    picked = {"type": "static_select", "selected_option": {"value": "3"}}
    values = {name: {"value": picked} for name in ("progress", "usefulness", "recommend")}
    driver.interaction(view_submission(user_id, CALLBACK, values, step))


@pytest.mark.slow
def test_six_months_of_a_programme(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    with freeze_time("2027-03-01 12:00") as clock:
        profile(ALICE.user_id, goals="Python, code review")
        profile(DAAN.user_id, role="mentor", skills="Python, code review")
        profile(EVA.user_id, goals="SQL")
        profile(CHEN.user_id, role="mentor", skills="SQL", area="Data")
        profile(FINN.user_id, goals="Python")
        profile(BEA.user_id, role="mentor", skills="Python")
        ask(driver, ALICE.user_id, DAAN.user_id)  # a pairing that goes quiet
        driver.click(DAAN.user_id, ACCEPT, request_id(slack, DAAN.user_id))
        ask(driver, EVA.user_id, CHEN.user_id)  # a pairing whose mentor leaves
        driver.click(CHEN.user_id, ACCEPT, request_id(slack, CHEN.user_id))
        ask(driver, FINN.user_id, BEA.user_id)  # a request nobody answers

        moment = datetime(2027, 3, 1, 13, 0)
        while moment < datetime(2027, 9, 3):
            clock.move_to(moment)
            mentorbot.operations.tick()
            if moment == datetime(2027, 4, 1, 13, 0):  # a month in, Chen leaves the company
                driver.event({"type": "user_change", "user": {"id": CHEN.user_id, "deleted": True}})
            if moment == datetime(2027, 6, 1, 19, 0):  # Alice and Daan answer the midpoint evaluation
                evaluate(driver, ALICE.user_id, "1:0")
                evaluate(driver, DAAN.user_id, "1:0")
            moment += timedelta(hours=6)

    # The unanswered request expired after three working days (Monday to Thursday), Finn told kindly.
    assert any(
        text.startswith(EN["request.expired.mentee"].format(mentor=f"<@{BEA.user_id}>"))
        for text in texts(slack, FINN.user_id)
    )
    # The quiet pairing was nudged once and marked stalled; Alice was offered another mentor.
    note = EN["checkin.quiet"].format(other=f"<@{DAAN.user_id}>")
    assert texts(slack, ALICE.user_id).count(note) == 1
    assert NL["checkin.quiet"].format(other=f"<@{ALICE.user_id}>") in texts(slack, DAAN.user_id)
    assert any(
        text.startswith(EN["checkin.stalled.mentee"].format(mentor=f"<@{DAAN.user_id}>"))
        for text in texts(slack, ALICE.user_id)
    )
    # Chen's leaving ended Eva's pairing kindly.
    assert any(
        text.startswith(NL["left.pairing.mentee"].format(mentor=f"<@{CHEN.user_id}>"))
        for text in texts(slack, EVA.user_id)
    )
    # The evaluations came at the midpoint and at the end, and the midpoint's were kept.
    daan = f"<@{DAAN.user_id}>"
    invited = [EN["evaluation.ask.midpoint"].format(other=daan), EN["evaluation.ask.end"].format(other=daan)]
    assert [text for text in texts(slack, ALICE.user_id) if text in invited] == invited
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        kept = {(e.side, e.step) for e in uow.session.execute(select(Evaluation)).scalars()}
        statuses = {p.mentee_id: p.status for p in uow.session.execute(select(Pairing)).scalars()}
        expired = [
            r.status for r in uow.session.execute(select(PairingRequest)).scalars() if r.mentee_id == FINN.user_id
        ]
        stalled = uow.session.execute(select(Rhythm).where(col(Rhythm.pairing_id) == 1)).scalar_one().stalled_at
    assert kept == {("mentee", 0), ("mentor", 0)}
    assert statuses == {ALICE.user_id: PairingStatus.ACTIVE.value, EVA.user_id: PairingStatus.ENDED.value}
    assert expired == ["expired"]
    assert stalled is not None
