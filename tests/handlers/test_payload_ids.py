"""Ids read from buttons and dialogs are checked before use: a wrong one gets a clear message, not a wrong one."""

from __future__ import annotations

import json
from collections.abc import Callable
from urllib.parse import urlencode

import pytest
from sqlalchemy import func, select

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import block_action, text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK, DECLINE, WITHDRAW
from handlers.blocks.home import FIND_MENTOR
from storage.models import PairingRequest
from tests.factories import ALICE, BEA, CHEN, DAAN
from tests.support.slack import SLACK_TIMEOUT_SECONDS

Profile = Callable[..., None]


def requests(mentorbot: Mentorbot) -> int:
    with mentorbot.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(PairingRequest)).scalar_one())


def dms_to(slack: SlackStandIn, user_id: str) -> list[str]:
    return [str(c.args["text"]) for c in slack.calls_to("chat.postMessage") if c.args["channel"] == user_id]


@pytest.mark.parametrize("value", ["click_me_123", "", "<@U123>", "u0bob0001"])
def test_a_request_button_without_a_mentor_id_says_so_instead_of_naming_nobody(
    driver: SlackDriver, slack: SlackStandIn, value: str
) -> None:
    driver.click(ALICE.user_id, ASK, value)

    [opened] = slack.calls_to("views.open")
    shown = json.dumps(opened.args["view"])
    assert opened.answered_ok
    assert EN["payload.bad_button"] in shown
    assert "<@" not in shown


@pytest.mark.parametrize("action_id", [ACCEPT, DECLINE, WITHDRAW])
@pytest.mark.parametrize("value", ["clicked", "click_me_123", "0", "-1", "99999999999"])
def test_an_answer_button_without_a_request_id_says_so(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, action_id: str, value: str
) -> None:
    assert driver.click(BEA.user_id, action_id, value).status == 200

    [reply] = slack.calls_to("response_url")
    assert reply.args["text"] == EN["payload.bad_button"]
    assert slack.calls_to("views.open") == []


def test_a_dutch_person_is_told_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.click(DAAN.user_id, ACCEPT, "clicked")

    assert slack.calls_to("response_url")[0].args["text"] == NL["payload.bad_button"]


@pytest.mark.parametrize("metadata", ["", "click_me_123", "<!channel>"])
def test_a_request_dialog_without_a_mentor_id_sends_nothing_and_says_so(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, profile: Profile, metadata: str
) -> None:
    profile(ALICE.user_id)

    answer = driver.interaction(text_submission(ALICE.user_id, "request", metadata, "hello")).json()

    shown = json.dumps(answer["view"])
    assert answer["response_action"] == "update"
    assert EN["payload.bad_dialog"] in shown
    assert "<@" not in shown
    assert requests(mentorbot) == 0
    assert slack.calls_to("chat.postMessage") == []


@pytest.mark.parametrize("metadata", ["", "abc", "0", "99999999999"])
def test_a_decline_dialog_without_a_request_id_says_so(driver: SlackDriver, metadata: str) -> None:
    answer = driver.interaction(text_submission(BEA.user_id, "decline", metadata, "busy")).json()

    assert answer["response_action"] == "update"
    assert EN["payload.bad_dialog"] in json.dumps(answer["view"])


def test_a_click_whose_clicker_is_not_a_user_id_gets_400(driver: SlackDriver, slack: SlackStandIn) -> None:
    payload = block_action("nobody", FIND_MENTOR, "", trigger_id=slack.new_trigger_id(), response_url=None)

    assert driver.interaction(payload).status == 400
    assert slack.calls == []


def test_a_command_whose_user_is_not_a_user_id_gets_400(driver: SlackDriver, slack: SlackStandIn) -> None:
    form = {"command": "/mentor", "text": "help", "user_id": "<@U123>", "response_url": slack.response_url()}

    assert driver.post(urlencode(form)).status == 400
    assert slack.calls == []


@pytest.fixture
def unconfirmed_request(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> tuple[str, str, str]:
    """Alice asked Bea; Slack posted Bea's copy but never confirmed it. Its id, channel and ts."""
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    slack.hang_next("chat.postMessage", SLACK_TIMEOUT_SECONDS + 0.5)  # posted; the answer never comes in time
    driver.click(ALICE.user_id, ASK, BEA.user_id)
    driver.interaction(text_submission(ALICE.user_id, "request", BEA.user_id))
    [(ts, copy)] = slack.messages_in(slack.dm_of(BEA.user_id))
    [buttons] = [block for block in copy["blocks"] if block["type"] == "actions"]
    return str(buttons["elements"][0]["value"]), slack.dm_of(BEA.user_id), ts


def test_a_forged_accept_does_not_record_the_forgers_message_as_the_mentors_copy(
    driver: SlackDriver, slack: SlackStandIn, unconfirmed_request: tuple[str, str, str]
) -> None:
    request_id, beas_dm, beas_ts = unconfirmed_request
    driver.click(CHEN.user_id, FIND_MENTOR, in_home=True)  # something of Chen's, in his DM with the bot
    [(chens_ts, chens_message)] = slack.messages_in(slack.dm_of(CHEN.user_id))

    driver.click(CHEN.user_id, ACCEPT, request_id, message=(slack.dm_of(CHEN.user_id), chens_ts))
    driver.click(BEA.user_id, ACCEPT, request_id, message=(beas_dm, beas_ts))

    assert slack.messages_in(slack.dm_of(CHEN.user_id)) == [(chens_ts, chens_message)]
    [(_, beas_copy)] = slack.messages_in(beas_dm)
    assert beas_copy["text"] == EN["request.accepted.mentor"].format(mentee=f"<@{ALICE.user_id}>")


def test_a_click_from_a_place_that_is_not_a_message_records_nothing(
    driver: SlackDriver, slack: SlackStandIn, unconfirmed_request: tuple[str, str, str]
) -> None:
    request_id, beas_dm, beas_ts = unconfirmed_request

    driver.click(BEA.user_id, DECLINE, request_id, message=("not a channel", "not a ts"))
    driver.click(BEA.user_id, ACCEPT, request_id, message=(beas_dm, beas_ts))

    [(_, beas_copy)] = slack.messages_in(beas_dm)
    assert beas_copy["text"] == EN["request.accepted.mentor"].format(mentee=f"<@{ALICE.user_id}>")
