"""Reading and saving profiles, with the topic words mentors share kept one row each."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Profile
from storage.pool_version import bump_pool_version

_CHUNK = 500  # ids per query: far below any driver's limit on bound parameters


def get_profile(session: Session, user_id: str) -> Profile | None:
    return session.get(Profile, user_id)


def get_profiles(session: Session, user_ids: Sequence[str]) -> dict[str, Profile]:
    """Many profiles at once (a matching round's cohort), by user id; the missing left out."""
    found: dict[str, Profile] = {}
    for start in range(0, len(user_ids), _CHUNK):
        query = select(Profile).where(col(Profile.user_id).in_(list(user_ids[start : start + _CHUNK])))
        found.update((row.user_id, row) for row in session.execute(query).scalars())
    return found


def save_profile(session: Session, profile: Profile) -> bool:
    """Insert or replace; True when the profile is new.

    Race-free without reading first: the INSERT … ON CONFLICT DO NOTHING either creates the row or
    waits for whoever is creating it (PostgreSQL's row lock, SQLite's write lock) and does nothing;
    then the UPDATE, holding the row, replaces it: saves at once run one after the other, and the last
    one stands whole.
    """
    values = profile.model_dump()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(Profile).values(**values).on_conflict_do_nothing().returning(col(Profile.user_id))
    created = session.execute(statement).first() is not None
    if not created:
        changed = {key: value for key, value in values.items() if key not in ("user_id", "created_at")}
        session.execute(update(Profile).where(col(Profile.user_id) == profile.user_id).values(**changed))
    bump_pool_version(session)
    session.flush()
    session.expire_all()
    return created


def close_availability(session: Session, user_id: str) -> None:
    """No new mentees for this person (they left): the same as pausing their profile."""
    session.execute(update(Profile).where(col(Profile.user_id) == user_id).values(available=False))
    bump_pool_version(session)
