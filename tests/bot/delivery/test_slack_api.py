"""Calls to Slack: 429 retried after Retry-After, unsafe posts never resent blindly."""

from __future__ import annotations

import json
import socket
import socketserver
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from bot.delivery.slack_api import (
    AfterFailure,
    Delivery,
    Messenger,
    after_failure,
    build_web_client,
    request_body,
)
from bot.runtime.settings import Settings
from bot.standin.server import SlackStandIn
from tests.support.slack import BOT_TOKEN


def messenger_for(slack: SlackStandIn) -> Messenger:
    return Messenger(build_web_client(Settings(slack_bot_token=BOT_TOKEN, slack_api_url=slack.api_url)))


def test_a_rate_limited_post_is_retried_after_retry_after(slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=1)

    outcome = messenger_for(slack).post("C1", "hello")

    first, second = slack.calls_to("chat.postMessage")
    assert outcome.delivery is Delivery.SENT
    assert (first.answered_ok, second.answered_ok) == (False, True)
    assert second.at - first.at >= 1.0


HOME = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}
# One call whose repetition a person would see twice, one whose repetition changes nothing.
CALLS: dict[str, dict[str, Any]] = {
    "chat.postMessage": {"channel": "C1", "text": "hello"},
    "views.publish": {"user_id": "U1", "view": HOME},
}
TRIES = [("chat.postMessage", 1), ("views.publish", 2)]


class _HangingUpSlack(socketserver.ThreadingTCPServer):
    """A Slack that reads each request and drops the connection without a word; what it was asked for."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _HangUp)
        self.asked: list[str] = []

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/"


class _HangUp(socketserver.StreamRequestHandler):
    server: _HangingUpSlack

    def handle(self) -> None:
        request_line = self.rfile.readline().decode()
        while self.rfile.readline() not in (b"\r\n", b"\n", b""):
            pass
        self.server.asked.append(request_line.split()[1])


@pytest.fixture
def hanging_up_slack() -> Iterator[_HangingUpSlack]:
    with _HangingUpSlack() as server:
        threading.Thread(target=server.serve_forever, daemon=True).start()
        yield server
        server.shutdown()


@pytest.mark.parametrize(("method", "tries"), TRIES)
def test_a_server_error_is_retried_only_where_repeating_is_safe(slack: SlackStandIn, method: str, tries: int) -> None:
    slack.add_user("U1", "Una")
    slack.fail_next(method, status=500)

    outcome = messenger_for(slack).call(method, **CALLS[method])

    assert [call.answered_ok for call in slack.calls_to(method)] == [False, True][:tries]
    assert outcome.delivery is (Delivery.SENT if tries > 1 else Delivery.UNSURE)


@pytest.mark.parametrize(("method", "tries"), TRIES)
def test_a_dropped_connection_is_retried_only_where_repeating_is_safe(
    hanging_up_slack: _HangingUpSlack, method: str, tries: int
) -> None:
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_api_url=hanging_up_slack.api_url)

    outcome = Messenger(build_web_client(settings)).call(method, **CALLS[method])

    assert hanging_up_slack.asked == [f"/api/{method}"] * tries
    assert outcome.delivery is Delivery.UNSURE  # it may have arrived: never resent blindly


def test_a_refused_post_is_reported_as_failed_with_slacks_error(slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", error="channel_not_found")

    outcome = messenger_for(slack).post("CGONE", "hello")

    assert (outcome.delivery, outcome.error) == (Delivery.FAILED, "channel_not_found")
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_a_message_without_text_or_blocks_is_refused_as_slack_would(slack: SlackStandIn) -> None:
    outcome = messenger_for(slack).post("C1", "")

    assert (outcome.delivery, outcome.error) == (Delivery.FAILED, "no_text")


def test_an_unreachable_slack_is_a_failure_not_a_crash() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]
    settings = Settings(slack_bot_token=BOT_TOKEN, slack_api_url=f"http://127.0.0.1:{closed_port}/api/")

    outcome = Messenger(build_web_client(settings)).post("C1", "hello")

    assert outcome.delivery is Delivery.FAILED


def test_the_upload_methods_go_as_a_form_as_slack_sdk_sends_them() -> None:
    files = [{"id": "F1", "title": "Chart"}]

    form = request_body("files.completeUploadExternal", {"files": files, "channel_id": "C1", "thread_ts": None})

    assert form == {"params": {"files": json.dumps(files), "channel_id": "C1"}}
    assert request_body("chat.postMessage", {"channel": "C1", "blocks": None}) == {"json": {"channel": "C1"}}


def test_asking_for_an_upload_url_may_be_repeated_but_sharing_the_file_may_not() -> None:
    assert after_failure("files.getUploadURLExternal", status=500) is AfterFailure.AGAIN
    assert after_failure("files.completeUploadExternal", status=500) is AfterFailure.UNKNOWN
