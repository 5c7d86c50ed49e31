"""`/mentor privacy delete`: asked first, then everything of the person's erased; the partner told once, kindly."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from sqlmodel import SQLModel

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.privacy.blocks import DELETE
from storage.db import make_session_factory
from storage.models import FeedbackGiven
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN
from tests.support.handshake import dms_to
from tests.support.privacy import ALICE_GOALS, ALICE_NOTE, CHECKIN_NOTE


def every_cell(mentorbot: Mentorbot) -> list[tuple[str, str]]:
    """(table, cell) for every cell of every table the models declare: a new table can't be forgotten."""
    with mentorbot.engine.connect() as connection:
        return [
            (table.name, str(cell))
            for table in SQLModel.metadata.sorted_tables
            for row in connection.execute(select(table))
            for cell in row
        ]


def last_reply(slack: SlackStandIn) -> str:
    reply = slack.calls_to("response_url")[-1]
    assert reply.answered_ok
    return json.dumps(reply.args, ensure_ascii=False)


def told_daan(slack: SlackStandIn) -> int:
    return sum(1 for call in dms_to(slack, DAAN.user_id) if call.args["text"] == NL["privacy.erased.partner"])


@pytest.fixture
def erased(programme: None, mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn) -> None:
    """Alice, who also gave feedback this week, erases her data after reading what goes."""
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        uow.session.add(FeedbackGiven(week="2027-W22", topic="programme", user_id=ALICE.user_id))
        uow.commit()
    driver.command(ALICE.user_id, "admin feedback")  # refused, and recorded under her id
    driver.command(ALICE.user_id, "privacy delete")
    asked = last_reply(slack)
    assert EN["privacy.delete.what_goes"] in asked
    assert ALICE.user_id in str([c for _, c in every_cell(mentorbot)])  # nothing is erased before the click
    driver.click(ALICE.user_id, DELETE, "me")
    assert EN["privacy.delete.done"] in last_reply(slack)


@pytest.mark.usefixtures("erased")
def test_no_row_of_any_table_holds_her_id_her_goals_or_her_words(mentorbot: Mentorbot) -> None:
    cells = every_cell(mentorbot)

    assert cells
    for private in (ALICE.user_id, ALICE.name, "Alice", ALICE_GOALS, ALICE_NOTE, CHECKIN_NOTE):
        assert [(table, cell) for table, cell in cells if private in cell] == [], private


@pytest.mark.usefixtures("erased")
def test_her_mentor_is_told_once_and_his_status_and_home_show_a_former_participant(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    assert told_daan(slack) == 1
    [home] = [c for c in slack.calls_to("views.publish") if c.args["user_id"] == DAAN.user_id][-1:]
    assert NL["privacy.former_participant"] in json.dumps(home.args, ensure_ascii=False)

    driver.command(DAAN.user_id, "status")

    status = last_reply(slack)
    assert NL["privacy.former_participant"] in status
    assert "gone-" not in status


@pytest.mark.usefixtures("erased")
def test_the_copy_of_her_request_in_her_mentors_dm_no_longer_quotes_her(slack: SlackStandIn) -> None:
    [update] = [c for c in slack.calls_to("chat.update") if c.args["text"] == NL["privacy.erased.request"]]

    assert update.args["channel"] == DAAN.user_id or update.args["channel"].startswith("D")
    assert ALICE_NOTE not in json.dumps(update.args)


@pytest.mark.usefixtures("erased")
def test_a_second_click_erases_nothing_more_and_tells_nobody(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(ALICE.user_id, DELETE, "me")

    assert EN["privacy.delete.nothing"] in last_reply(slack)
    assert told_daan(slack) == 1
    assert not [cell for _, cell in every_cell(mentorbot) if ALICE.user_id in cell]
