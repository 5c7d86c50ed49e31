"""Payloads as Slack sends them to the bot, for the tests and the demo."""

from __future__ import annotations

from typing import Any


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
) -> dict[str, Any]:
    """A `view_submission` of the profile modal, as Slack sends it."""

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
    return {
        "type": "view_submission",
        "team": {"id": "TSTANDIN"},
        "user": {"id": user_id},
        "api_app_id": "ASTANDIN",
        "trigger_id": "1.submission",
        "view": {"id": "VPROFILE", "type": "modal", "callback_id": "profile", "state": {"values": values}},
    }
