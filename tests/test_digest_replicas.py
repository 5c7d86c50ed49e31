"""Two `mentorbot jobs run tick` processes at the same instant, at the digest's time, on PostgreSQL: the week's digest
is planned once and posted once, with one chart. (SQLite serialises its writers: this is PostgreSQL's test.)"""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.runtime.settings import WEEKDAYS
from bot.standin.server import SlackStandIn
from tests.factories import BEA
from tests.support.processes import environment, outbox_held

HR_CHANNEL = "CHR00001"


def digest_due_a_minute_ago() -> str:
    """`DIGEST_AT` (in UTC) for a moment just past, so this tick is the digest's, on time."""
    moment = datetime.now(UTC) - timedelta(minutes=1)
    return f"{WEEKDAYS[moment.weekday()]} {moment:%H:%M}"


def test_two_ticks_at_the_same_instant_post_the_weeks_digest_once(
    engine: Engine, slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    if engine.dialect.name != "postgresql":
        pytest.skip("needs a PostgreSQL server (TEST_DATABASE_URL)")
    slack.add_channel(HR_CHANNEL)
    digest = {"HR_CHANNEL": HR_CHANNEL, "HR_ADMINS": BEA.user_id, "HR_TIMEZONE": "UTC"}
    env = environment(slack, database_url, DIGEST_AT=digest_due_a_minute_ago(), **digest)
    command = [sys.executable, "-m", "bot", "jobs", "run", "tick"]

    with outbox_held(engine, waiting=2):  # both ticks come to the outbox's lock, and are let go at the same instant
        ticks = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    outputs = [tick.communicate(timeout=300)[0] for tick in ticks]  # a bound for a busy machine

    assert [tick.returncode for tick in ticks] == [0, 0], outputs
    with engine.connect() as connection:
        rows = connection.execute(text("SELECT state FROM outbox WHERE kind = 'digest'")).scalars().all()
    assert rows == ["sent"]
    assert len(slack.messages_in(HR_CHANNEL)) == 1
    assert len(slack.files_in(HR_CHANNEL)) == 1
