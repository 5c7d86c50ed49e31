"""`mentorbot` as real processes: `serve` started on a free port, what it logs, and waits on what it says."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine, text

from bot.standin.server import SlackStandIn
from tests.support.slack import BOT_TOKEN, SIGNING_SECRET

STARTUP_TIMEOUT_SECONDS = 60
# APScheduler's line after each run of the tick; LOG_LIBRARIES=INFO (see `logging_ticks`) lets it through.
TICK_DONE = "executed successfully"


def free_port() -> int:
    """A loopback port nothing listens on (now): for a server to take, or for a connection to be refused."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(slack: SlackStandIn, database_url: str, **settings: str) -> dict[str, str]:
    """This process's environment without its Slack, database and log settings, and the test's instead."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "DATABASE_", "LOG_"))},
        "SLACK_BOT_TOKEN": BOT_TOKEN,
        "SLACK_SIGNING_SECRET": SIGNING_SECRET,
        "SLACK_API_URL": slack.api_url,
        "DATABASE_URL": database_url,
        **settings,
    }


# Settings for a `serve` whose ticks a test waits for (`ServedBot.wait_for_ticks`).
logging_ticks = {"LOG_LIBRARIES": "INFO"}


@dataclass
class ServedBot:
    """A `mentorbot serve` process; its stderr is read to the end on a thread, so the pipe never fills."""

    process: subprocess.Popen[str]
    url: str
    port: int
    lines: list[str] = field(default_factory=list)
    _reader: threading.Thread | None = None
    _said: threading.Condition = field(default_factory=threading.Condition)

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

    def ticks_done(self) -> int:
        """How many ticks have finished so far (started with `logging_ticks`)."""
        with self._said:
            return sum(TICK_DONE in line for line in self.lines)

    def wait_for_ticks(self, count: int, timeout: float = 30.0) -> None:
        """Until `count` ticks have finished in all; fails the test if they don't in time."""
        self._wait_until(lambda: self.ticks_done() >= count, timeout, f"{count} ticks")

    def stop(self) -> str:
        """Stop it, and all it wrote to stderr."""
        self.process.terminate()
        self.process.wait(timeout=10)
        if self._reader is not None:
            self._reader.join(timeout=10)
        assert self.process.stderr is not None
        self.process.stderr.close()
        return "".join(self.lines)

    def _wait_until(self, done: Callable[[], bool], timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        with self._said:
            while not done():
                assert self.process.poll() is None, f"it stopped before {what}:\n{''.join(self.lines)}"
                left = deadline - time.monotonic()
                assert left > 0, f"no {what} in {timeout:g} s:\n{''.join(self.lines)}"
                self._said.wait(min(left, 1.0))  # and look again whether it still runs

    def _read_the_rest(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._said:
                self.lines.append(line)
                self._said.notify_all()


def start_serving(slack: SlackStandIn, database_url: str, cwd: Path, **settings: str) -> ServedBot:
    port = free_port()
    env = environment(slack, database_url, PORT=str(port), **settings)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"], env=env, cwd=cwd, stderr=subprocess.PIPE, text=True
    )
    return ServedBot(process, f"http://127.0.0.1:{port}", port)


@contextmanager
def outbox_held(engine: Engine, waiting: int) -> Iterator[None]:
    """On PostgreSQL, every process that starts now waits at its first write to the outbox until `waiting` of
    them are there (pg_locks says so); then all are let go at the same instant. SQLite can't say who waits
    for its lock, so there they simply start together."""
    if engine.dialect.name != "postgresql":
        yield
        return
    with engine.connect() as connection:
        connection.execute(text("LOCK TABLE outbox IN EXCLUSIVE MODE"))
        yield
        until_waiting(engine, waiting)
        connection.rollback()


def until_waiting(engine: Engine, waiting: int) -> None:
    """Until `waiting` processes wait for the outbox's lock (pg_locks says so)."""
    deadline = time.monotonic() + 60
    blocked = text("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = 'outbox'::regclass")
    with engine.connect() as look:
        while look.execute(blocked).scalar_one() < waiting:
            assert time.monotonic() < deadline, f"fewer than {waiting} processes came to the outbox's lock"
            time.sleep(0.05)
            look.rollback()
