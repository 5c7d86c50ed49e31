"""Alembic migrations, run in-process: `mentorbot db upgrade`, and `serve` on start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, text

from storage.db import describe, missing_file

MIGRATIONS = Path(__file__).parent / "migrations"
# Any fixed number will do; replicas starting together agree on it, so one migrates at a time.
ADVISORY_LOCK_KEY = 4_211_923_001


def alembic_config(connection: Connection) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


@dataclass(frozen=True)
class Upgraded:
    """The schema's revision before and after an upgrade (None: no tables yet)."""

    before: str | None
    after: str | None

    def __str__(self) -> str:
        if self.before == self.after:
            return f"schema at revision {self.after}, up to date"
        return f"schema upgraded from revision {self.before or '(empty)'} to {self.after}"


class SchemaError(RuntimeError):
    """The schema is not the one this code knows; `found` is None when there is none yet."""

    def __init__(self, where: str, found: str | None, known: str) -> None:
        super().__init__(f"{where}: schema at revision {found or '(none)'}, this code knows up to {known}")
        self.where = where
        self.found = found
        self.known = known


class SchemaNewerError(SchemaError):
    """At a revision this code doesn't know: a newer version migrated it, and this one was rolled back."""


class SchemaBehindError(SchemaError):
    """No schema yet, or an older one: only `serve` and `db upgrade` migrate, never a command that reads."""

    def __init__(self, where: str, found: str | None, known: str, *, exists: bool = True) -> None:
        super().__init__(where, found, known)
        self.exists = exists  # False: not even the database (a SQLite file) is there


def require_current(engine: Engine) -> None:
    """Check, changing nothing (a missing SQLite file is not created), that the schema is this code's."""
    where, head = describe(engine.url), head_revision()
    if missing_file(engine.url):
        raise SchemaBehindError(where, None, head, exists=False)
    found = current_revision(engine)
    if found == head:
        return
    if found is not None and found not in known_revisions():
        raise SchemaNewerError(where, found, head)
    raise SchemaBehindError(where, found, head)


def upgrade(engine: Engine, revision: str = "head") -> Upgraded:
    """Bring the schema to `revision`; on PostgreSQL under an advisory lock."""
    with engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            connection.commit()
        try:
            before = _revision(connection)
            if before is not None and before not in known_revisions():
                # Alembic would fail on it with a traceback; a rollback after an upgrade deserves one line.
                raise SchemaNewerError(describe(engine.url), before, head_revision())
            connection.commit()  # Alembic runs its own transaction, as before the revision was read
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
            return Upgraded(before, _revision(connection))
        finally:
            if postgres:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                connection.commit()


def known_revisions() -> list[str]:
    """The revisions this code can migrate to, oldest first."""
    return [script.revision for script in reversed(list(_scripts().walk_revisions()))]


def head_revision() -> str:
    """The newest revision this code knows."""
    return known_revisions()[-1]


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _revision(connection)


def _scripts() -> ScriptDirectory:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return ScriptDirectory.from_config(config)


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
