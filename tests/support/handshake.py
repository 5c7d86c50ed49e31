"""Steps of the handshake that many scenarios take: ask a mentor, find the request in their DM."""

from __future__ import annotations

from typing import Any

from bot.standin.driver import SlackDriver
from bot.standin.payloads import text_submission
from bot.standin.server import Call, SlackStandIn
from handlers.blocks.handshake import ASK


def ask(driver: SlackDriver, mentee: str, mentor: str, note: str = "") -> dict[str, Any]:
    driver.click(mentee, ASK, mentor)
    answer: dict[str, Any] = driver.interaction(text_submission(mentee, "request", mentor, note)).json()
    return answer


def dms_to(slack: SlackStandIn, user_id: str) -> list[Call]:
    return [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == user_id]


def request_id(slack: SlackStandIn, mentor: str) -> str:
    """The id on the Accept button of the newest request in the mentor's DM."""
    return request_id_in(dms_to(slack, mentor)[-1].args)


def request_id_in(message: dict[str, Any]) -> str:
    [buttons] = [block for block in message["blocks"] if block["type"] == "actions"]
    return str(buttons["elements"][0]["value"])
