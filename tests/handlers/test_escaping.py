"""What people type never pings @channel, mentions anyone or forges a link, wherever the bot shows it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened, profile_submission, text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK, DECLINE
from tests.factories import ALICE, BEA, CHEN, EVA, HOSTILE

TYPED = " ".join(HOSTILE)


def strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a call's arguments, with its key.

    A plain_text_input's `initial_value` is skipped: it gives people back, in an edit box, exactly
    what they typed; Slack shows it as typed and never reads mentions or links in it.
    """
    if isinstance(value, str):
        if key != "initial_value":
            yield key, value
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from strings(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item, key)


def request_of(slack: SlackStandIn, mentor: str) -> str:
    [request] = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == mentor]
    return str(request.args["blocks"][-1]["elements"][0]["value"])


def raw_hostile(payload: Any) -> list[str]:
    return [f"{key}: {text}" for key, text in strings(payload) for bad in HOSTILE if bad in text]


def test_hostile_text_in_every_field_is_never_posted_raw(driver: SlackDriver, slack: SlackStandIn) -> None:
    answers = [
        driver.interaction(profile_submission(ALICE.user_id, goals=f"Python {TYPED}", capacity=TYPED)),
        driver.interaction(profile_submission(ALICE.user_id, goals=f"Python {TYPED}")),
        driver.interaction(profile_submission(BEA.user_id, role="both", skills=f"Python {TYPED}", goals=TYPED)),
    ]
    answers.append(driver.interaction(profile_submission(CHEN.user_id, role="mentor", skills=f"Python {TYPED}")))
    for user_id in (ALICE.user_id, BEA.user_id):
        for command in ("find", "status", "profile", TYPED, f"find {TYPED}"):
            driver.command(user_id, command)
        driver.event(home_opened(user_id))
    answers.append(driver.interaction(profile_submission(EVA.user_id, role="mentor", skills=f"Python {TYPED}")))
    for mentor in (BEA.user_id, CHEN.user_id, EVA.user_id):
        driver.click(ALICE.user_id, ASK, mentor)
        answers.append(driver.interaction(text_submission(ALICE.user_id, "request", mentor, f"Hi {TYPED}")))
    driver.click(CHEN.user_id, DECLINE, request_of(slack, CHEN.user_id))
    answers.append(driver.interaction(text_submission(CHEN.user_id, "decline", request_of(slack, CHEN.user_id), TYPED)))
    driver.click(BEA.user_id, ACCEPT, request_of(slack, BEA.user_id))

    shown = [call.args for call in slack.calls] + [json.loads(answer.body) for answer in answers]
    # Each path ran: commands answered, dialogs opened, and the declined, accepted and withdrawn copies updated.
    assert len(slack.calls_to("response_url")) >= 8
    assert len(slack.calls_to("views.open")) >= 5
    assert len(slack.calls_to("chat.update")) == 3
    assert any("Python &lt;!channel&gt;" in json.dumps(args) for args in shown)  # shown, but escaped
    assert [problem for args in shown for problem in raw_hostile(args)] == []
    assert [call.method for call in slack.calls if not call.answered_ok] == []  # all passed Slack's checks
