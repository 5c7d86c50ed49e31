"""Someone deactivated or deleted in Slack: their pairings end the day they leave, and ERASE_AFTER_DAYS (30)
later the tick erases everything of theirs, as `/mentor privacy delete` would."""

from __future__ import annotations

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import SQLModel

from bot.app import Mentorbot
from bot.i18n import NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, DAAN
from tests.support.handshake import dms_to


def cells_naming(mentorbot: Mentorbot, user_id: str) -> list[str]:
    with mentorbot.engine.connect() as connection:
        return [
            table.name
            for table in SQLModel.metadata.sorted_tables
            for row in connection.execute(select(table))
            if any(user_id in str(cell) for cell in row)
        ]


def leaves(driver: SlackDriver, slack: SlackStandIn, user_id: str) -> None:
    slack.state.users[user_id] |= {"deleted": True}
    driver.event({"type": "user_change", "user": {"id": user_id, "deleted": True}})


@pytest.mark.usefixtures("paired")
def test_a_leaver_is_erased_thirty_days_after_leaving_and_nobody_is_told_twice(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    leaves(driver, slack, ALICE.user_id)
    told = len(dms_to(slack, DAAN.user_id))
    assert told > 0  # the day she left, Daan heard their pairing ended (bot.lifecycle's Left)

    clock.tick(29 * 86400)
    assert mentorbot.operations.tick().people_erased == 0
    assert "profile" in cells_naming(mentorbot, ALICE.user_id)

    clock.tick(86400)
    assert mentorbot.operations.tick().people_erased == 1

    assert cells_naming(mentorbot, ALICE.user_id) == []
    assert mentorbot.operations.tick().people_erased == 0
    assert [c for c in dms_to(slack, DAAN.user_id)[told:] if c.args["text"] == NL["privacy.erased.partner"]] == []


@pytest.mark.usefixtures("paired")
def test_someone_who_comes_back_is_not_erased(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    leaves(driver, slack, ALICE.user_id)
    clock.tick(10 * 86400)
    slack.state.users[ALICE.user_id] |= {"deleted": False}
    driver.event({"type": "user_change", "user": {"id": ALICE.user_id, "deleted": False}})

    clock.tick(30 * 86400)

    assert mentorbot.operations.tick().people_erased == 0
    assert "profile" in cells_naming(mentorbot, ALICE.user_id)
