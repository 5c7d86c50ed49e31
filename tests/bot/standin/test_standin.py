"""The Slack stand-in refuses what Slack refuses, so a test fails where Slack would."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from freezegun import freeze_time

from bot.standin.server import SlackStandIn


def call(slack: SlackStandIn, body: bytes, content_type: str, authorization: str | None = None) -> Any:
    headers = {"Content-Type": content_type, **({"Authorization": authorization} if authorization else {})}
    request = urllib.request.Request(slack.api_url + "auth.test", data=body, headers=headers, method="POST")
    with urllib.request.urlopen(request, timeout=5) as response:
        return json.loads(response.read())


@pytest.mark.parametrize(
    ("body", "content_type", "authorization", "ok"),
    [
        (b"{}", "application/json", "Bearer xoxb-1", True),
        (urlencode({"token": "xoxb-1"}).encode(), "application/x-www-form-urlencoded", None, True),
        (json.dumps({"token": "xoxb-1"}).encode(), "application/json", None, False),
        (b"{}", "application/json", None, False),
    ],
    ids=["bearer header", "token in a form", "token in a json body", "no token"],
)
def test_a_token_counts_where_slack_reads_one(
    slack: SlackStandIn, body: bytes, content_type: str, authorization: str | None, ok: bool
) -> None:
    answer = call(slack, body, content_type, authorization)

    assert answer["ok"] is ok
    assert ok or answer["error"] == "not_authed"


def post_to(url: str) -> tuple[int, str]:
    """The status and Slack's error code ("" when it took the message)."""
    body = json.dumps({"text": "hello"}).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return int(response.status), str(json.loads(response.read()).get("error") or "")
    except urllib.error.HTTPError as e:
        return e.code, str(json.loads(e.read()).get("error") or "")


def test_a_response_url_takes_five_answers(slack: SlackStandIn) -> None:
    url = slack.response_url()

    assert [post_to(url) for _ in range(6)] == [(200, "")] * 5 + [(404, "used_url")]


def test_a_response_url_expires_after_thirty_minutes(slack: SlackStandIn) -> None:
    with freeze_time("2026-11-27 10:00") as clock:
        url, later = slack.response_url(), slack.response_url()
        clock.tick(timedelta(minutes=29))
        assert post_to(url) == (200, "")
        clock.tick(timedelta(minutes=2))

        assert post_to(later) == (404, "expired_url")
