"""Reading and saving profiles, with the topic words mentors share kept one row each."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Profile, ProfileTopic
from storage.pool_version import bump_pool_version


def get_profile(session: Session, user_id: str) -> Profile | None:
    return session.get(Profile, user_id)


def save_profile(session: Session, profile: Profile, topics: Iterable[str]) -> bool:
    """Insert or replace, with the topics the person shares as a mentor; True when the profile is new.

    Race-free without reading first: the INSERT … ON CONFLICT DO NOTHING either creates the row or
    waits for whoever is creating it (PostgreSQL's row lock, SQLite's write lock) and does nothing;
    then the UPDATE, holding the row, replaces it. Every save takes the profile row before it touches
    the topics, so saves at once run one after the other and the last one's topics stand.
    """
    values = profile.model_dump()
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = insert(Profile).values(**values).on_conflict_do_nothing().returning(col(Profile.user_id))
    created = session.execute(statement).first() is not None
    if not created:
        changed = {key: value for key, value in values.items() if key not in ("user_id", "created_at")}
        session.execute(update(Profile).where(col(Profile.user_id) == profile.user_id).values(**changed))
        session.execute(delete(ProfileTopic).where(col(ProfileTopic.user_id) == profile.user_id))
    session.add_all(ProfileTopic(user_id=profile.user_id, word=word) for word in sorted(set(topics)))
    bump_pool_version(session)
    session.flush()
    session.expire_all()
    return created


def close_availability(session: Session, user_id: str) -> None:
    """No new mentees for this person (they left): the same as pausing their profile."""
    session.execute(update(Profile).where(col(Profile.user_id) == user_id).values(available=False))
    bump_pool_version(session)
