"""Two `mentorbot jobs run tick` processes at the same instant, half an hour before a knowledge session: each
person with a seat is reminded once (on PostgreSQL they meet at the outbox's lock; SQLite serialises them)."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, text

from bot.i18n import EN
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, BEA, CHEN, FINN
from tests.support.knowledge import CHANNEL, Clock, form, service
from tests.support.processes import environment, outbox_held


def test_two_ticks_at_the_same_instant_remind_each_attendee_once(
    engine: Engine, slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    slack.add_channel(CHANNEL)
    now = datetime.now(UTC)
    knowledge = service(engine, Clock(now))
    offered = knowledge.offer(BEA.user_id, form(seats=3, start=now + timedelta(minutes=30)))
    assert offered.session_id is not None
    for person in (ALICE, CHEN, FINN):
        knowledge.join(offered.session_id, person.user_id)
    command = [sys.executable, "-m", "bot", "jobs", "run", "tick"]

    with outbox_held(engine, waiting=2):  # both ticks come to the outbox's lock, and are let go at the same instant
        env = environment(slack, database_url)
        ticks = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    outputs = [tick.communicate(timeout=300)[0] for tick in ticks]  # a bound for a busy machine

    assert [tick.returncode for tick in ticks] == [0, 0], outputs
    with engine.connect() as connection:
        keys = connection.execute(text("SELECT unique_key FROM outbox WHERE unique_key LIKE 'knowledge.reminder:%'"))
        assert sorted(keys.scalars()) == sorted(
            f"knowledge.reminder:{offered.session_id}:{person.user_id}" for person in (ALICE, CHEN, FINN)
        )
    opening = EN["knowledge.news.reminder"].split("*")[0]
    for person in (ALICE, CHEN, FINN):
        texts = [str(args.get("text")) for _, args in slack.messages_in(slack.dm_of(person.user_id))]
        assert sum(said.startswith(opening) for said in texts) == 1, texts
