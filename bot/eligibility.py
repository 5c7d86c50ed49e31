"""Who may look for a mentor now: one rule, for `/mentor find` and for asking a mentor alike."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from functools import partial
from operator import contains

from sqlalchemy.orm import Session

from bot.profiles import ProfileData
from storage.models import Profile
from storage.pairings import has_mentor, mentees_with_a_mentor
from storage.profiles import get_profile, get_profiles


class Ineligible(StrEnum):
    """Why someone may not look for a mentor now."""

    NO_PROFILE = "no_profile"
    NOT_A_MENTEE = "not_a_mentee"  # their profile says they only mentor
    HAS_MENTOR = "has_mentor"  # a mentor at a time


def mentee_eligibility(session: Session, user_id: str) -> ProfileData | Ineligible:
    """Their profile if they may look for (and ask) a mentor now, else why not; read in the caller's unit of work."""
    row = get_profile(session, user_id)
    profile = ProfileData.of(row) if row is not None else None
    return _judged(profile, lambda: has_mentor(session, user_id))


def eligibility_from(row: Profile | None, has_a_mentor: bool) -> ProfileData | Ineligible:
    """The same rule over what the caller read already (find reads everything in one statement)."""
    return _judged(ProfileData.of(row) if row is not None else None, lambda: has_a_mentor)


def eligibility_of(session: Session, user_ids: Sequence[str]) -> dict[str, ProfileData | Ineligible]:
    """The same rule for many at once (a matching round's cohort), in a few queries."""
    profiles = {user_id: ProfileData.of(row) for user_id, row in get_profiles(session, user_ids).items()}
    learners = [user_id for user_id, profile in profiles.items() if profile.role.learns]
    paired = mentees_with_a_mentor(session, learners)
    return {user_id: _judged(profiles.get(user_id), partial(contains, paired, user_id)) for user_id in user_ids}


def _judged(profile: ProfileData | None, has_a_mentor: Callable[[], bool]) -> ProfileData | Ineligible:
    """The rule itself: a profile, as someone who learns, without a mentor (asked last: it is a query)."""
    if profile is None:
        return Ineligible.NO_PROFILE
    if not profile.role.learns:
        return Ineligible.NOT_A_MENTEE
    if has_a_mentor():
        return Ineligible.HAS_MENTOR
    return profile
