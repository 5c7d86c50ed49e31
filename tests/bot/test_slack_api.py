"""Calls to Slack: 429 retried after Retry-After, unsafe posts never resent blindly."""

from __future__ import annotations

import socket

from bot.settings import Settings
from bot.slack_api import Delivery, Messenger, build_web_client
from bot.standin.server import SlackStandIn
from tests.conftest import BOT_TOKEN


def messenger_for(slack: SlackStandIn) -> Messenger:
    return Messenger(build_web_client(Settings(slack_bot_token=BOT_TOKEN, slack_api_url=slack.api_url)))


def test_a_rate_limited_post_is_retried_after_retry_after(slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", status=429, retry_after=1)

    outcome = messenger_for(slack).post("C1", "hello")

    first, second = slack.calls_to("chat.postMessage")
    assert outcome.delivery is Delivery.SENT
    assert (first.answered_ok, second.answered_ok) == (False, True)
    assert second.at - first.at >= 1.0


def test_a_post_that_got_a_server_error_is_not_resent(slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", status=500)

    outcome = messenger_for(slack).post("C1", "hello")

    assert outcome.delivery is Delivery.UNSURE
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_an_idempotent_call_is_retried_after_a_server_error(slack: SlackStandIn) -> None:
    slack.add_user("U1", "Una")
    slack.fail_next("views.publish", status=503)

    home = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}
    outcome = messenger_for(slack).publish_home("U1", home)

    assert outcome.delivery is Delivery.SENT
    assert [call.answered_ok for call in slack.calls_to("views.publish")] == [False, True]


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
