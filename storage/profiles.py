"""Reading and saving profiles."""

from __future__ import annotations

from sqlalchemy.orm import Session

from storage.models import Profile


def get_profile(session: Session, user_id: str) -> Profile | None:
    return session.get(Profile, user_id)


def save_profile(session: Session, profile: Profile) -> bool:
    """Insert or replace; True when the profile is new."""
    existing = session.get(Profile, profile.user_id)
    session.merge(profile)
    session.flush()
    return existing is None
