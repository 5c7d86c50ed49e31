"""The engine: errors that keep written values to themselves, and waiting for a database that is starting."""

from __future__ import annotations

import logging
import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from sqlalchemy.exc import IntegrityError, OperationalError

from storage.db import (
    LONG_LOCK_WAIT_MS,
    DatabaseUnavailableError,
    make_engine,
    make_session_factory,
    ping,
    unreachable_cause,
    wait_for_database,
)
from storage.migrate import upgrade
from storage.models import Person
from storage.uow import UnitOfWork
from tests.support.processes import free_port

SECRET = "he-is-my-ex-7f3a"


def formatted(records: list[logging.LogRecord]) -> str:
    """Log records as a handler would write them, tracebacks included."""
    formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    return "\n".join(formatter.format(record) for record in records)


def failed_write_of_a_secret(database_url: str) -> pytest.ExceptionInfo[IntegrityError]:
    """A write that breaks a unique key, with SECRET among the values it tried to write."""
    engine = make_engine(database_url)
    upgrade(engine)
    now = datetime.now(UTC)
    with UnitOfWork(make_session_factory(engine)) as uow:
        uow.session.add(Person(user_id="U1", locale="en-US", tz="UTC", fetched_at=now))
        uow.commit()
    with UnitOfWork(make_session_factory(engine)) as uow:
        uow.session.add(Person(user_id="U1", locale="en-US", tz=SECRET, fetched_at=now))
        with pytest.raises(IntegrityError) as raised:
            uow.commit()
    engine.dispose()
    return raised


def test_a_failed_write_does_not_put_the_written_values_in_the_logs(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    raised = failed_write_of_a_secret(database_url)
    logging.getLogger("handlers.errors").error("unhandled error in a view_submission listener", exc_info=raised.value)

    assert "IntegrityError" in formatted(caplog.records)
    assert SECRET not in formatted(caplog.records)


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_a_database_that_is_down_is_tried_for_the_wait_then_named_in_one_line(
    caplog: pytest.LogCaptureFixture,
) -> None:
    engine = make_engine(f"postgresql://mentorbot:s3cret-pw@127.0.0.1:{free_port()}/mentorbot")
    clock = FakeClock()

    with pytest.raises(DatabaseUnavailableError) as raised:
        wait_for_database(engine, 3, sleep=clock.sleep, clock=clock)

    engine.dispose()
    message = str(raised.value)
    assert "PostgreSQL at 127.0.0.1" in message
    assert "Connection refused, still after 3 s" in message
    assert "\n" not in message
    assert "s3cret-pw" not in message
    assert sum(clock.slept) == 3
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 1
    assert "not reachable yet" in warnings[0].getMessage()


def test_a_database_that_comes_up_while_waiting_is_used(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'late.db'}")
    attempts: list[int] = []

    @event.listens_for(engine, "do_connect")
    def refuse_the_first_attempt(*_: Any) -> None:
        attempts.append(1)
        if len(attempts) == 1:
            raise sqlite3.OperationalError("Connection refused")

    clock = FakeClock()
    wait_for_database(engine, 30, sleep=clock.sleep, clock=clock)

    engine.dispose()
    assert len(attempts) == 2
    assert clock.slept == [1.0]


def test_a_database_that_cannot_be_opened_fails_at_once_without_waiting(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'no' / 'such' / 'folder' / 'x.db'}")
    clock = FakeClock()

    with pytest.raises(DatabaseUnavailableError, match="unable to open database file"):
        wait_for_database(engine, 30, sleep=clock.sleep, clock=clock)

    engine.dispose()
    assert clock.slept == []


def test_an_upgrade_says_what_it_did(database_url: str) -> None:
    engine = make_engine(database_url)

    first, second = upgrade(engine), upgrade(engine)

    engine.dispose()
    assert first.before is None
    assert first.after == second.before == second.after is not None
    assert str(first) == f"schema upgraded from revision (empty) to {first.after}"
    assert str(second) == f"schema at revision {first.after}, up to date"


def test_only_errors_that_mean_the_database_cannot_be_reached_are_named_with_their_words(database_url: str) -> None:
    duplicate = failed_write_of_a_secret(database_url)
    refusing = make_engine(f"postgresql://mentorbot:pw@127.0.0.1:{free_port()}/mentorbot")
    with pytest.raises(OperationalError) as refused:
        ping(refusing)
    refusing.dispose()

    assert unreachable_cause(duplicate.value) is None  # its message may quote what was written
    assert unreachable_cause(RuntimeError(SECRET)) is None
    cause = unreachable_cause(refused.value)
    assert cause is not None
    assert cause.startswith("psycopg.OperationalError: connection to server at")
    assert cause.endswith("Connection refused")


def test_a_sqlite_connection_a_request_bounded_waits_long_again_for_the_tick(tmp_path: Path) -> None:
    """The PRAGMA is sent only when the wait changes, and a unit of work that waits long always gets the long
    wait back, on the very connection a request's unit of work left bounded (one connection in the pool)."""
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    engine.pool.dispose()
    factory = make_session_factory(engine)
    statements: list[str] = []
    event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))

    def timeout(uow: UnitOfWork) -> int:
        return int(uow.session.connection().exec_driver_sql("PRAGMA busy_timeout").scalar_one())

    with UnitOfWork(factory, wait_at_most=1.5) as uow:
        assert timeout(uow) == 1500
    with UnitOfWork(factory, wait_at_most=1.5) as uow:
        assert timeout(uow) == 1500
    with UnitOfWork(factory) as uow:
        assert timeout(uow) == LONG_LOCK_WAIT_MS

    set_ = [s for s in statements if s.startswith("PRAGMA busy_timeout=")]
    assert set_ == ["PRAGMA busy_timeout=1500", f"PRAGMA busy_timeout={LONG_LOCK_WAIT_MS}"]  # not once per unit of work
    engine.dispose()
