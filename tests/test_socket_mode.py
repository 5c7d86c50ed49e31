"""`mentorbot serve` in Socket Mode, as a real process, against Slack's side of the socket in the stand-in."""

from __future__ import annotations

import json
import signal
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.standin.payloads import home_opened, profile_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.home import EDIT_PROFILE
from tests.factories import ALICE, DAAN
from tests.support.processes import ServedBot, start_serving

APP_TOKEN = "xapp-1-test-app-token"
STOP_SECONDS = 10


@pytest.fixture
def socket_bot(slack: SlackStandIn, database_url: str, tmp_path: Path) -> Iterator[ServedBot]:
    bot = start_serving(slack, database_url, tmp_path, SLACK_APP_TOKEN=APP_TOKEN)
    bot.start_up_lines()
    assert slack.socket.wait_until_connected(), bot.lines
    yield bot
    if bot.process.poll() is None:
        bot.stop()


def health(bot: ServedBot) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(f"{bot.url}/healthz", timeout=5) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


def wait_for_health(bot: ServedBot, status: int, timeout: float = 10.0) -> int:
    deadline = time.monotonic() + timeout
    seen = health(bot)[0]
    while seen != status and time.monotonic() < deadline:
        time.sleep(0.05)
        seen = health(bot)[0]
    return seen


def stop_with(bot: ServedBot, signum: int) -> tuple[int, float, str]:
    """Send the signal; the exit code, how long the process took to exit, and all it logged."""
    sent = time.monotonic()
    bot.process.send_signal(signum)
    code = bot.process.wait(timeout=STOP_SECONDS + 5)
    took = time.monotonic() - sent
    return code, took, bot.stop()


def test_a_command_is_acked_and_answered_through_its_response_url(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    envelope_id = slack.socket.send_command(ALICE.user_id, "help")

    slack.socket.wait_for_ack(envelope_id)
    replies = slack.wait_for("response_url", timeout=10)

    assert len(replies) == 1
    assert replies[0].answered_ok
    assert "/mentor profile" in json.dumps(replies[0].args)


def test_a_click_on_the_app_home_is_acked_and_opens_the_profile_dialog(
    socket_bot: ServedBot, slack: SlackStandIn
) -> None:
    envelope_id = slack.socket.send_click(ALICE.user_id, EDIT_PROFILE, in_home=True)

    slack.socket.wait_for_ack(envelope_id)
    opened = slack.wait_for("views.open", timeout=10)

    assert len(opened) == 1
    assert opened[0].answered_ok
    assert opened[0].args["view"]["callback_id"] == "profile"


def test_a_dialog_submission_is_answered_in_the_ack(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    envelope_id = slack.socket.send_interaction(profile_submission(ALICE.user_id))

    ack = slack.socket.wait_for_ack(envelope_id)

    assert ack.payload["response_action"] == "update"
    assert ack.payload["view"]["type"] == "modal"


def test_a_dialog_with_a_mistake_is_answered_with_its_errors_in_the_ack(
    socket_bot: ServedBot, slack: SlackStandIn
) -> None:
    envelope_id = slack.socket.send_interaction(profile_submission(ALICE.user_id, capacity="many"))

    ack = slack.socket.wait_for_ack(envelope_id)

    assert ack.payload["response_action"] == "errors"
    assert "capacity" in ack.payload["errors"]


def test_an_event_is_acked_and_the_app_home_published(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    envelope_id = slack.socket.send_event(home_opened(ALICE.user_id))

    ack = slack.socket.wait_for_ack(envelope_id)
    published = slack.wait_for("views.publish", timeout=10)

    assert ack.payload == {}
    assert [call.args["user_id"] for call in published] == [ALICE.user_id]
    assert published[0].answered_ok


def test_an_event_delivered_again_is_handled_once(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    first = slack.socket.send_event(home_opened(ALICE.user_id), event_id="EvAGAIN001")
    slack.socket.wait_for_ack(first)
    slack.wait_for("views.publish", timeout=10)

    again = slack.socket.redeliver(first)
    slack.socket.wait_for_ack(again)
    # Something after it, to wait for: a letter the retry had written would have gone out before this one's.
    slack.socket.wait_for_ack(slack.socket.send_event(home_opened(DAAN.user_id)))
    published = slack.wait_for("views.publish", count=2, timeout=10)
    logged = socket_bot.stop()

    assert sorted(call.args["user_id"] for call in published) == sorted([ALICE.user_id, DAAN.user_id])
    assert "event EvAGAIN001 already kept; skipped" in logged


def test_healthz_says_the_socket_is_connected(socket_bot: ServedBot) -> None:
    status, body = health(socket_bot)

    assert status == 200
    assert body == {"ok": True, "socket": "connected"}


def test_healthz_says_503_while_the_socket_is_lost(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    slack.fail_next("apps.connections.open", status=500, times=1000)  # Slack can't give a new one yet

    slack.socket.drop_connections()

    assert wait_for_health(socket_bot, 503) == 503
    assert health(socket_bot)[1] == {"ok": False, "socket": "disconnected"}


def test_healthz_says_503_while_slack_refuses_the_bot_token(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    slack.fail_next("views.publish", error="invalid_auth")

    slack.socket.wait_for_ack(slack.socket.send_event(home_opened(ALICE.user_id)))

    assert wait_for_health(socket_bot, 503) == 503
    assert health(socket_bot)[1] == {"ok": False, "socket": "connected", "slack": "invalid_auth"}


def test_a_disconnect_request_moves_the_app_to_a_new_connection(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    slack.socket.disconnect()

    assert slack.socket.wait_until_connected(count=2)
    envelope_id = slack.socket.send_command(ALICE.user_id, "help")
    slack.socket.wait_for_ack(envelope_id)

    assert len(slack.calls_to("apps.connections.open")) == 2
    assert slack.wait_for("response_url", timeout=10)


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_stop_signal_closes_the_socket_and_exits_0(socket_bot: ServedBot, slack: SlackStandIn, signum: int) -> None:
    code, took, logged = stop_with(socket_bot, signum)

    assert code == 0, logged
    assert took < STOP_SECONDS
    assert slack.socket.wait_until_closed(timeout=1)
    assert "closing its Socket Mode connection" in logged
    assert "Traceback" not in logged


def test_work_after_an_ack_is_finished_before_the_process_exits(socket_bot: ServedBot, slack: SlackStandIn) -> None:
    slack.hang_next("response_url", 1.0)  # the reply takes a second to be answered
    envelope_id = slack.socket.send_command(ALICE.user_id, "help")
    slack.socket.wait_for_ack(envelope_id)
    slack.wait_for("response_url", timeout=10)

    code, took, logged = stop_with(socket_bot, signal.SIGTERM)

    assert code == 0, logged
    assert took < STOP_SECONDS
    assert "ERROR" not in logged
    assert "still running" not in logged


def test_start_up_says_socket_mode_and_the_health_port(slack: SlackStandIn, database_url: str, tmp_path: Path) -> None:
    bot = start_serving(slack, database_url, tmp_path, SLACK_APP_TOKEN=APP_TOKEN)

    said = "".join(bot.start_up_lines())
    bot.stop()

    assert "WARNING" not in said
    assert f"Socket Mode, connected to Slack; listening on port {bot.port} (GET /healthz)" in said
    assert "database: SQLite file" in said or "database: PostgreSQL at" in said
    assert len(said.splitlines()) == 2, said


def test_typed_text_in_envelopes_is_not_logged(slack: SlackStandIn, database_url: str, tmp_path: Path) -> None:
    bot = start_serving(slack, database_url, tmp_path, SLACK_APP_TOKEN=APP_TOKEN, LOG_LEVEL="DEBUG")
    bot.start_up_lines()
    assert slack.socket.wait_until_connected()

    slack.socket.wait_for_ack(slack.socket.send_command(ALICE.user_id, "typed-marker-5a7f"))
    slack.wait_for("response_url", timeout=10)
    submitted = profile_submission(ALICE.user_id, goals="goal-marker-c3d9")
    slack.socket.wait_for_ack(slack.socket.send_interaction(submitted))
    logged = bot.stop()

    assert "typed-marker-5a7f" not in logged
    assert "goal-marker-c3d9" not in logged
    assert "/respond/" not in logged


def test_an_app_token_slack_refuses_stops_serve_with_one_line(
    slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    slack.fail_next("apps.connections.open", error="invalid_auth")
    bot = start_serving(slack, database_url, tmp_path, SLACK_APP_TOKEN=APP_TOKEN)

    exit_code = bot.process.wait(timeout=60)
    assert bot.process.stderr is not None
    said = bot.process.stderr.read()

    assert exit_code == 1
    assert "Slack refused SLACK_APP_TOKEN (invalid_auth)" in said
    assert "Traceback" not in said
