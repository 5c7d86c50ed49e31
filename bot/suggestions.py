"""`/mentor find`: the mentors who could fit a mentee, best first, each with the reasons why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.eligibility import Ineligible, mentee_eligibility
from bot.i18n import language_for_locale
from bot.matching import Mentee, Mentor, Suggestion, best_mentors
from bot.people import PeopleService
from bot.profiles import ProfileData, ProfileService
from bot.settings import Settings
from storage.matching import MentorRow, mentor_candidates
from storage.uow import UnitOfWork

HOW_MANY = 3


class FindOutcome(StrEnum):
    """What `/mentor find` found (who may look at all is bot.eligibility's rule)."""

    FOUND = "found"
    NONE_FOUND = "none_found"


@dataclass(frozen=True)
class FindResult:
    outcome: FindOutcome | Ineligible
    suggestions: tuple[Suggestion, ...] = ()
    profile: ProfileData | None = None


class SuggestionService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        profiles: ProfileService,
        people: PeopleService,
        settings: Settings,
        clock: Callable[[], datetime],
    ) -> None:
        self._uow = uow
        self._profiles = profiles
        self._people = people
        self._settings = settings
        self._clock = clock

    def find(self, user_id: str, limit: int = HOW_MANY) -> FindResult:
        with self._uow() as uow:
            profile = mentee_eligibility(uow.session, user_id)
            if isinstance(profile, Ineligible):
                return FindResult(profile)
            rows = mentor_candidates(uow.session, user_id, profile.function_area, profile.goal_words)
        me = self._people.who(user_id)  # only now: it may ask Slack
        mentee = Mentee(user_id, profile.function_area, profile.goal_words, me.language, me.tz)
        mentors = [_mentor(row) for row in rows]
        on = self._clock().date()  # only daylight saving time depends on the day
        best = best_mentors(mentee, mentors, self._settings.working_hours, on, limit)
        outcome = FindOutcome.FOUND if best else FindOutcome.NONE_FOUND
        return FindResult(outcome, tuple(best), profile)


def _mentor(row: MentorRow) -> Mentor:
    return Mentor(
        user_id=row.user_id,
        function_area=row.function_area,
        skill_words=frozenset(row.skill_words.split()),
        skills_text=row.skills,
        language=language_for_locale(row.locale),
        tz=row.tz,
        free_slots=row.capacity - row.taken,
    )
