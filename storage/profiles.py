"""Reading and saving profiles, with the topic words mentors share kept one row each."""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import delete
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Profile, ProfileTopic


def get_profile(session: Session, user_id: str) -> Profile | None:
    return session.get(Profile, user_id)


def save_profile(session: Session, profile: Profile, topics: Iterable[str]) -> bool:
    """Insert or replace, with the topics the person shares as a mentor; True when the profile is new."""
    existing = session.get(Profile, profile.user_id)
    session.merge(profile)
    session.execute(delete(ProfileTopic).where(col(ProfileTopic.user_id) == profile.user_id))
    session.add_all(ProfileTopic(user_id=profile.user_id, word=word) for word in sorted(set(topics)))
    session.flush()
    return existing is None
