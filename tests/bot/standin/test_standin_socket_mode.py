"""Slack's side of Socket Mode in the stand-in: tokens, tickets, hello, envelopes and acks."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import ClientConnection, connect

from bot.standin.server import SlackStandIn
from tests.factories import ALICE


def open_connection(slack: SlackStandIn, token: str) -> dict[str, Any]:
    request = urllib.request.Request(
        slack.api_url + "apps.connections.open", data=b"", headers={"Authorization": f"Bearer {token}"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        answer: dict[str, Any] = json.loads(response.read())
        return answer


def received(connection: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(connection.recv(timeout=5))
    return message


def test_connections_open_takes_only_an_app_level_token(slack: SlackStandIn) -> None:
    assert open_connection(slack, "xoxb-bot-token") == {"ok": False, "error": "not_allowed_token_type"}
    assert open_connection(slack, "xapp-1-app-token")["url"].startswith("ws://127.0.0.1:")


def test_an_app_level_token_is_refused_by_other_methods(slack: SlackStandIn) -> None:
    assert open_connection(slack, "xapp-1-app-token")["ok"]
    request = urllib.request.Request(
        slack.api_url + "auth.test", data=b"", headers={"Authorization": "Bearer xapp-1-app-token"}, method="POST"
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        assert json.loads(response.read()) == {"ok": False, "error": "not_allowed_token_type"}


def test_a_connection_is_greeted_and_its_acks_are_recorded(slack: SlackStandIn) -> None:
    url = open_connection(slack, "xapp-1-app-token")["url"]

    with connect(url) as connection:
        hello = received(connection)
        envelope_id = slack.socket.send_command(ALICE.user_id, "help")
        envelope = received(connection)
        connection.send(json.dumps({"envelope_id": envelope_id, "payload": {"text": "ok"}}))
        ack = slack.socket.wait_for_ack(envelope_id)

    assert hello["type"] == "hello"
    assert hello["connection_info"] == {"app_id": "ASTANDIN"}
    assert envelope["type"] == "slash_commands"
    assert envelope["accepts_response_payload"] is True
    assert envelope["payload"]["command"] == "/mentor"
    assert envelope["payload"]["text"] == "help"
    assert ack.payload == {"text": "ok"}
    assert slack.socket.wait_until_closed()


def test_a_redelivered_event_is_the_same_event_one_attempt_later(slack: SlackStandIn) -> None:
    url = open_connection(slack, "xapp-1-app-token")["url"]

    with connect(url) as connection:
        received(connection)
        first_id = slack.socket.send_event({"type": "app_home_opened", "user": ALICE.user_id, "tab": "home"})
        first = received(connection)
        slack.socket.redeliver(first_id)
        again = received(connection)

    assert (first["retry_attempt"], again["retry_attempt"]) == (0, 1)
    assert again["retry_reason"] == "timeout"
    assert again["payload"]["event_id"] == first["payload"]["event_id"]
    assert again["envelope_id"] != first["envelope_id"]


def test_a_ticket_opens_one_connection(slack: SlackStandIn) -> None:
    url = open_connection(slack, "xapp-1-app-token")["url"]
    with connect(url) as connection:
        received(connection)

    with pytest.raises(InvalidStatus):
        connect(url)
    with pytest.raises(InvalidStatus):
        connect(url.split("?")[0] + "?ticket=made-up")
