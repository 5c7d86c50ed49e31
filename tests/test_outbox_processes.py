"""The outbox across real processes: two ticks at once, two `serve`s, and a process killed mid-accept.

Each sends what it finds due; the database decides who sends what, so every row goes out once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text

from bot.delivery.letters import TELL, Notice, phrase_to_json
from bot.delivery.outbox import Letter, enqueue
from bot.i18n import Who
from bot.runtime.web import EVENTS_PATH
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission, text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK
from storage.db import make_session_factory
from storage.uow import UnitOfWork
from tests.conftest import BOT_TOKEN, SIGNING_SECRET
from tests.factories import ALICE, BEA
from tests.test_serve import start_serving

ROWS = 500


def queue_news(engine: Engine, slack: SlackStandIn, rows: int) -> None:
    """`rows` DMs to Alice, each naming a different person, so each can be told apart."""
    slack.add_user(ALICE.user_id, ALICE.name)
    now = datetime.now(UTC)
    with UnitOfWork(make_session_factory(engine)) as uow:
        for n in range(rows):
            notice = Notice("request.undelivered", {"mentor": Who(f"UM{n:04d}")})
            enqueue(uow.session, Letter(TELL, ALICE.user_id, {"notices": [phrase_to_json(notice)]}), now)
        uow.commit()


def named_in_posts(slack: SlackStandIn) -> Counter[str]:
    return Counter(
        str(call.args["text"]).split("<@", 1)[1].split(">", 1)[0]
        for call in slack.calls_to("chat.postMessage")
        if call.answered_ok
    )


def environment(slack: SlackStandIn, database_url: str) -> dict[str, str]:
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "LOG_"))},
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database_url,
    }


@contextmanager
def outbox_held(engine: Engine, waiting: int) -> Iterator[None]:
    """Every process that starts now waits at its first write to the outbox, until `waiting` of them are there;
    then all are let go at the same instant."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("LOCK TABLE outbox IN EXCLUSIVE MODE"))
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")  # SQLite has one lock for every write
        yield
        _until_waiting(engine, waiting)
        connection.rollback()


def _until_waiting(engine: Engine, waiting: int) -> None:
    deadline = time.monotonic() + 30
    if engine.dialect.name != "postgresql":
        time.sleep(3)  # SQLite can't say who waits for its lock; long enough for both to get there
        return
    blocked = text("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'outbox'::regclass")
    with engine.connect() as look:
        while time.monotonic() < deadline and look.execute(blocked).scalar_one() < waiting:
            time.sleep(0.05)
            look.rollback()


def test_two_ticks_at_the_same_instant_send_every_row_exactly_once(
    engine: Engine, slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    queue_news(engine, slack, ROWS)
    command = [sys.executable, "-m", "bot", "jobs", "run", "tick"]
    env = environment(slack, database_url)

    with outbox_held(engine, waiting=2):  # both start, and wait at the same gate
        ticks = [subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    outputs = [tick.communicate(timeout=120)[0] for tick in ticks]

    assert [tick.returncode for tick in ticks] == [0, 0], outputs
    named = named_in_posts(slack)
    assert len(named) == ROWS
    assert set(named.values()) == {1}
    handled = [int(output.split("tick: ", 1)[1].split(" ", 1)[0]) for output in outputs]
    assert sum(handled) == ROWS
    assert min(handled) > 0, f"the two ticks did not overlap: {handled}"


def test_the_schedulers_of_two_serve_processes_send_every_row_exactly_once(
    engine: Engine, slack: SlackStandIn, database_url: str, tmp_path: Path
) -> None:
    queue_news(engine, slack, ROWS)
    served = [start_serving(slack, database_url, tmp_path, TICK_SECONDS="1") for _ in "ab"]
    for bot in served:
        bot.start_up_lines()

    slack.wait_for("chat.postMessage", count=ROWS, timeout=90)
    time.sleep(2.5)  # two more ticks of each: nothing more may go out
    said = [bot.stop() for bot in served]

    named = named_in_posts(slack)
    assert len(named) == ROWS, said
    assert set(named.values()) == {1}


# SIGKILL: the lease (short here) hands the row over. SIGTERM: the stop gives the row back at exit,
# so the pair hears at once after the restart, however long the lease (the default's 60 s here).
@pytest.mark.parametrize(("stop", "lease"), [("SIGKILL", "5"), ("SIGTERM", "60")])
def test_a_process_stopped_mid_accept_leaves_one_introduction_after_a_restart(
    engine: Engine, slack: SlackStandIn, database_url: str, tmp_path: Path, stop: str, lease: str
) -> None:
    for person in (ALICE, BEA):
        slack.add_user(person.user_id, person.name, locale=person.locale, tz=person.tz)
    settings = {"TICK_SECONDS": "1", "OUTBOX_LEASE_SECONDS": lease}
    first = start_serving(slack, database_url, tmp_path, **settings)
    first.start_up_lines()
    driver = SlackDriver(first.url + EVENTS_PATH, SIGNING_SECRET, slack)
    driver.interaction(profile_submission(ALICE.user_id, goals="Python"))
    driver.interaction(profile_submission(BEA.user_id, role="mentor", skills="Python"))
    driver.click(ALICE.user_id, ASK, BEA.user_id)
    driver.interaction(text_submission(ALICE.user_id, "request", BEA.user_id))
    slack.wait_for("chat.postMessage", count=1, timeout=30)
    [(ts, message)] = slack.messages_in(slack.dm_of(BEA.user_id))
    request = next(block for block in message["blocks"] if block["type"] == "actions")["elements"][0]["value"]

    slack.hang_next("conversations.open", 60)  # the group DM opens, but the answer never comes back
    driver.click(BEA.user_id, ACCEPT, request, message=(slack.dm_of(BEA.user_id), ts))
    slack.wait_for("conversations.open", count=1, timeout=30)
    stopped_at = time.monotonic()
    first.process.send_signal(getattr(signal, stop))
    exit_code = first.process.wait(timeout=15)
    took = time.monotonic() - stopped_at
    first.stop()
    if stop == "SIGTERM":  # a clean stop, in time, even with a Slack call hanging
        assert exit_code == 0, "".join(first.lines)
        assert took < 10

    second = start_serving(slack, database_url, tmp_path, **settings)
    second.start_up_lines()
    restarted_at = time.monotonic()
    group = slack.wait_for("conversations.open", count=2, timeout=60)[-1]
    if stop == "SIGTERM":  # given back at the stop: not left to its lease
        assert time.monotonic() - restarted_at < 10, "".join(first.lines)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_told(slack, ALICE.user_id)) < 1:
        time.sleep(0.2)
    time.sleep(2.5)  # more ticks: nothing more may go out
    second.stop()

    channel = slack.state.conversations[frozenset({ALICE.user_id, BEA.user_id})]
    introductions = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == channel]
    assert len(introductions) == 1
    assert len(_told(slack, ALICE.user_id)) == 1
    [(_, updated)] = slack.messages_in(slack.dm_of(BEA.user_id))
    assert "accepted" in str(updated["text"])
    assert group.answered_ok


def _told(slack: SlackStandIn, user_id: str) -> list[object]:
    return [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == user_id]
