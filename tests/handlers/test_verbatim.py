"""Text people typed is shown as typed: Slack turns none of its bare URLs or `#channel` names into links."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.i18n import EN
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened, text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK, DECLINE
from tests.factories import ALICE, BEA, CHEN

BARE = ("example.com", "#general")
TYPED = "Python, example.com/x, #general"
AREA = "Web (example.com/x, #general)"  # areas are an operator's words, shown the same way


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return dataclasses.replace(settings, function_areas=(AREA, "Design"))


def mrkdwn_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every mrkdwn text object anywhere in a call's arguments, whatever block holds it."""
    if isinstance(value, dict):
        if value.get("type") == "mrkdwn":
            yield value
        for item in value.values():
            yield from mrkdwn_objects(item)
    elif isinstance(value, list):
        for item in value:
            yield from mrkdwn_objects(item)


def request_of(slack: SlackStandIn, mentor: str) -> str:
    [request] = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == mentor]
    return str(request.args["blocks"][-1]["elements"][0]["value"])


def look_around(driver: SlackDriver, user_id: str) -> None:
    for command in ("find", "status", f"learn {TYPED}"):
        driver.command(user_id, command)
    driver.event(home_opened(user_id))


def test_every_text_object_with_typed_text_is_verbatim(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, role="mentee", area=AREA, goals=TYPED)
    profile(BEA.user_id, role="mentor", area=AREA, skills=TYPED)
    profile(CHEN.user_id, role="both", area=AREA, skills=TYPED, goals=TYPED)
    for user_id in (ALICE.user_id, BEA.user_id, CHEN.user_id):
        look_around(driver, user_id)
    answers = []
    for mentor in (BEA.user_id, CHEN.user_id):
        driver.click(ALICE.user_id, ASK, mentor)
        answers.append(driver.interaction(text_submission(ALICE.user_id, "request", mentor, TYPED)))
    driver.click(CHEN.user_id, DECLINE, request_of(slack, CHEN.user_id))
    answers.append(driver.interaction(text_submission(CHEN.user_id, "decline", request_of(slack, CHEN.user_id), TYPED)))
    driver.click(BEA.user_id, ACCEPT, request_of(slack, BEA.user_id))
    for user_id in (ALICE.user_id, BEA.user_id):
        look_around(driver, user_id)

    shown = [(call.method, call.args) for call in slack.calls] + [("ack", json.loads(a.body)) for a in answers]
    carrying = [
        (method, text_object)
        for method, args in shown
        for text_object in mrkdwn_objects(args)
        if any(bare in text_object["text"] for bare in BARE)
    ]
    # Every surface that shows typed text was reached: replies, DMs, the intro, App Home.
    assert {method for method, _ in carrying} >= {"response_url", "chat.postMessage", "views.publish"}
    texts = "\n".join(text_object["text"] for _, text_object in carrying)
    assert EN["intro.agenda.goal"].format(goal="example.com") in texts
    assert EN["match.shared_topics"].format(topics="Python, example.com, #general") in texts
    assert [text_object["text"] for _, text_object in carrying if text_object.get("verbatim") is not True] == []
