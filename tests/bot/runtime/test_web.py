"""The HTTP entry: signatures, malformed bodies, health, and staying up through all of it."""

from __future__ import annotations

import http.client
import json
import logging
import time
import urllib.error
import urllib.request
from urllib.parse import urlencode, urlsplit

import pytest

from bot.app import Mentorbot
from bot.runtime.web import EVENTS_PATH, MAX_BODY_BYTES, SlackHttpEntry
from bot.standin.driver import SlackDriver, serving
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from tests.factories import ALICE
from tests.support.slack import SIGNING_SECRET
from tests.support.web import call_entry


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


def test_healthz_answers_503_with_the_reason_while_slack_refuses_the_token(
    mentorbot: Mentorbot, slack: SlackStandIn
) -> None:
    entry = SlackHttpEntry(mentorbot.app, SIGNING_SECRET, mentorbot.health)
    slack.fail_next("views.publish", error="token_revoked")
    with serving(entry) as url:
        driver = SlackDriver(url + EVENTS_PATH, SIGNING_SECRET, slack)
        assert driver.event(home_opened(ALICE.user_id)).status == 200  # its App Home is refused the token

        with pytest.raises(urllib.error.HTTPError) as answer:
            urllib.request.urlopen(url + "/healthz", timeout=5)

    assert answer.value.code == 503
    assert json.loads(answer.value.read()) == {"ok": False, "slack": "token_revoked"}


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


def raw_post(base_url: str, body: bytes, headers: dict[str, bytes]) -> int:
    """A POST whose header values go on the wire byte for byte, as a stranger may send them."""
    connection = http.client.HTTPConnection(urlsplit(base_url).netloc, timeout=10)
    try:
        connection.putrequest("POST", EVENTS_PATH)
        connection.putheader("Content-Type", "application/x-www-form-urlencoded")
        connection.putheader("Content-Length", str(len(body)))
        for name, value in headers.items():
            connection.putheader(name, value)
        connection.endheaders(body)
        return connection.getresponse().status
    finally:
        connection.close()


HELP = urlencode({"command": "/mentor", "text": "help", "user_id": ALICE.user_id}).encode()
ODD_HEADERS = {
    "a superscript two as the timestamp": {
        "X-Slack-Request-Timestamp": b"\xb2",
        "X-Slack-Signature": b"v0=" + b"0" * 64,
    },
    "a timestamp with a non-ASCII digit": {
        "X-Slack-Request-Timestamp": str(int(time.time())).encode() + b"\xb2",
        "X-Slack-Signature": b"v0=" + b"0" * 64,
    },
    "a signature that is not ASCII": {
        "X-Slack-Request-Timestamp": str(int(time.time())).encode(),
        "X-Slack-Signature": b"v0=\xe9" + b"0" * 63,
    },
    "a timestamp of five thousand digits": {"X-Slack-Request-Timestamp": b"9" * 5000, "X-Slack-Signature": b"v0=0"},
}


@pytest.mark.parametrize("headers", ODD_HEADERS.values(), ids=ODD_HEADERS.keys())
def test_unsigned_requests_with_odd_header_bytes_get_401(
    base_url: str, driver: SlackDriver, slack: SlackStandIn, headers: dict[str, bytes], caplog: pytest.LogCaptureFixture
) -> None:
    assert raw_post(base_url, HELP, headers) == 401
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert still_serving(driver, slack)


ODD_HEADER_TEXT = {
    "latin-1 superscript timestamp": {"X-Slack-Request-Timestamp": "\xb2", "X-Slack-Signature": "v0=" + "0" * 64},
    "Arabic-Indic digits": {"X-Slack-Request-Timestamp": "\u0661\u0662", "X-Slack-Signature": "v0=" + "0" * 64},
    "a snowman signature": {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=\u2603"},
    "a signature of the right length but not hex": {
        "X-Slack-Request-Timestamp": str(int(time.time())),
        "X-Slack-Signature": "v0=" + "\xe9" * 64,
    },
    "no signature at all": {"X-Slack-Request-Timestamp": str(int(time.time()))},
}


@pytest.mark.parametrize("headers", ODD_HEADER_TEXT.values(), ids=ODD_HEADER_TEXT.keys())
def test_the_entry_answers_401_to_header_text_it_cannot_verify(
    mentorbot: Mentorbot, headers: dict[str, str], caplog: pytest.LogCaptureFixture
) -> None:
    assert call_entry(SlackHttpEntry(mentorbot.app, SIGNING_SECRET), HELP, headers) == 401
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]


def test_an_unsigned_body_that_is_not_utf8_gets_401_not_400(driver: SlackDriver) -> None:
    assert driver.post(b"\xff\xfe", signature="v0=" + "0" * 64).status == 401


@pytest.mark.parametrize("content_type", ["Application/JSON", "application/json; charset=utf-8", " APPLICATION/json"])
def test_a_json_content_type_is_recognised_whatever_its_case_and_parameters(
    driver: SlackDriver, content_type: str
) -> None:
    result = driver.post(json.dumps({"type": "url_verification", "challenge": "abc123"}), content_type)

    assert result.status == 200
    assert "abc123" in result.body


def test_a_form_content_type_with_a_charset_is_still_a_form(driver: SlackDriver, slack: SlackStandIn) -> None:
    form = {"command": "/mentor", "text": "help", "user_id": ALICE.user_id, "response_url": slack.response_url()}

    result = driver.post(urlencode(form), "Application/X-WWW-Form-Urlencoded; charset=UTF-8")

    assert result.status == 200
    assert len(slack.calls_to("response_url")) == 1
