"""Profiles: what a person fills in, the rules it must meet, and saving it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.delivery.letters import News
from bot.matching import topic_words
from bot.typed import whole_number
from storage.models import Profile
from storage.profiles import get_profile, save_profile
from storage.uow import UnitOfWork

MAX_TEXT = 500  # long enough for a real answer, short enough to show in a message
CAPACITY_RANGE = range(1, 6)
DEFAULT_CAPACITY = 2


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"
    BOTH = "both"

    @property
    def mentors(self) -> bool:
        return self is not Role.MENTEE

    @property
    def learns(self) -> bool:
        return self is not Role.MENTOR


@dataclass(frozen=True)
class ProfileForm:
    """What the modal sent, before checks. Capacity stays text: a person may type anything."""

    role: str
    function_area: str
    skills: str
    goals: str
    capacity: str
    available: bool
    likes_newcomers: bool = False


@dataclass(frozen=True)
class ProfileData:
    role: Role
    function_area: str
    skills: str
    goals: str
    capacity: int
    available: bool
    likes_newcomers: bool = False  # a mentor's "I like helping newcomers settle in" (bot.matching's newcomer term)

    @classmethod
    def of(cls, row: Profile) -> ProfileData:
        return cls(
            Role(row.role), row.function_area, row.skills, row.goals, row.capacity, row.available, row.likes_newcomers
        )


def check_profile(form: ProfileForm, areas: Sequence[str]) -> tuple[ProfileData | None, dict[str, str]]:
    """The valid profile, or the problems: field name → catalog key of the message to show there."""
    errors: dict[str, str] = {}
    role = Role(form.role) if form.role in Role.__members__.values() else None
    if role is None:
        errors["role"] = "profile.error.role"
    if form.function_area not in areas:
        errors["function_area"] = "profile.error.area"
    skills, goals = form.skills.strip(), form.goals.strip()
    for name, text in (("skills", skills), ("goals", goals)):
        if len(text) > MAX_TEXT:
            errors[name] = "profile.error.too_long"
    if role is not None and role.mentors and not skills and "skills" not in errors:
        errors["skills"] = "profile.error.skills_needed"
    if role is not None and role.learns and not goals and "goals" not in errors:
        errors["goals"] = "profile.error.goals_needed"
    capacity = whole_number(form.capacity, CAPACITY_RANGE)
    if capacity is None:
        errors["capacity"] = "profile.error.capacity"
    if errors or role is None or capacity is None:
        return None, errors
    likes_newcomers = form.likes_newcomers and role.mentors  # a mentee's tick (left from an earlier role) means nothing
    return ProfileData(role, form.function_area, skills, goals, capacity, form.available, likes_newcomers), {}


class ProfileService:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock

    def get(self, user_id: str) -> ProfileData | None:
        with self._uow() as uow:
            row = get_profile(uow.session, user_id)
            return ProfileData.of(row) if row is not None else None

    def save(self, user_id: str, data: ProfileData, *, suggest: bool = False) -> bool:
        """Store the profile with its normalised word sets; True when it is new.

        `suggest`: `/mentor find`'s answer follows in their DM, written with the profile (a welcome's buddy).
        """
        skill_words = topic_words(data.skills) if data.role.mentors else frozenset()
        now = self._clock()
        row = Profile(
            user_id=user_id,
            role=data.role.value,
            function_area=data.function_area,
            skills=data.skills,
            goals=data.goals,
            capacity=data.capacity,
            available=data.available,
            likes_newcomers=data.likes_newcomers,
            skill_words=" ".join(sorted(skill_words)),
            goal_words=" ".join(sorted(topic_words(data.goals))),
            updated_at=now,
            created_at=now,  # kept from the first save: an update leaves it alone (storage.profiles.save_profile)
        )
        with self._uow() as uow:
            created = save_profile(uow.session, row)
            news = News(uow.session, row.updated_at)
            news.refresh(user_id)
            if suggest:
                news.suggest(user_id)
            uow.commit()
        return created
