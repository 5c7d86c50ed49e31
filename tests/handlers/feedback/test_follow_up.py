"""'I'd like HR to follow up with me': that one answer goes, named, to each HR admin, and never into the store."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import select

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.models import OutboxRow
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, CHEN, DAAN, HOSTILE
from tests.support.feedback import give, records, stored, thanks_text
from tests.support.handshake import dms_to

pytestmark = pytest.mark.usefixtures("clock")


def follow_up_box(slack: SlackStandIn) -> list[dict[str, Any]]:
    view = slack.calls_to("views.open")[-1].args["view"]
    return [block for block in view["blocks"] if block.get("block_id") == "follow_up"]


def test_the_dialog_says_on_the_box_that_a_follow_up_is_named(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "feedback")

    [box] = follow_up_box(slack)
    [option] = box["element"]["options"]
    assert option["description"]["text"] == EN["feedback.follow_up.description"]
    assert box["hint"]["text"] == EN["feedback.follow_up.hint"]


def test_a_follow_up_reaches_every_hr_admin_named_and_escaped_and_nothing_is_stored(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn
) -> None:
    said = "Please call me " + " ".join(HOSTILE)

    answer = give(driver, ALICE.user_id, "programme", "2", said, follow_up=True)

    assert thanks_text(answer) == EN["feedback.thanks.follow_up"]
    for admin, catalog in ((BEA.user_id, EN), (CHEN.user_id, EN)):
        [dm] = dms_to(slack, admin)
        shown = json.dumps(dm.args["blocks"])
        assert dm.args["text"] == catalog["feedback.follow_up.dm"].format(
            who=f"<@{ALICE.user_id}>", topic=catalog["feedback.topic.programme"], rating=2
        )
        assert "Please call me &lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt;" in shown
        assert not any(hostile in shown for hostile in HOSTILE)
    assert dms_to(slack, DAAN.user_id) == []
    assert stored(mentorbot.engine) == []
    assert records(mentorbot.engine) == []  # the once-a-week record is not claimed either
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        kinds = [row.kind for row in uow.session.execute(select(OutboxRow)).scalars()]
    assert sorted(kinds) == ["feedback.follow_up", "feedback.follow_up"]


@pytest.mark.parametrize("hr_admins", [frozenset({DAAN.user_id})])
def test_the_follow_up_is_in_the_hr_admins_language(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "help")  # the bot learns Daan's language

    give(driver, ALICE.user_id, "programme", "4", follow_up=True)

    [dm] = dms_to(slack, DAAN.user_id)
    assert NL["feedback.follow_up.no_comment"] in json.dumps(dm.args["blocks"], ensure_ascii=False)


@pytest.mark.parametrize("hr_admins", [frozenset()])
def test_without_hr_admins_the_box_is_not_offered_and_a_forged_one_is_refused_with_why(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn
) -> None:
    driver.command(ALICE.user_id, "feedback")
    assert follow_up_box(slack) == []

    answer = give(driver, ALICE.user_id, "programme", "4", "call me", follow_up=True)

    assert answer == {"response_action": "errors", "errors": {"follow_up": EN["feedback.error.no_hr"]}}
    assert stored(mentorbot.engine) == []
    assert slack.calls_to("chat.postMessage") == []


def test_a_follow_up_does_not_use_up_the_weeks_anonymous_answer(mentorbot: Mentorbot, driver: SlackDriver) -> None:
    give(driver, ALICE.user_id, "programme", "2", follow_up=True)

    anonymous = give(driver, ALICE.user_id, "programme", "3")

    assert thanks_text(anonymous) == EN["feedback.thanks"]
    assert [row.rating for row in stored(mentorbot.engine)] == [3]
