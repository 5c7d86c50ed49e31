"""Payloads as Slack sends them to the bot, for the tests and the demo."""

from __future__ import annotations

import time
from typing import Any


def slash_command(user_id: str, text: str, *, command: str, response_url: str, trigger_id: str) -> dict[str, str]:
    """A slash command's fields, as Slack posts them (a form) or puts them in a Socket Mode envelope."""
    return {
        "token": "legacy-unused",
        "team_id": "TSTANDIN",
        "channel_id": "CGENERAL",
        "user_id": user_id,
        "command": command,
        "text": text,
        "response_url": response_url,
        "trigger_id": trigger_id,
    }


def event_callback(event: dict[str, Any], event_id: str) -> dict[str, Any]:
    """The Events API's outer envelope around one event."""
    return {
        "type": "event_callback",
        "team_id": "TSTANDIN",
        "api_app_id": "ASTANDIN",
        "event_id": event_id,
        "event_time": int(time.time()),
        "event": event,
    }


def home_opened(user_id: str) -> dict[str, str]:
    return {"type": "app_home_opened", "user": user_id, "channel": "DHOME", "tab": "home"}


def profile_submission(
    user_id: str,
    *,
    role: str = "mentee",
    area: str = "Engineering",
    skills: str = "",
    goals: str = "Python, testing",
    capacity: str = "2",
    available: str = "open",
    likes_newcomers: str = "",  # any text ticks the box (text: the profile fixture passes only text)
    callback_id: str = "profile",
) -> dict[str, Any]:
    """A `view_submission` of the profile modal (or the welcome's buddy dialog, by its `callback_id`)."""

    def choice(value: str) -> dict[str, Any]:
        return {"value": {"type": "radio_buttons", "selected_option": {"value": value}}} if value else {}

    values = {
        "role": choice(role),
        "function_area": {"value": {"type": "static_select", "selected_option": {"value": area}}},
        "skills": {"value": {"type": "plain_text_input", "value": skills or None}},
        "goals": {"value": {"type": "plain_text_input", "value": goals or None}},
        "capacity": {"value": {"type": "plain_text_input", "value": capacity}},
        "available": choice(available),
    }
    if likes_newcomers:  # a ticked box; an unticked one is sent without selected options
        ticked = [{"value": "likes_newcomers"}]
        values["likes_newcomers"] = {"value": {"type": "checkboxes", "selected_options": ticked}}
    return view_submission(user_id, callback_id, values)


def text_submission(user_id: str, callback_id: str, metadata: str, text: str = "") -> dict[str, Any]:
    """A dialog with one text field (a request's note, a decline's reason), submitted."""
    values = {"text": {"value": {"type": "plain_text_input", "value": text or None}}}
    return view_submission(user_id, callback_id, values, metadata)


def view_submission(user_id: str, callback_id: str, values: dict[str, Any], metadata: str = "") -> dict[str, Any]:
    return {
        "type": "view_submission",
        "team": {"id": "TSTANDIN"},
        "user": {"id": user_id},
        "api_app_id": "ASTANDIN",
        "trigger_id": "1.submission",
        "view": {
            "id": "VDIALOG",
            "type": "modal",
            "callback_id": callback_id,
            "private_metadata": metadata,
            "state": {"values": values},
        },
    }


def block_action(
    user_id: str, action_id: str, value: str, *, trigger_id: str, response_url: str | None
) -> dict[str, Any]:
    """A button click; a click on the App Home tab comes without a response_url."""
    payload: dict[str, Any] = {
        "type": "block_actions",
        "team": {"id": "TSTANDIN"},
        "user": {"id": user_id},
        "api_app_id": "ASTANDIN",
        "trigger_id": trigger_id,
        "container": {"type": "view" if response_url is None else "message"},
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b", "value": value, "action_ts": "1"}],
    }
    if response_url is not None:
        payload["response_url"] = response_url
    return payload
