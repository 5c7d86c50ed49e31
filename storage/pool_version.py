"""The mentor pool's version: one number that moves with every change to who could mentor whom."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import PoolVersion


def pool_version(session: Session) -> int:
    """The version of everything the pool is made of (0 before the first change)."""
    version = session.execute(select(col(PoolVersion.version)).where(col(PoolVersion.id) == 1)).scalar()
    return int(version or 0)


def bump_pool_version(session: Session) -> None:
    """Mark the pool changed, in the caller's transaction: every process rebuilds its copy on its next look.

    One row updated in place (not a row per change): transactions that bump take turns on it, so a
    version never becomes visible before an earlier one, and no reader can miss a change.
    """
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(PoolVersion).values(id=1, version=1)
    statement = statement.on_conflict_do_update(index_elements=["id"], set_={"version": col(PoolVersion.version) + 1})
    session.execute(statement)
