"""Fixtures: a database (SQLite, or PostgreSQL via TEST_DATABASE_URL), the Slack stand-in, the real app."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, event, text

from bot.app import Mentorbot, build
from bot.runtime.settings import Settings
from bot.runtime.web import EVENTS_PATH, SlackHttpEntry
from bot.standin.driver import InlineExecutor, SlackDriver, serving
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from storage.db import make_engine
from tests.factories import PEOPLE
from tests.support.databases import (
    PostgresTemplate,
    SqliteTemplate,
    Template,
    drop_schema,
    new_schema,
    postgres_url,
    schema_url,
)
from tests.support.slack import BOT_TOKEN, SIGNING_SECRET, SLACK_TIMEOUT_SECONDS

TESTS = Path(__file__).parent


def pytest_sessionstart(session: pytest.Session) -> None:
    url = postgres_url()
    if url is None:
        return
    try:
        engine = create_engine(url)
        with engine.connect() as connection:
            connection.execute(text("SELECT 1"))
        engine.dispose()
    except Exception as e:
        pytest.exit(f"TEST_DATABASE_URL is set but PostgreSQL cannot be reached: {e}", returncode=3)


@event.listens_for(Engine, "connect")
def _sqlite_commits_without_fsync(dbapi_connection: Any, _record: Any) -> None:
    """On every engine this process makes: a SQLite commit doesn't wait for the disk (a test never outlives
    a crash of the machine; a killed process loses nothing either way). About a sixth off a scenario test.
    PostgreSQL's test URLs say the same (tests/support/databases.py)."""
    if isinstance(dbapi_connection, sqlite3.Connection):
        dbapi_connection.execute("PRAGMA synchronous=OFF")


# The fixtures through which a test reaches a database; a test using none of them runs the same on either.
DATABASE_FIXTURES = {"database_url", "postgres_admin"}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The top-level modules (real processes, seconds each) and the slow scenarios first, so xdist's
    workers don't end on them.

    On PostgreSQL, only the tests a database can change: those using a database fixture, and those marked
    `postgres` (they read TEST_DATABASE_URL themselves). The others (texts, scoring, the demo's own SQLite,
    socket mode, …) ran in the SQLite pass of the same `make test`, and would only run again unchanged.
    """
    if postgres_url() is not None:
        kept = [item for item in items if reaches_a_database(item)]
        config.hook.pytest_deselected(items=[item for item in items if not reaches_a_database(item)])
        items[:] = kept
    items.sort(key=lambda item: item.path.parent != TESTS and item.get_closest_marker("slow") is None)


def reaches_a_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return bool(names & DATABASE_FIXTURES) or item.get_closest_marker("postgres") is not None


def pytest_report_header() -> str:
    return f"database: {'PostgreSQL (TEST_DATABASE_URL)' if postgres_url() else 'SQLite (temporary files)'}"


@pytest.fixture(scope="session")
def postgres_admin() -> Iterator[Engine | None]:
    url = postgres_url()
    if url is None:
        yield None
        return
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()


@pytest.fixture
def database_url(tmp_path_factory: pytest.TempPathFactory, postgres_admin: Engine | None) -> Iterator[str]:
    """An empty database for one test: a temp SQLite file, or a fresh PostgreSQL schema dropped after."""
    if postgres_admin is None:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'mentorbot.db'}"
        return
    schema = new_schema(postgres_admin)
    yield schema_url(postgres_admin, schema)
    drop_schema(postgres_admin, schema)


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory, postgres_admin: Engine | None) -> Template:
    """The schema, migrated once per run (per xdist worker), for `migrated` to copy."""
    if postgres_admin is None:
        return SqliteTemplate(tmp_path_factory.mktemp("template"))
    return PostgresTemplate(postgres_admin)


@pytest.fixture
def migrated(database_url: str, migrated_template: Template) -> str:
    """The test's database (the same as `database_url`), at the newest revision: a copy of the template."""
    migrated_template.copy_to(database_url)
    return database_url


@pytest.fixture
def engine(migrated: str) -> Iterator[Engine]:
    """The test's database, migrated, for tests below the app (storage, the dispatcher, processes)."""
    engine = make_engine(migrated)
    yield engine
    engine.dispose()


@pytest.fixture
def slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as standin:
        for person in PEOPLE.values():
            standin.add_user(person.user_id, person.name, locale=person.locale, tz=person.tz)
        yield standin


@pytest.fixture
def settings(slack: SlackStandIn, database_url: str) -> Settings:
    return Settings(
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        slack_api_url=slack.api_url,
        slack_timeout_seconds=SLACK_TIMEOUT_SECONDS,
        database_url=database_url,
    )


@pytest.fixture
def mentorbot(settings: Settings, migrated: str) -> Iterator[Mentorbot]:
    bot = build(settings, listener_executor=InlineExecutor(), inline=True)
    yield bot
    bot.engine.dispose()


@pytest.fixture
def base_url(mentorbot: Mentorbot) -> Iterator[str]:
    with serving(SlackHttpEntry(mentorbot.app, SIGNING_SECRET, mentorbot.health)) as url:
        yield url


@pytest.fixture
def driver(base_url: str, slack: SlackStandIn) -> SlackDriver:
    return SlackDriver(base_url + EVENTS_PATH, SIGNING_SECRET, slack)


@pytest.fixture
def profile(driver: SlackDriver) -> Callable[..., None]:
    """Save someone's profile through the modal, as they would: `profile(user_id, role="mentor", …)`."""

    def save(user_id: str, **fields: str) -> None:
        result = driver.interaction(profile_submission(user_id, **fields))
        assert result.json()["response_action"] == "update", result.body

    return save
