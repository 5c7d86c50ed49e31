"""Two `mentorbot jobs run tick` processes at the same instant, at the digest's time, on PostgreSQL: the week's digest
is planned once and posted once, with one chart. (SQLite serialises its writers: this is PostgreSQL's test.)"""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.runtime.settings import WEEKDAYS
from bot.standin.server import SlackStandIn
from tests.factories import BEA
from tests.support.processes import environment

HR_CHANNEL = "CHR00001"


def digest_due_a_minute_ago() -> str:
    """`DIGEST_AT` (in UTC) for a moment just past, so this tick is the digest's, on time."""
    moment = datetime.now(UTC) - timedelta(minutes=1)
    return f"{WEEKDAYS[moment.weekday()]} {moment:%H:%M}"


def until_waiting(engine: Engine, waiting: int) -> None:
    """Until `waiting` processes wait for the outbox's lock (pg_locks says so)."""
    deadline = time.monotonic() + 60
    blocked = text("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'outbox'::regclass")
    with engine.connect() as look:
        while look.execute(blocked).scalar_one() < waiting:
            assert time.monotonic() < deadline, f"fewer than {waiting} processes came to the outbox's lock"
            time.sleep(0.05)
            look.rollback()


def test_two_ticks_at_the_same_instant_post_the_weeks_digest_once(
    engine: Engine, slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("needs a PostgreSQL server (TEST_DATABASE_URL)")
    slack.add_channel(HR_CHANNEL)
    digest = {"HR_CHANNEL": HR_CHANNEL, "HR_ADMINS": BEA.user_id, "HR_TIMEZONE": "UTC"}
    env = environment(slack, database_url, DIGEST_AT=digest_due_a_minute_ago(), **digest)
    command = [sys.executable, "-m", "bot", "jobs", "run", "tick"]

    with engine.connect() as gate:  # both ticks come to the outbox's lock, and are let go at the same instant
        gate.execute(text("LOCK TABLE outbox IN EXCLUSIVE MODE"))
        ticks = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in "ab"]
        until_waiting(engine, 2)
        gate.rollback()
    outputs = [tick.communicate(timeout=120)[0] for tick in ticks]

    assert [tick.returncode for tick in ticks] == [0, 0], outputs
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT state FROM outbox WHERE kind = 'digest'")).scalars().all()
    assert rows == ["sent"]
    assert len(slack.messages_in(HR_CHANNEL)) == 1
    assert len(slack.files_in(HR_CHANNEL)) == 1
