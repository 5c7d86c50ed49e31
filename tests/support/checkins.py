"""Steps of the check-in scenarios: tick at a moment, find the question, answer it, pause."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import view_submission
from bot.standin.server import Call, SlackStandIn
from handlers.blocks.checkins import MET_CALLBACK, PAUSE_CALLBACK, YES
from storage.models import Pairing
from tests.factories import ALICE, DAAN
from tests.support.handshake import dms_to


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, moment: str) -> None:
    clock.move_to(moment)
    mentorbot.operations.tick()


def asks_to(slack: SlackStandIn, user_id: str) -> list[Call]:
    """The 'did you meet?' questions sent to `user_id`."""
    return [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == user_id and _has(call, YES)]


def nudges(slack: SlackStandIn) -> list[Call]:
    """The pair's 'time to catch up' nudges (in English)."""
    return [call for call in slack.calls_to("chat.postMessage") if "Time to catch up" in str(call.args.get("text"))]


def notes_to(slack: SlackStandIn, user_id: str) -> list[dict[str, Any]]:
    """The quiet-pairing notes Alice (in English) or Daan (in Dutch) got about the other."""
    other, catalog = (DAAN.user_id, EN) if user_id == ALICE.user_id else (ALICE.user_id, NL)
    note = catalog["checkin.quiet"].format(other=f"<@{other}>")
    return [call.args for call in dms_to(slack, user_id) if call.args["text"] == note]


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


def cadence_choice(user_id: str, action: dict[str, Any], slack: SlackStandIn) -> dict[str, Any]:
    """A pick from the cadence menu in a message, as Slack sends it."""
    return {
        "type": "block_actions",
        "team": {"id": "TSTANDIN"},
        "user": {"id": user_id},
        "api_app_id": "ASTANDIN",
        "trigger_id": slack.new_trigger_id(),
        "response_url": slack.response_url(),
        "container": {"type": "message"},
        "actions": [{**action, "action_id": "checkin.cadence", "block_id": "b", "action_ts": "1"}],
    }
