"""One migration per test run (per xdist worker), not one per test: each test gets a copy of a migrated template.

Running the Alembic migrations took about 0.23 s of a test's 0.3 s setup. SQLite copies a migrated file;
PostgreSQL can't copy a schema, so the SQL the migrations ran once is replayed into each test's schema in one
round trip (about 30 ms). tests/storage/test_migrations.py still migrates for real, and checks that the copies
are the migrated schema.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

import psycopg
from sqlalchemy import Engine, event, text
from sqlalchemy.engine import make_url

from storage.db import make_engine, normalise_url
from storage.migrate import upgrade
from tests.support.processes import free_port


def postgres_url() -> str | None:
    """Tests reach PostgreSQL only through TEST_DATABASE_URL, never DATABASE_URL or .env."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    return normalise_url(url) if url else None


# Databases the app can't use: a server that refuses connections, a SQLite file whose folder is gone.
UNREACHABLE: dict[str, Callable[[Path], str]] = {
    "postgresql-refusing": lambda _: f"postgresql://mentorbot:pw@127.0.0.1:{free_port()}/mentorbot",
    "sqlite-folder-gone": lambda folder: f"sqlite:///{folder / 'gone' / 'mentorbot.db'}",
}


class Template(Protocol):
    def copy_to(self, url: str) -> None:
        """Give the (empty) database at `url` the migrated schema."""


def schema_url(admin: Engine, schema: str) -> str:
    """The URL of one PostgreSQL schema: the admin's database, with `schema` first on the search path."""
    url = make_url(admin.url.render_as_string(hide_password=False))
    # synchronous_commit off: a commit doesn't wait for the disk (a test never outlives a crash of the server).
    options = f"-csearch_path={schema} -csynchronous_commit=off"
    return url.update_query_dict({"options": options}).render_as_string(hide_password=False)


def schema_of(url: str) -> str:
    options = make_url(url).query["options"]
    assert isinstance(options, str)
    [schema] = [option.removeprefix("-csearch_path=") for option in options.split() if "search_path" in option]
    return schema


def new_schema(admin: Engine) -> str:
    schema = f"mentorbot_test_{uuid.uuid4().hex[:12]}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    return schema


def drop_schema(admin: Engine, schema: str) -> None:
    with admin.connect() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


class SqliteTemplate:
    """A migrated SQLite file, copied whole."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.db"
        engine = make_engine(f"sqlite:///{self.path}")
        upgrade(engine)
        with engine.connect() as connection:
            # Everything into the main file, so a copy of that file alone is the whole database.
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        engine.dispose()

    def copy_to(self, url: str) -> None:
        target = Path(make_url(url).database or "")
        if target.exists():  # something wrote there already: migrate it as it is
            _upgrade(url)
            return
        shutil.copyfile(self.path, target)


class PostgresTemplate:
    """The statements the migrations ran in a scratch schema, run again in each test's schema."""

    def __init__(self, admin: Engine) -> None:
        self._admin = admin
        self.script = self._record_migration()

    def copy_to(self, url: str) -> None:
        schema = schema_of(url)
        with self._admin.connect() as connection:
            raw = connection.connection.dbapi_connection
            assert raw is not None
            cursor = raw.cursor()
            try:
                # No parameters: psycopg sends the statements as one query, run as one transaction.
                cursor.execute(f'BEGIN; SET LOCAL search_path TO "{schema}";\n{self.script};\nCOMMIT')
            except psycopg.errors.DuplicateTable:  # something made tables there already: migrate them as they are
                cursor.execute("ROLLBACK")
                _upgrade(url)
            finally:
                cursor.close()

    def _record_migration(self) -> str:
        schema = new_schema(self._admin)
        engine = make_engine(schema_url(self._admin, schema))
        ran: list[str] = []

        def record(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
            # The migrations' reads change nothing (their data steps write only what they found, in an empty
            # database nothing), nor does the advisory lock: what builds the schema is the rest.
            if not statement.lstrip().upper().startswith(("SELECT", "SHOW")):
                assert not parameters, statement  # a literal script is replayed as it is
                ran.append(statement.strip())

        event.listen(engine, "before_cursor_execute", record)
        try:
            upgrade(engine)
        finally:
            engine.dispose()
            drop_schema(self._admin, schema)
        return ";\n".join(ran)


def _upgrade(url: str) -> None:
    engine = make_engine(url)
    upgrade(engine)
    engine.dispose()
