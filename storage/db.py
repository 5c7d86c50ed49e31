"""Engine and session factory, built on demand (nothing happens at import)."""

from __future__ import annotations

import logging
import sqlite3
import sys
import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import BindParameter, CursorResult, DateTime, Engine, Result, create_engine, event, literal, text
from sqlalchemy.engine import URL, Dialect, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as SQLAlchemyTimeoutError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.types import TypeDecorator

log = logging.getLogger(__name__)

# Connection errors that mean "not up yet" rather than "wrong": containers start in any order.
_NOT_UP_YET = (
    "connection refused",
    "the database system is starting up",
    "the database system is not yet accepting connections",
    "the database system is in recovery mode",
    "the database system is shutting down",
    "failed to resolve host",
    "could not translate host name",
    "no route to host",
    "timeout expired",
    "timed out",
)


class DatabaseUnavailableError(RuntimeError):
    """The database can't be used. `where` and `cause` are one line each, never with a password."""

    def __init__(self, where: str, cause: str) -> None:
        super().__init__(f"{where}: {cause}")
        self.where = where
        self.cause = cause


class DatabaseBusyError(RuntimeError):
    """A unit of work waited for a lock (or a connection) longer than it may: try again in a moment."""


# Waits for another writer's lock, outside a bounded unit of work (the tick, migrations).
LONG_LOCK_WAIT_MS = 30_000


# In a SQLite connection's `info`: the busy_timeout (ms) its last PRAGMA set, so a unit of work that wants the
# same wait as the last one on that connection sends no PRAGMA (two statements fewer on every request).
BUSY_TIMEOUT_MS = "busy_timeout_ms"


def bound_lock_waits(session: Session, seconds: float) -> None:
    """Make this session give up on a lock after `seconds` (raising, see `busy`), instead of waiting long."""
    millis = int(seconds * 1000)
    if session.get_bind().dialect.name == "sqlite":
        # Per connection, and kept when it goes back to the pool: a unit of work that waits long sets it back
        # as it begins (`unbound_lock_waits`).
        _sqlite_busy_timeout(session, millis)
    else:

        def per_transaction(_session: Session, _transaction: Any, connection: Any) -> None:
            connection.exec_driver_sql(f"SET LOCAL lock_timeout = '{millis}ms'")

        event.listen(session, "after_begin", per_transaction)


def unbound_lock_waits(session: Session) -> None:
    """The long wait, for a unit of work that waits long, on a SQLite connection a request's unit of work may
    have left bounded (PostgreSQL's bound was per transaction)."""
    if session.get_bind().dialect.name != "sqlite":
        return
    try:
        _sqlite_busy_timeout(session, LONG_LOCK_WAIT_MS)
    except DBAPIError:
        session.invalidate()  # a connection that can't take a PRAGMA is not worth pooling: the next is fresh


def _sqlite_busy_timeout(session: Session, millis: int) -> None:
    connection = session.connection()
    if connection.info.get(BUSY_TIMEOUT_MS) != millis:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={millis}")
        connection.info[BUSY_TIMEOUT_MS] = millis


def busy(error: BaseException) -> bool:
    """Whether `error` is a lock or connection wait that ran out (not a broken database)."""
    if isinstance(error, SQLAlchemyTimeoutError):  # no pooled connection came free in time
        return True
    if not isinstance(error, OperationalError):
        return False
    original = error.orig
    if getattr(original, "sqlstate", None) in ("55P03", "57014"):  # lock_not_available, query_canceled
        return True
    return "database is locked" in str(original) or "database table is locked" in str(original)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC in and out, on SQLite (which keeps no zone) as on PostgreSQL."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to the database; use timezone-aware UTC")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def normalise_url(url: str) -> str:
    """Accept the `postgresql://` and `postgres://` spellings and use psycopg 3 for them."""
    if url.startswith("postgres://"):
        url = "postgresql://" + url.removeprefix("postgres://")
    parsed = make_url(url)
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed.render_as_string(hide_password=False)


# Connections for 16 HTTP threads, the listeners they start, the dispatcher's senders and the tick,
# with room to spare; SQLAlchemy's 5 + 10 would make requests queue for a connection.
POOL: dict[str, Any] = {"pool_size": 20, "max_overflow": 30, "pool_timeout": 5}


def make_engine(url: str) -> Engine:
    # hide_parameters: a database error's message would otherwise carry the values being written
    # (what people typed, their names), and the error handler logs it.
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(
            url, connect_args={"check_same_thread": False, "timeout": 30}, hide_parameters=True, **POOL
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True, hide_parameters=True, **POOL)


def wait_for_database(
    engine: Engine,
    wait_seconds: float,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> None:
    """Connect once, or keep trying for `wait_seconds` while the server is still starting.

    A database that is missing, refuses the credentials, or can't be opened fails at once.
    """
    deadline = clock() + wait_seconds
    where = describe(engine.url)
    told = False
    while True:
        try:
            with engine.connect() as connection:
                connection.execute(text("SELECT 1"))
            return
        except DBAPIError as e:
            cause = connection_error_cause(e)
            if cause == "unable to open database file":
                cause += " (does its folder exist, and may Mentorbot write there?)"
            if not _not_up_yet(cause):
                raise DatabaseUnavailableError(where, cause) from None
            left = deadline - clock()
            if left <= 0:
                if told:
                    cause += f", still after {wait_seconds:g} s"
                raise DatabaseUnavailableError(where, cause) from None
            if not told:
                log.warning(
                    "the database (%s) is not reachable yet: %s; trying for up to %g s", where, cause, wait_seconds
                )
                told = True
            sleep(min(1.0, left))


def describe(url: URL) -> str:
    """Which database, for an operator: kind, host, port and name; no user, password or options."""
    if url.get_backend_name() == "sqlite":
        return f"SQLite file {url.database}" if url.database not in (None, "", ":memory:") else "SQLite in memory"
    host = url.host or "localhost"
    port = f":{url.port}" if url.port else ""
    return f"PostgreSQL at {host}{port}, database {url.database or '(default)'}"


def ping(engine: Engine) -> None:
    """One `SELECT 1`: raises what the database or its driver raises."""
    with engine.connect() as connection:
        connection.execute(text("SELECT 1"))


def missing_file(url: URL) -> bool:
    """A SQLite file that isn't there (connecting would create it)."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return False
    return not Path(str(url.database)).exists()


def connection_error_cause(error: DBAPIError) -> str:
    """The driver's own words, on one line (psycopg adds a hint on a second line)."""
    first_line = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else type(error.orig).__name__
    return " ".join(first_line.removeprefix("connection failed: ").split())


# What SQLite says when its file can't be used at all; it names no value, only the file's trouble.
_SQLITE_UNUSABLE = (
    "unable to open database file",
    "disk i/o error",
    "file is not a database",
    "database disk image is malformed",
    "attempt to write a readonly database",
)
# PostgreSQL going away under a live connection: admin_shutdown, crash_shutdown, cannot_connect_now.
_SERVER_GOING_AWAY = ("57P01", "57P02", "57P03")


def unreachable_cause(error: BaseException) -> str | None:
    """If `error` (or what caused it) means the database can't be reached or opened: the driver's error class
    and words, on one line (`psycopg.OperationalError: … Connection refused`), which name a host or a file,
    never a value. None for any other error: its message may quote what was being written."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, DBAPIError) and current.orig is not None and _cannot_connect(current.orig):
            driver_error = type(current.orig)
            return f"{driver_error.__module__}.{driver_error.__qualname__}: {connection_error_cause(current)}"
        current = current.__cause__ or current.__context__
    return None


def _cannot_connect(driver_error: BaseException) -> bool:
    if isinstance(driver_error, sqlite3.Error):
        return str(driver_error).strip().lower().startswith(_SQLITE_UNUSABLE)
    psycopg = sys.modules.get("psycopg")  # loaded if it raised this; not imported for a SQLite deployment
    if psycopg is None or not isinstance(driver_error, psycopg.OperationalError):
        return False
    # psycopg's own errors (no SQLSTATE) are about the connection: refused, lost, closed, timed out.
    sqlstate = driver_error.sqlstate
    return sqlstate is None or sqlstate.startswith("08") or sqlstate in _SERVER_GOING_AWAY


def _not_up_yet(cause: str) -> bool:
    lowered = cause.lower()
    return any(marker in lowered for marker in _NOT_UP_YET)


def _sqlite_pragmas(dbapi_connection: Any, record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={LONG_LOCK_WAIT_MS}")
    cursor.close()
    record.info[BUSY_TIMEOUT_MS] = LONG_LOCK_WAIT_MS


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def fixed(values: Iterable[str]) -> list[BindParameter[str]]:
    """Constant values for an `IN`, each its own parameter: an `IN` over a plain list is expanded anew at every
    execution (SQLAlchemy's "post-compile" step), which find, run on every request, can do without."""
    return [literal(value) for value in values]


def rowcount(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE touched."""
    return int(cast(CursorResult[Any], result).rowcount)


def utcnow() -> datetime:
    return datetime.now(UTC)
