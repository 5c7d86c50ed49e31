"""`mentorbot serve` as a real process: HTTP mode under waitress, requests served concurrently."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from bot.runtime.web import EVENTS_PATH
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from tests.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.factories import ALICE, DAAN
from tests.storage.test_db import refused_port

STARTUP_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ServedBot:
    """A `mentorbot serve` process; its stderr is read to the end on a thread, so the pipe never fills."""

    process: subprocess.Popen[str]
    url: str
    port: int
    lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None

    def start_up_lines(self) -> list[str]:
        """Everything it said until it was listening, or until it exited."""
        assert self.process.stderr is not None
        watchdog = threading.Timer(STARTUP_TIMEOUT_SECONDS, self.process.kill)
        watchdog.start()
        for line in self.process.stderr:  # the line comes once the socket is bound
            self.lines.append(line)
            if "listening on port" in line:
                break
        watchdog.cancel()
        assert self.process.poll() is None, "".join(self.lines)
        self._reader = threading.Thread(target=self._read_the_rest, daemon=True)
        self._reader.start()
        return list(self.lines)

    def stop(self) -> str:
        """Stop it, and all it wrote to stderr."""
        self.process.terminate()
        self.process.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return "".join(self.lines)

    def _read_the_rest(self) -> None:
        assert self.process.stderr is not None
        self.lines.extend(self.process.stderr)


def start_serving(slack: SlackStandIn, database_url: str, cwd: Path, **settings: str) -> ServedBot:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "LOG_"))},
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database_url,
        "PORT": str(port),
        **settings,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=cwd, stderr=subprocess.PIPE, text=True
    )
    return ServedBot(process, f"http://127.0.0.1:{port}", port)


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
    bot = start_serving(slack, database_url, tmp_path, SLACK_API_URL=f"http://127.0.0.1:{refused_port()}/api/")

    said = "".join(bot.start_up_lines())
    bot.stop()

    assert "slack_sdk" not in said
    [problem] = [line for line in said.splitlines() if " WARNING " in line or " ERROR " in line]
    assert "could not reach Slack to check the token" in problem
    assert len(said.splitlines()) == 3, said  # the database, that warning, the mode
