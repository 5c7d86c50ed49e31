"""What `serve` runs beside the requests, while the database can't be used: one line with its cause, once a
minute, and one when it is back; never a traceback per tick."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import Mentorbot, build
from bot.runtime.background import Background
from bot.runtime.outage import DatabaseOutage
from bot.runtime.settings import Settings
from bot.standin.driver import InlineExecutor
from storage.db import make_engine
from storage.migrate import upgrade
from tests.support.databases import UNREACHABLE

CAUSES = {
    "postgresql-refusing": "psycopg.OperationalError: connection to server at",
    "sqlite-folder-gone": "sqlite3.OperationalError: unable to open database file",
}
EVERY = timedelta(seconds=0.05)  # the tick, and the dispatcher's poll


class Counted:
    """How many times the tick and the dispatcher's passes ran."""

    def __init__(self, bot: Mentorbot, monkeypatch: pytest.MonkeyPatch) -> None:
        self.ticks = 0
        self.passes = 0
        tick, dispatch_due = bot.operations.tick, bot.dispatcher.dispatch_due

        def counted_tick() -> object:
            self.ticks += 1
            return tick()

        def counted_pass(*, recover: bool = True) -> int:
            self.passes += 1
            return dispatch_due(recover=recover)

        monkeypatch.setattr(bot.operations, "tick", counted_tick)
        monkeypatch.setattr(bot.dispatcher, "dispatch_due", counted_pass)


def wait_until(condition: Callable[[], bool], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "waited too long"
        time.sleep(0.02)


def build_on(settings: Settings, url: str) -> Mentorbot:
    return build(replace(settings, database_url=url), listener_executor=InlineExecutor())


@pytest.fixture
def running() -> Iterator[list[Background]]:
    started: list[Background] = []
    yield started
    for background in started:
        background.stop(timeout=5)


def problems(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    """Warnings and errors, but APScheduler's: a tick this frequent is sometimes skipped on a busy machine."""
    return [r for r in caplog.records if r.levelno >= logging.WARNING and not r.name.startswith("apscheduler")]


@pytest.mark.parametrize("case", UNREACHABLE.keys())
def test_a_database_that_cannot_be_used_is_one_line_with_its_cause_not_a_traceback_per_pass(
    case: str,
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    running: list[Background],
) -> None:
    caplog.set_level(logging.INFO)
    bot = build_on(settings, UNREACHABLE[case](tmp_path))
    counted = Counted(bot, monkeypatch)
    background = Background(bot.dispatcher, bot.operations, EVERY)
    running.append(background)

    background.start()
    wait_until(lambda: counted.ticks >= 6 and counted.passes >= 2)
    background.stop(timeout=5)
    bot.engine.dispose()

    [line] = problems(caplog)
    assert line.levelno == logging.ERROR
    assert line.exc_info is None
    assert CAUSES[case] in line.getMessage()
    assert "\n" not in line.getMessage()
    assert [record for record in caplog.records if record.exc_info] == []


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_the_line_comes_again_each_minute_while_it_lasts_and_once_when_the_database_is_back(
    settings: Settings,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    running: list[Background],
) -> None:
    caplog.set_level(logging.INFO)
    bot = build_on(settings, f"sqlite:///{tmp_path / 'db' / 'mentorbot.db'}")  # its folder isn't there yet
    counted = Counted(bot, monkeypatch)
    clock = FakeClock()
    background = Background(bot.dispatcher, bot.operations, EVERY, DatabaseOutage(clock=clock))
    running.append(background)
    background.start()

    wait_until(lambda: counted.ticks >= 3)
    clock.now += 59
    seen = counted.ticks
    wait_until(lambda: counted.ticks >= seen + 3)
    assert len(problems(caplog)) == 1
    clock.now += 2
    wait_until(lambda: len(problems(caplog)) == 2)
    the_database_comes_back(tmp_path / "db")
    wait_until(lambda: any("can be used again" in record.getMessage() for record in caplog.records))
    background.stop(timeout=5)
    bot.engine.dispose()

    first, second = problems(caplog)
    assert "can't be used (sqlite3.OperationalError: unable to open database file)" in first.getMessage()
    assert "still can't be used (sqlite3.OperationalError: unable to open database file)" in second.getMessage()
    assert len(problems(caplog)) == 2
    assert [record.exc_info for record in caplog.records if record.exc_info] == []


def the_database_comes_back(folder: Path) -> None:
    """Migrated elsewhere, then put where it was looked for in one step (a tick never sees it half-made)."""
    ready = folder.with_name("ready")
    ready.mkdir()
    engine = make_engine(f"sqlite:///{ready / 'mentorbot.db'}")
    upgrade(engine)
    engine.dispose()
    ready.rename(folder)
