"""`mentorbot serve` as a real process: HTTP mode under waitress, requests served concurrently."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.runtime.web import EVENTS_PATH
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, DAAN
from tests.support.processes import free_port, start_serving
from tests.support.slack import SIGNING_SECRET


@pytest.fixture
def served_bot(slack: SlackStandIn, database_url: str, tmp_path: Path) -> Iterator[str]:
    bot = start_serving(slack, database_url, tmp_path)
    bot.start_up_lines()
    yield bot.url
    bot.stop()


def test_twenty_concurrent_signed_requests_are_all_answered(served_bot: str, slack: SlackStandIn) -> None:
    driver = SlackDriver(served_bot + EVENTS_PATH, SIGNING_SECRET, slack)
    people = [ALICE.user_id, DAAN.user_id] * 10

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda user_id: driver.command(user_id, "help").status, people))

    assert statuses == [200] * 20
    replies = slack.wait_for("response_url", count=20, timeout=30)
    assert len(replies) == 20
    assert all(reply.answered_ok for reply in replies)


def test_start_up_says_the_mode_the_port_the_database_and_the_migration(
    slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    bot = start_serving(slack, database_url, tmp_path)

    said = "".join(bot.start_up_lines())
    bot.stop()

    assert "setup plugin" not in said
    assert "will be unused" not in said
    assert "WARNING" not in said
    assert f"HTTP mode, listening on port {bot.port}" in said
    assert "database: SQLite file" in said or "database: PostgreSQL at" in said
    assert "schema upgraded from revision (empty) to " in said
    assert len(said.splitlines()) == 2, said


def test_debug_logs_carry_no_typed_text_profiles_or_response_urls(
    slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    bot = start_serving(slack, database_url, tmp_path, LOG_LEVEL="DEBUG")
    bot.start_up_lines()
    driver = SlackDriver(bot.url + EVENTS_PATH, SIGNING_SECRET, slack)

    assert driver.command(ALICE.user_id, "typed-marker-3d1e").status == 200
    reply = slack.wait_for("response_url", timeout=30)
    saved = driver.interaction(profile_submission(ALICE.user_id, goals="Python, goal-marker-9b2c"))
    logged = bot.stop()

    assert reply
    assert saved.json()["response_action"] == "update"
    assert slack.calls_to("users.info")
    assert "typed-marker-3d1e" not in logged
    assert "goal-marker-9b2c" not in logged
    assert ALICE.name not in logged
    assert "/respond/" not in logged  # the stand-in's response_urls


def test_slack_unreachable_at_start_is_one_line(slack: SlackStandIn, database_url: str, tmp_path: Path) -> None:
    bot = start_serving(slack, database_url, tmp_path, SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/")

    said = "".join(bot.start_up_lines())
    bot.stop()

    assert "slack_sdk" not in said
    [problem] = [line for line in said.splitlines() if " WARNING " in line or " ERROR " in line]
    assert "could not reach Slack to check the token" in problem
    assert len(said.splitlines()) == 3, said  # the database, that warning, the mode
