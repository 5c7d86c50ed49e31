"""`/mentor admin digest`: an HR admin's private preview, and its button that posts the digest now, once; anyone
else is refused the command and the button, and a forged click changes nothing."""

from __future__ import annotations

import json
import logging
from typing import Any

import pytest
from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import EN
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.digest.preview import POST_NOW
from tests.factories import ALICE, BEA
from tests.support.digest import HR_CHANNEL, MONDAY_W11, charts_in, digests_in, tick_at

WEDNESDAY = "2027-03-17 10:00"


def reply_to(driver: SlackDriver, slack: SlackStandIn, user_id: str, text: str) -> dict[str, Any]:
    before = len(slack.calls_to("response_url"))
    with freeze_time(WEDNESDAY):
        driver.command(user_id, text)
    [reply] = slack.calls_to("response_url")[before:]
    assert reply.answered_ok
    assert reply.args["response_type"] == "ephemeral"
    return reply.args


def button_value(reply: dict[str, Any]) -> str:
    [button] = [
        element
        for block in reply["blocks"]
        if block["type"] == "actions"
        for element in block["elements"]
        if element["action_id"] == POST_NOW
    ]
    return str(button["value"])


def click(driver: SlackDriver, slack: SlackStandIn, user_id: str, value: str) -> str:
    before = len(slack.calls_to("response_url"))
    with freeze_time(WEDNESDAY):
        driver.click(user_id, POST_NOW, value)
    [answer] = slack.calls_to("response_url")[before:]
    return str(answer.args["text"])


def test_an_admin_previews_the_digest_privately_with_a_button_to_post_it_now(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    reply = reply_to(driver, slack, BEA.user_id, "admin digest")

    shown = json.dumps(reply, ensure_ascii=False)
    assert "2027-W11" in shown
    assert EN["admin.digest.preview_note"].format(channel=f"<#{HR_CHANNEL}>") in shown
    assert len(button_value(reply)) == 32
    assert digests_in(slack, HR_CHANNEL) == []  # a preview posts nothing


def test_post_now_posts_once_on_a_double_click_and_leaves_the_weekly_digest_alone(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    tick_at(mentorbot, MONDAY_W11)  # the weekly one of week 11
    value = button_value(reply_to(driver, slack, BEA.user_id, "admin digest"))

    answers = [click(driver, slack, BEA.user_id, value), click(driver, slack, BEA.user_id, value)]
    tick_at(mentorbot, "2027-03-22 08:00")  # week 12's, at its time

    assert answers == [EN["admin.digest.posting"], EN["admin.digest.already"]]
    assert len(digests_in(slack, HR_CHANNEL)) == len(charts_in(slack, HR_CHANNEL)) == 3
    asked = json.dumps(digests_in(slack, HR_CHANNEL)[1])
    assert EN["digest.asked_by"].format(who=f"<@{BEA.user_id}>") in asked


def test_a_second_preview_can_be_posted_too(driver: SlackDriver, slack: SlackStandIn) -> None:
    first = button_value(reply_to(driver, slack, BEA.user_id, "admin digest"))
    second = button_value(reply_to(driver, slack, BEA.user_id, "admin digest"))

    assert first != second
    assert [click(driver, slack, BEA.user_id, v) for v in (first, second)] == [EN["admin.digest.posting"]] * 2
    assert len(digests_in(slack, HR_CHANNEL)) == 2


def test_someone_not_an_hr_admin_is_refused_the_preview(
    driver: SlackDriver, slack: SlackStandIn, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)

    reply = reply_to(driver, slack, ALICE.user_id, "admin digest")

    assert reply["text"] == EN["admin.refused"]
    assert "blocks" not in reply or POST_NOW not in json.dumps(reply)
    assert not [r for r in caplog.records if "digest" in r.getMessage()]


def test_a_forged_click_changes_nothing_and_is_logged_without_its_payload(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, caplog: pytest.LogCaptureFixture
) -> None:
    value = button_value(reply_to(driver, slack, BEA.user_id, "admin digest"))
    caplog.set_level(logging.DEBUG)

    answer = click(driver, slack, ALICE.user_id, value)
    tick_at(mentorbot, "2027-03-17 10:05")

    assert answer == EN["admin.refused"]
    assert digests_in(slack, HR_CHANNEL) == []
    refusals = [r.getMessage() for r in caplog.records if r.name.startswith("handlers.digest")]
    assert refusals == ["a digest 'post now' click refused: the clicker is not an HR admin"]
    assert not [r for r in caplog.records if value in r.getMessage()]
    assert click(driver, slack, BEA.user_id, value) == EN["admin.digest.posting"]  # the admin's own still works


@pytest.mark.parametrize("value", ["", "not-a-preview", "digest:2027-W11", "0" * 31])
def test_a_button_value_that_is_no_preview_is_refused(driver: SlackDriver, slack: SlackStandIn, value: str) -> None:
    assert click(driver, slack, BEA.user_id, value) == EN["payload.bad_button"]
    assert digests_in(slack, HR_CHANNEL) == []


@pytest.mark.parametrize("hr_channel", [None])
def test_without_an_hr_channel_the_preview_says_why_and_how_to_set_it(driver: SlackDriver, slack: SlackStandIn) -> None:
    reply = reply_to(driver, slack, BEA.user_id, "admin digest")

    assert reply["text"] == EN["admin.digest.no_channel"]
    assert "HR_CHANNEL" in reply["text"]
    assert "/invite @Mentorbot" in reply["text"]
    assert POST_NOW not in json.dumps(reply)


def test_the_help_lists_admin_digest_to_admins_only(driver: SlackDriver, slack: SlackStandIn) -> None:
    assert EN["help.cmd.admin_digest"] in json.dumps(reply_to(driver, slack, BEA.user_id, "help"), ensure_ascii=False)
    assert EN["help.cmd.admin_digest"] not in json.dumps(reply_to(driver, slack, ALICE.user_id, "help"))
