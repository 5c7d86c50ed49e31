"""The outbox across real processes: two ticks at once, two `serve`s, and a process killed mid-accept.

Each sends what it finds due; the database decides who sends what, so every row goes out once. The tests wait
on what they can see (locks waited for, posts, ticks finished), never for a fixed time.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine

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
from tests.factories import ALICE, BEA
from tests.support.processes import environment, logging_ticks, outbox_held, start_serving
from tests.support.slack import SIGNING_SECRET

ROWS = 500
RENDEZVOUS_SECONDS = 45  # longest a first post waits for the other process's; well inside the lease (60 s)


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


class Rendezvous(SlackStandIn):
    """A Slack whose chat.postMessage answers nobody until every one of `tokens` has posted once.

    Each process runs with its own token, so the first post of each waits for the other's: neither can
    finish the outbox alone, and when both are let go they are both mid-dispatch, whatever the machine's load.
    """

    def __init__(self, tokens: set[str]) -> None:
        super().__init__()
        self.tokens = tokens
        self.posted_by: Counter[str] = Counter()
        self.met = threading.Event()

    def answer(self, method: str, args: dict[str, Any], token: str | None) -> Any:
        if method == "chat.postMessage" and token in self.tokens:
            with self._lock:
                self.posted_by[token] += 1
                if set(self.posted_by) == self.tokens:
                    self.met.set()
            self.met.wait(RENDEZVOUS_SECONDS)
        return super().answer(method, args, token)


def test_two_ticks_at_the_same_instant_send_every_row_exactly_once(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    tokens = ["xoxb-tick-a", "xoxb-tick-b"]
    slack = Rendezvous(set(tokens))
    with slack:
        queue_news(engine, slack, ROWS)
        command = [sys.executable, "-m", "bot", "jobs", "run", "tick"]
        # The first posts wait for each other: longer than the usual timeout, which would make them unknown.
        envs = [environment(slack, database_url, SLACK_BOT_TOKEN=token, SLACK_TIMEOUT_SECONDS="60") for token in tokens]

        with outbox_held(engine, waiting=2):  # both start, and wait at the same gate
            ticks = [
                subprocess.Popen(command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, text=True) for env in envs
            ]
        outputs = [tick.communicate(timeout=300)[0] for tick in ticks]  # a bound for a busy machine

    assert [tick.returncode for tick in ticks] == [0, 0], outputs
    assert slack.met.is_set(), f"one tick posted nothing while the other waited: {dict(slack.posted_by)}"
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
    served = [start_serving(slack, database_url, tmp_path, TICK_SECONDS="1", **logging_ticks) for _ in "ab"]
    for bot in served:
        bot.start_up_lines()

    slack.wait_for("chat.postMessage", count=ROWS, timeout=300)  # a bound, not a speed: a busy machine is slow
    for bot in served:  # two more ticks of each, begun after the last post: nothing more may go out
        bot.wait_for_ticks(bot.ticks_done() + 3)
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
    settings = {"TICK_SECONDS": "1", "OUTBOX_LEASE_SECONDS": lease, **logging_ticks}
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
    exit_code = first.process.wait(timeout=45)
    took = time.monotonic() - stopped_at
    first.stop()
    if stop == "SIGTERM":  # a clean stop, in time, even with a Slack call hanging
        assert exit_code == 0, "".join(first.lines)
        assert took < 30  # well before the hanging call's 60 s: a bound for a busy machine, not a speed

    second = start_serving(slack, database_url, tmp_path, **settings)
    second.start_up_lines()
    restarted_at = time.monotonic()
    group = slack.wait_for("conversations.open", count=2, timeout=60)[-1]
    if stop == "SIGTERM":  # given back at the stop: not left to its lease
        assert time.monotonic() - restarted_at < 40, "".join(first.lines)  # well before the 60 s lease
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(_told(slack, ALICE.user_id)) < 1:
        time.sleep(0.2)
    second.wait_for_ticks(second.ticks_done() + 3)  # two more ticks, begun after Alice was told: nothing more
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
