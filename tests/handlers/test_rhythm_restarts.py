"""A rhythm that starts again (a new cadence, the bot back after downtime) tells nobody they went quiet."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.checkins.planning import PromptKind
from bot.checkins.rules import Cadence
from bot.i18n import EN
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.models import OutboxRow, OutboxState, Rhythm
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN
from tests.support.checkins import asks_to, cadence_choice, notes_to, nudges, value_of
from tests.support.handshake import dms_to

# Alice (New York, the mentee) and Daan (Amsterdam) pair on Monday 1 March 2027 (tests/handlers/conftest.py).


def tick_hourly(
    mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory, start: str, end: str
) -> dict[int, str]:
    """Ticks as `serve` would (every minute; hourly is enough here: each prompt is due on the hour).

    The day (UTC) of each Slack call the ticks made, by the call's `id()`.
    """
    days: dict[int, str] = {}
    moment, until = datetime.fromisoformat(start), datetime.fromisoformat(end)
    while moment <= until:
        clock.move_to(moment)
        made = len(slack.calls)
        mentorbot.operations.tick()
        days.update({id(call): moment.date().isoformat() for call in slack.calls[made:]})
        moment += timedelta(hours=1)
    return days


def stalled_at(mentorbot: Mentorbot) -> datetime | None:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return uow.session.execute(select(Rhythm)).scalar_one().stalled_at


def waiting_asks(mentorbot: Mentorbot) -> list[str]:
    """The keys of the questions waiting to be sent."""
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        query = select(col(OutboxRow.unique_key)).where(
            col(OutboxRow.kind) == PromptKind.ASK.value, col(OutboxRow.state) == OutboxState.PENDING.value
        )
        return sorted(str(key) for key in uow.session.execute(query).scalars())


def told_stalled(slack: SlackStandIn) -> bool:
    stalled = EN["checkin.stalled.mentee"].format(mentor=f"<@{DAAN.user_id}>")
    return any(str(call.args["text"]).startswith(stalled) for call in dms_to(slack, ALICE.user_id))


def asked(slack: SlackStandIn, user_id: str, days: dict[int, str]) -> list[tuple[str, str]]:
    """The questions `user_id` got: (the button's pairing and period, the day)."""
    return [(value_of(call), days[id(call)]) for call in asks_to(slack, user_id)]


class TestACadenceChange:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return replace(settings, checkin_cadence=Cadence.MONTHLY)

    @pytest.mark.usefixtures("paired")
    def test_weekly_from_monthly_starts_a_new_period_and_cancels_the_monthly_question(
        self, mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
    ) -> None:
        tick_hourly(mentorbot, slack, clock, "2027-03-01 12:00", "2027-03-02 12:00")  # the monthly period is planned
        clock.move_to("2027-03-23 12:00")  # Tuesday: Alice picks "weekly" from the cadence menu
        value = {"type": "static_select", "selected_option": {"value": "1:weekly"}}
        driver.interaction(cadence_choice(ALICE.user_id, value, slack))
        # The monthly questions are cancelled with the change (not left for a tick to skip); the weekly ones wait.
        assert waiting_asks(mentorbot) == [f"checkin.ask:1:1:{ALICE.user_id}", f"checkin.ask:1:1:{DAAN.user_id}"]

        days = tick_hourly(mentorbot, slack, clock, "2027-03-23 12:00", "2027-04-01 23:00")

        assert stalled_at(mentorbot) is None
        assert not told_stalled(slack)
        assert notes_to(slack, ALICE.user_id) == notes_to(slack, DAAN.user_id) == []
        # The monthly question (period 0, due Tuesday 30 March) never goes out; the weekly one, from the
        # change on Tuesday 23 March, comes two working days before it ends: Friday 26 March.
        for user_id in (ALICE.user_id, DAAN.user_id):
            assert asked(slack, user_id, days) == [("1:1", "2027-03-26")]


class TestDowntime:
    @pytest.fixture
    def settings(self, settings: Settings) -> Settings:
        return replace(settings, checkin_cadence=Cadence.WEEKLY)

    @pytest.mark.usefixtures("paired")
    def test_three_weeks_without_a_tick_mark_nobody_stalled_and_the_rhythm_resumes_from_now(
        self, mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory
    ) -> None:
        mentorbot.operations.tick()  # the first week is planned on Monday 1 March; then nothing until the 23rd

        days = tick_hourly(mentorbot, slack, clock, "2027-03-23 12:00", "2027-03-29 23:00")

        assert stalled_at(mentorbot) is None
        assert not told_stalled(slack)
        assert notes_to(slack, ALICE.user_id) == notes_to(slack, DAAN.user_id) == []
        # One catch-up prompt for the pair when it is back: the nudge; the first week's questions expired unsent.
        pair = [*nudges(slack), *asks_to(slack, ALICE.user_id), *asks_to(slack, DAAN.user_id)]
        back = [days[id(call)] for call in pair if days[id(call)] in ("2027-03-23", "2027-03-24")]
        assert len(back) == 1
        assert len(nudges(slack)) == 1
        # A week from the return (Tuesday 23 March), asked two working days before its end: Friday 26 March.
        for user_id in (ALICE.user_id, DAAN.user_id):
            assert asked(slack, user_id, days) == [("1:1", "2027-03-26")]

    @pytest.mark.usefixtures("paired")
    def test_a_week_whose_questions_expired_unsent_is_not_a_quiet_one(
        self, mentorbot: Mentorbot, slack: SlackStandIn, clock: FrozenDateTimeFactory
    ) -> None:
        mentorbot.operations.tick()  # the first week is planned; the bot is down until Thursday 11 March
        # Back at 16:00: the first week's questions (Thursday 4 March) expired unsent; the second week's are asked.
        days = tick_hourly(mentorbot, slack, clock, "2027-03-11 16:00", "2027-03-16 23:00")

        for user_id in (ALICE.user_id, DAAN.user_id):
            assert asked(slack, user_id, days) == [("1:1", "2027-03-12")]
        # One week they were asked and didn't log a check-in: not two, so no note.
        assert notes_to(slack, ALICE.user_id) == notes_to(slack, DAAN.user_id) == []
