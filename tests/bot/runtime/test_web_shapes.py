"""Signed bodies of shapes Slack never sends: Bolt must not see them, so none gets a 5xx or a traceback.

Each payload kind below is sent as Slack sends it, then again with every field (to three levels
deep) removed or replaced by a value of another type, straight through the WSGI entry.
"""

from __future__ import annotations

import copy
import json
import logging
import time
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.app import Mentorbot
from bot.runtime.web import SlackHttpEntry
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import ALICE
from tests.support.slack import SIGNING_SECRET
from tests.support.web import call_entry

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
MISSING = object()
ODD_VALUES: list[Any] = [MISSING, None, "x", "", 5, True, [], ["x"], {}, {"id": 5}]


def interactions(response_url: str) -> dict[str, dict[str, Any]]:
    """One of each kind of interaction payload, with the fields Bolt reads."""
    who = {"team": {"id": "T1"}, "user": {"id": ALICE.user_id, "team_id": "T1"}, "enterprise": {"id": "E1"}}
    view = {"id": "V1", "type": "modal", "callback_id": "decline", "app_installed_team_id": "T1", "team_id": "T1"}
    text = {"text": {"value": {"type": "plain_text_input", "value": "hi"}}}
    return {
        "block_actions": {
            "type": "block_actions",
            **who,
            "trigger_id": "1.t",
            "response_url": response_url,
            "container": {"type": "message", "channel_id": "C1", "message_ts": "1.2"},
            "channel": {"id": "C1"},
            "message": {"ts": "1.2", "user": "U2"},
            "state": {"values": {"b": {"a": {"type": "button"}}}},
            "actions": [{"type": "button", "action_id": "request.accept", "block_id": "b", "value": "1"}],
        },
        "view_submission": {
            "type": "view_submission",
            **who,
            "view": {**view, "private_metadata": "1", "state": {"values": text}},
            "response_urls": [{"response_url": response_url, "channel_id": "C1"}],
        },
        "view_closed": {"type": "view_closed", **who, "view": {**view, "state": {"values": {}}}},
        "shortcut": {"type": "shortcut", **who, "callback_id": "x", "trigger_id": "1.t"},
        "message_action": {
            "type": "message_action",
            **who,
            "callback_id": "x",
            "channel": {"id": "C1"},
            "message": {"ts": "1", "user": "U2"},
            "response_url": response_url,
        },
        "block_suggestion": {"type": "block_suggestion", **who, "action_id": "a", "block_id": "b", "view": view},
        "interactive_message": {"type": "interactive_message", **who, "callback_id": "c", "actions": [{"name": "n"}]},
        "workflow_step_edit": {"type": "workflow_step_edit", **who, "callback_id": "c", "workflow_step": {"id": "x"}},
        "dialog_submission": {"type": "dialog_submission", **who, "callback_id": "c", "submission": {}},
    }


def events() -> dict[str, dict[str, Any]]:
    envelope = {"type": "event_callback", "team_id": "T1", "api_app_id": "A1", "event_id": "Ev1", "event_time": 1}
    authorizations = [{"team_id": "T1", "user_id": "UBOT", "is_bot": True, "is_enterprise_install": False}]
    return {
        "user_change": {
            **envelope,
            "authorizations": authorizations,
            "is_ext_shared_channel": True,
            "event": {"type": "user_change", "user": {"id": ALICE.user_id, "tz": "UTC"}, "user_team": "T1"},
        },
        "message": {
            **envelope,
            "event": {
                "type": "message",
                "channel_type": "im",
                "subtype": "message_changed",
                "message": {"user": "U1", "thread_ts": "1"},
                "previous_message": {"user": "U1"},
                "item": {"channel": "C1"},
                "assistant_thread": {"channel_id": "C1"},
            },
        },
        "url_verification": {"type": "url_verification", "challenge": "abc"},
        "app_rate_limited": {"type": "app_rate_limited", "team_id": "T1", "minute_rate_limited": 1},
    }


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if len(prefix) >= 4:
        return
    children = value.items() if isinstance(value, dict) else enumerate(value[:1]) if isinstance(value, list) else []
    for key, child in children:
        yield (*prefix, key)
        yield from paths(child, (*prefix, key))


def changed(body: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    result = copy.deepcopy(body)
    parent = result
    for key in path[:-1]:
        parent = parent[key]
    if value is MISSING:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return result


def variants(body: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield body
    for path in paths(body):
        for value in ODD_VALUES:
            yield changed(body, path, value)


def send(entry: SlackHttpEntry, driver: SlackDriver, raw: bytes, content_type: str) -> int:
    timestamp = str(int(time.time()))
    signed = {"X-Slack-Request-Timestamp": timestamp, "X-Slack-Signature": driver.sign(timestamp, raw)}
    return call_entry(entry, raw, signed, content_type)


@pytest.fixture
def entry(mentorbot: Mentorbot) -> SlackHttpEntry:
    return SlackHttpEntry(mentorbot.app, SIGNING_SECRET)


@pytest.mark.parametrize("kind", list(interactions("https://x")))
def test_no_reshaped_interaction_gets_a_5xx_or_a_traceback(
    entry: SlackHttpEntry, driver: SlackDriver, slack: SlackStandIn, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    body = interactions(slack.response_url())[kind]
    failures = []
    for variant in variants(body):
        caplog.clear()
        status = send(entry, driver, urlencode({"payload": json.dumps(variant)}).encode(), FORM)
        if status >= 500 or any(record.levelno >= logging.ERROR for record in caplog.records):
            failures.append((status, variant))
    assert failures == []


@pytest.mark.parametrize("kind", list(events()))
def test_no_reshaped_event_gets_a_5xx_or_a_traceback(
    entry: SlackHttpEntry, driver: SlackDriver, kind: str, caplog: pytest.LogCaptureFixture
) -> None:
    failures = []
    for number, variant in enumerate(variants(events()[kind])):
        if isinstance(variant.get("event_id"), str):
            variant["event_id"] = f"Ev{number}"  # each its own event, not a retry of the last
        caplog.clear()
        status = send(entry, driver, json.dumps(variant).encode(), JSON)
        if status >= 500 or any(record.levelno >= logging.ERROR for record in caplog.records):
            failures.append((status, variant))
    assert failures == []


def payload(data: dict[str, Any]) -> str:
    return urlencode({"payload": json.dumps(data)})


REJECTED = {
    "a view submission whose view has no type": {
        "type": "view_submission",
        "user": {"id": ALICE.user_id},
        "view": {"id": "V1", "callback_id": "profile", "state": {"values": {}}},
    },
    "a click without an action_id": {
        "type": "block_actions",
        "user": {"id": ALICE.user_id},
        "actions": [{"type": "button", "value": "1"}],
    },
    "a workflow step edit without its step": {
        "type": "workflow_step_edit",
        "user": {"id": ALICE.user_id},
        "callback_id": "c",
    },
    "an attachment action without actions": {
        "type": "interactive_message",
        "user": {"id": ALICE.user_id},
        "callback_id": "c",
        "actions": [],
    },
    "a click whose event is a string": {
        "type": "block_actions",
        "user": {"id": ALICE.user_id},
        "event": "x",
        "actions": [{"action_id": "home.find"}],
    },
    "a click whose response_url is not a web address": {
        "type": "block_actions",
        "user": {"id": ALICE.user_id},
        "response_url": "x",
        "actions": [{"action_id": "home.find"}],
    },
    "a submission whose state values are not objects": {
        "type": "view_submission",
        "user": {"id": ALICE.user_id},
        "view": {"type": "modal", "callback_id": "request", "state": {"values": {"text": "x"}}},
    },
}


@pytest.mark.parametrize("body", REJECTED.values(), ids=REJECTED.keys())
def test_a_signed_payload_bolt_would_crash_on_gets_400(
    driver: SlackDriver, body: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    assert driver.post(payload(body)).status == 400
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
