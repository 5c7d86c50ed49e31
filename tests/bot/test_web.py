"""The HTTP entry: signatures, malformed bodies, health, and staying up through all of it."""

from __future__ import annotations

import json
import time
import urllib.request
from urllib.parse import urlencode

import pytest

from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from bot.web import MAX_BODY_BYTES
from tests.factories import ALICE


def still_serving(driver: SlackDriver, slack: SlackStandIn) -> bool:
    before = len(slack.calls_to("response_url"))
    return driver.command(ALICE.user_id, "help").status == 200 and len(slack.calls_to("response_url")) == before + 1


def test_bad_signature_gets_401(driver: SlackDriver, slack: SlackStandIn) -> None:
    body = urlencode({"command": "/mentor", "text": "help", "user_id": ALICE.user_id})

    result = driver.post(body, signature="v0=" + "0" * 64)

    assert result.status == 401
    assert slack.calls == []


def test_stale_timestamp_gets_401_even_when_signed(driver: SlackDriver, slack: SlackStandIn) -> None:
    body = urlencode({"command": "/mentor", "text": "help", "user_id": ALICE.user_id})

    result = driver.post(body, timestamp=int(time.time()) - 10 * 60)

    assert result.status == 401
    assert slack.calls == []


def view_submission_without_state() -> str:
    payload = {"type": "view_submission", "user": {"id": ALICE.user_id}, "view": {"id": "V1", "callback_id": "x"}}
    return urlencode({"payload": json.dumps(payload)})


MALFORMED = {
    "payload that is not JSON": urlencode({"payload": "{not json"}),
    "payload that is a list": urlencode({"payload": "[1, 2]"}),
    "payload without a type": urlencode({"payload": json.dumps({"user": {"id": "U1"}})}),
    "view submission without state": view_submission_without_state(),
    "block actions without actions": urlencode(
        {"payload": json.dumps({"type": "block_actions", "user": {"id": ALICE.user_id}})}
    ),
    "form that is neither command nor payload": urlencode({"hello": "world"}),
    "bytes that are not UTF-8": b"\xff\xfe\xfd",
}


@pytest.mark.parametrize("body", MALFORMED.values(), ids=MALFORMED.keys())
def test_signed_malformed_form_body_gets_400_and_the_server_keeps_serving(
    driver: SlackDriver, slack: SlackStandIn, body: str | bytes
) -> None:
    assert driver.post(body).status == 400
    assert still_serving(driver, slack)


@pytest.mark.parametrize("body", ["{not json", "[]", '{"no": "type"}'], ids=["not JSON", "a list", "no type"])
def test_signed_malformed_json_body_gets_400_and_the_server_keeps_serving(
    driver: SlackDriver, slack: SlackStandIn, body: str
) -> None:
    assert driver.post(body, "application/json").status == 400
    assert still_serving(driver, slack)


def test_oversized_body_gets_413_and_the_server_keeps_serving(driver: SlackDriver, slack: SlackStandIn) -> None:
    assert driver.post(b"x" * (MAX_BODY_BYTES + 1)).status == 413
    assert still_serving(driver, slack)


def test_url_verification_is_answered_with_the_challenge(driver: SlackDriver) -> None:
    result = driver.post(json.dumps({"type": "url_verification", "challenge": "abc123"}), "application/json")

    assert result.status == 200
    assert "abc123" in result.body


def test_healthz_answers_ok(base_url: str) -> None:
    with urllib.request.urlopen(base_url + "/healthz", timeout=5) as response:
        assert response.status == 200
        assert json.loads(response.read()) == {"ok": True}


def test_other_paths_get_404(base_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as raised:
        urllib.request.urlopen(base_url + "/admin", timeout=5)
    assert raised.value.code == 404


def test_a_timestamp_that_is_not_a_number_gets_401(driver: SlackDriver) -> None:
    body = urlencode({"command": "/mentor", "text": "help", "user_id": ALICE.user_id})

    assert driver.post(body, headers={"X-Slack-Request-Timestamp": "abc"}).status == 401


def test_a_command_that_mentions_payload_is_still_a_command(driver: SlackDriver, slack: SlackStandIn) -> None:
    assert driver.command(ALICE.user_id, "payload please").status == 200
    assert len(slack.calls_to("response_url")) == 1


ODD_SHAPES = {
    "event that is a string": {"type": "event_callback", "event_id": "Ev1", "event": "x"},
    "event without an id": {"type": "event_callback", "event": {"type": "app_home_opened", "user": "U1"}},
    "team that is a number": {"type": "event_callback", "event_id": "Ev1", "team": 5, "event": {"type": "x"}},
    "authorizations that is a string": {
        "type": "event_callback",
        "event_id": "Ev1",
        "authorizations": "abc",
        "event": {"type": "x"},
    },
}


@pytest.mark.parametrize("body", ODD_SHAPES.values(), ids=ODD_SHAPES.keys())
def test_a_signed_event_of_the_wrong_shape_gets_400(driver: SlackDriver, slack: SlackStandIn, body: object) -> None:
    assert driver.post(json.dumps(body), "application/json").status == 400
    assert still_serving(driver, slack)


def test_a_command_without_a_response_url_gets_400(driver: SlackDriver) -> None:
    assert driver.post(urlencode({"command": "/mentor", "text": "help", "user_id": ALICE.user_id})).status == 400
