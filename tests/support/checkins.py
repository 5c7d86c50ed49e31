"""Steps of the check-in scenarios: tick at a moment, find the question, answer it, pause."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.standin.driver import SlackDriver
from bot.standin.payloads import view_submission
from bot.standin.server import Call, SlackStandIn
from handlers.blocks.checkins import MET_CALLBACK, PAUSE_CALLBACK, YES
from storage.models import Pairing


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, moment: str) -> None:
    clock.move_to(moment)
    mentorbot.operations.tick()


def asks_to(slack: SlackStandIn, user_id: str) -> list[Call]:
    """The 'did you meet?' questions sent to `user_id`."""
    return [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == user_id and _has(call, YES)]


def _has(call: Call, action_id: str) -> bool:
    blocks: list[dict[str, Any]] = call.args.get("blocks") or []
    return any(e.get("action_id") == action_id for b in blocks if b["type"] == "actions" for e in b["elements"])


def value_of(call: Call) -> str:
    [buttons] = [b for b in call.args["blocks"] if b["type"] == "actions"]
    return str(buttons["elements"][0]["value"])


def met(driver: SlackDriver, user_id: str, value: str, day: str = "2027-03-10", progress: str = "4") -> Any:
    values = {
        "date": {"value": {"type": "datepicker", "selected_date": day}},
        "note": {"value": {"type": "plain_text_input", "value": "<!channel> we talked"}},
        "progress": {"value": {"type": "static_select", "selected_option": {"value": progress}}},
    }
    return driver.interaction(view_submission(user_id, MET_CALLBACK, values, value)).json()


def pause_until(driver: SlackDriver, user_id: str, pairing: str, day: str) -> Any:
    values = {"date": {"value": {"type": "datepicker", "selected_date": day}}}
    return driver.interaction(view_submission(user_id, PAUSE_CALLBACK, values, pairing)).json()


def status_of(mentorbot: Mentorbot) -> str:
    with mentorbot.engine.connect() as connection:
        return str(connection.execute(select(col(Pairing.status))).scalar_one())
