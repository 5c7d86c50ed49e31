"""`mentorbot serve` as a real process: HTTP mode under waitress, requests served concurrently."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from bot.web import EVENTS_PATH
from tests.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.factories import ALICE, DAAN

STARTUP_TIMEOUT_SECONDS = 60


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def served_bot(slack: SlackStandIn, database_url: str, tmp_path: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("SLACK_")},
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database_url,
        "PORT": str(port),
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=tmp_path, stderr=subprocess.PIPE, text=True
    )
    watchdog = threading.Timer(STARTUP_TIMEOUT_SECONDS, process.kill)
    watchdog.start()
    assert process.stderr is not None
    seen = []
    for line in process.stderr:  # the line comes once the socket is bound
        seen.append(line)
        if "listening on port" in line:
            break
    watchdog.cancel()
    assert process.poll() is None, "".join(seen)
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)
    process.stderr.close()


def test_twenty_concurrent_signed_requests_are_all_answered(served_bot: str, slack: SlackStandIn) -> None:
    driver = SlackDriver(served_bot + EVENTS_PATH, SIGNING_SECRET, slack)
    people = [ALICE.user_id, DAAN.user_id] * 10

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(lambda user_id: driver.command(user_id, "help").status, people))

    assert statuses == [200] * 20
    replies = slack.wait_for("response_url", count=20, timeout=30)
    assert len(replies) == 20
    assert all(reply.answered_ok for reply in replies)
