"""A person's knowledge sessions in their privacy export, and gone when they erase their data."""

from __future__ import annotations

import json
from typing import Any

from bot.app import Mentorbot
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.knowledge.blocks import JOIN
from handlers.privacy.blocks import DELETE
from tests.factories import ALICE, BEA
from tests.support.knowledge import seats_table


def exported(driver: SlackDriver, slack: SlackStandIn, user_id: str) -> dict[str, Any]:
    driver.command(user_id, "privacy export")
    share = next(share for share in slack.files_in(slack.dm_of(user_id)) if share.filename.endswith(".json"))
    document: dict[str, Any] = json.loads(share.content.decode())
    return document


def test_the_export_lists_the_sessions_hosted_and_joined(hosted: int, driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.click(ALICE.user_id, JOIN, str(hosted))

    alice, bea = exported(driver, slack, ALICE.user_id), exported(driver, slack, BEA.user_id)

    assert alice["knowledge_sessions_joined"] == [
        {
            "session": 1,
            "title": "Git rebase",
            "starts_at": "2027-03-03T15:00:00+00:00",
            "your_place": "attending",
            "joined_at": "2027-03-01T12:00:00+00:00",
        }
    ]
    [session] = bea["knowledge_sessions_hosted"]
    assert (session["title"], session["seats_taken"]) == ("Git rebase", 1)


def test_erasing_ones_data_takes_ones_seats_away(
    hosted: int, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(ALICE.user_id, JOIN, str(hosted))

    driver.command(ALICE.user_id, "privacy delete")
    driver.click(ALICE.user_id, DELETE, "me")

    assert seats_table(mentorbot.engine) == []
