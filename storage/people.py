"""The cache of what Slack says about each person (only what the bot uses)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from storage.models import Person

DEFAULT_LOCALE = "en-US"  # for someone Slack has not told us about (yet)
DEFAULT_ZONE = "UTC"


def get_person(session: Session, user_id: str) -> Person | None:
    return session.get(Person, user_id)


def save_person(
    session: Session, user_id: str, *, locale: str, tz: str, fetched_at: datetime, gone: bool = False
) -> None:
    """Insert or update in one statement, so two requests for a new person at once can't collide."""
    values = {"user_id": user_id, "locale": locale, "tz": tz, "gone": gone, "fetched_at": fetched_at}
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(Person).values(**values)
    changed = {key: statement.excluded[key] for key in values if key != "user_id"}
    session.execute(statement.on_conflict_do_update(index_elements=["user_id"], set_=changed))
    session.expire_all()
