"""The cache of what Slack says about each person (only what the bot uses)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import case, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Person
from storage.pool_version import bump_pool_version

DEFAULT_LOCALE = "en-US"  # for someone Slack has not told us about (yet)
DEFAULT_ZONE = "UTC"


def get_person(session: Session, user_id: str) -> Person | None:
    return session.get(Person, user_id)


def save_person(
    session: Session,
    user_id: str,
    *,
    locale: str,
    tz: str,
    fetched_at: datetime,
    gone: bool = False,
    joined_at: datetime | None = None,
) -> None:
    """Insert or update in one statement, so two requests for a new person at once can't collide.

    `joined_at` (from a `team_join`) is kept from the first time it is known; None leaves it as it is.
    The pool version moves only when what the pool reads changed (language, zone, gone): the cache is
    refreshed far more often than any of that changes. The row is read locked (PostgreSQL) so no other
    change slips in between the look and the write.
    """
    dialect = session.get_bind().dialect.name
    before = session.execute(
        select(col(Person.locale), col(Person.tz), col(Person.gone))
        .where(col(Person.user_id) == user_id)
        .with_for_update()  # SQLite has no row locks (and needs none: one writer at a time)
    ).first()
    values = {"user_id": user_id, "locale": locale, "tz": tz, "gone": gone, "fetched_at": fetched_at}
    insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
    statement = insert(Person).values(**values, gone_since=fetched_at if gone else None, joined_at=joined_at)
    changed: dict[str, Any] = {key: statement.excluded[key] for key in values if key != "user_id"}
    changed["joined_at"] = func.coalesce(col(Person.joined_at), statement.excluded["joined_at"])
    # Gone since the first time Slack said so (kept while it says so again), none once they are back.
    since = func.coalesce(col(Person.gone_since), statement.excluded["gone_since"])
    changed["gone_since"] = case((statement.excluded["gone"], since), else_=None)
    session.execute(statement.on_conflict_do_update(index_elements=["user_id"], set_=changed))
    if before is None or tuple(before) != (locale, tz, gone):
        bump_pool_version(session)
    session.expire_all()


def gone_before(session: Session, cutoff: datetime, limit: int) -> list[str]:
    """People Slack has said are gone since before `cutoff` (the grace-period erasure's), oldest first."""
    query = (
        select(col(Person.user_id))
        .where(col(Person.gone), col(Person.gone_since) <= cutoff)
        .order_by(col(Person.gone_since))
        .limit(limit)
    )
    return [str(user_id) for user_id in session.execute(query).scalars()]


def joined_at(session: Session, user_id: str) -> datetime | None:
    """When they joined the workspace, if the bot saw their `team_join`."""
    return session.execute(select(col(Person.joined_at)).where(col(Person.user_id) == user_id)).scalar_one_or_none()
