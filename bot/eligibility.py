"""Who may look for a mentor now: one rule, for `/mentor find` and for asking a mentor alike."""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy.orm import Session

from bot.profiles import ProfileData
from storage.pairings import has_mentor
from storage.profiles import get_profile


class Ineligible(StrEnum):
    """Why someone may not look for a mentor now."""

    NO_PROFILE = "no_profile"
    NOT_A_MENTEE = "not_a_mentee"  # their profile says they only mentor
    HAS_MENTOR = "has_mentor"  # a mentor at a time


def mentee_eligibility(session: Session, user_id: str) -> ProfileData | Ineligible:
    """Their profile if they may look for (and ask) a mentor now, else why not; read in the caller's unit of work."""
    row = get_profile(session, user_id)
    if row is None:
        return Ineligible.NO_PROFILE
    profile = ProfileData.of(row)
    if not profile.role.learns:
        return Ineligible.NOT_A_MENTEE
    if has_mentor(session, user_id):
        return Ineligible.HAS_MENTOR
    return profile
