"""Alembic migrations, run in-process: `mentorbot db upgrade`, and `serve` on start."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, text

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


def upgrade(engine: Engine, revision: str = "head") -> Upgraded:
    """Bring the schema to `revision`; on PostgreSQL under an advisory lock."""
    with engine.connect() as connection:
        postgres = connection.dialect.name == "postgresql"
        if postgres:
            connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": ADVISORY_LOCK_KEY})
            connection.commit()
        try:
            before = _revision(connection)
            connection.commit()  # Alembic runs its own transaction, as before the revision was read
            command.upgrade(alembic_config(connection), revision)
            connection.commit()
            return Upgraded(before, _revision(connection))
        finally:
            if postgres:
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": ADVISORY_LOCK_KEY})
                connection.commit()


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as connection:
        return _revision(connection)


def _revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
