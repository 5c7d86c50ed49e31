"""A dialog opens within its trigger's 3 seconds even when Slack is slow to say who someone is.

The language comes from the cache however old (or the workspace default), the dialog opens,
and only then is the cache refreshed. The stand-in's `slow_down` ages triggers on its own
clock, so nobody waits.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import timedelta

import pytest
from sqlalchemy import update

from bot.app import Mentorbot
from bot.i18n import NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ASK, DECLINE
from handlers.blocks.home import EDIT_PROFILE
from storage.db import make_session_factory, utcnow
from storage.models import Person
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN

SLOW_SLACK_SECONDS = 3.2
Profile = Callable[..., None]


def a_day_old_cache(mentorbot: Mentorbot) -> None:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        uow.session.execute(update(Person).values(fetched_at=utcnow() - timedelta(days=2)))
        uow.commit()


def opened_in_dutch(slack: SlackStandIn, title_key: str) -> bool:
    [opened] = slack.calls_to("views.open")
    return opened.answered_ok and NL[title_key] in json.dumps(opened.args["view"], ensure_ascii=False)


def refreshed_after_opening(slack: SlackStandIn) -> bool:
    methods = [call.method for call in slack.calls if call.method in ("views.open", "users.info")]
    return methods[-2:] == ["views.open", "users.info"]


@pytest.fixture
def slow_slack(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> SlackStandIn:
    """Daan is known to the bot (in Dutch) since yesterday; now `users.info` takes 3.2 seconds."""
    driver.command(DAAN.user_id, "help")
    a_day_old_cache(mentorbot)
    slack.slow_down("users.info", SLOW_SLACK_SECONDS)
    slack.state.calls.clear()
    return slack


def test_mentor_profile_opens_its_dialog_before_asking_slack(driver: SlackDriver, slow_slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "profile")

    assert opened_in_dutch(slow_slack, "profile.title")
    assert slow_slack.calls_to("response_url") == []
    assert refreshed_after_opening(slow_slack)


def test_the_edit_button_opens_its_dialog_before_asking_slack(driver: SlackDriver, slow_slack: SlackStandIn) -> None:
    driver.click(DAAN.user_id, EDIT_PROFILE, in_home=True)

    assert opened_in_dutch(slow_slack, "profile.title")
    assert refreshed_after_opening(slow_slack)


def test_the_request_button_opens_its_dialog_before_asking_slack(driver: SlackDriver, slow_slack: SlackStandIn) -> None:
    driver.click(DAAN.user_id, ASK, ALICE.user_id)

    assert opened_in_dutch(slow_slack, "request.title")
    assert slow_slack.calls_to("response_url") == []
    assert refreshed_after_opening(slow_slack)


def test_the_decline_button_opens_its_dialog_before_asking_slack(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(DAAN.user_id, role="mentor", skills="Python")
    driver.click(ALICE.user_id, ASK, DAAN.user_id)
    driver.interaction(text_submission(ALICE.user_id, "request", DAAN.user_id))
    [request] = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == DAAN.user_id]
    request_id = next(b for b in request.args["blocks"] if b["type"] == "actions")["elements"][0]["value"]
    a_day_old_cache(mentorbot)
    slack.slow_down("users.info", SLOW_SLACK_SECONDS)
    slack.state.calls.clear()

    driver.click(DAAN.user_id, DECLINE, request_id)

    assert opened_in_dutch(slack, "decline.title")
    assert refreshed_after_opening(slack)
