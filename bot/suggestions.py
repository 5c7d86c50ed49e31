"""`/mentor find`: the mentors who could fit a mentee, best first, each with the reasons why."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import date, datetime, time
from enum import StrEnum

from bot.eligibility import Ineligible, mentee_eligibility
from bot.i18n import language_for_locale
from bot.matching import WEIGHTS, Mentee, Mentor, Suggestion, Weights, best_mentors, hours_points, working_overlap
from bot.people import PeopleService, Someone
from bot.profiles import ProfileData, ProfileService
from bot.runtime.settings import Settings
from bot.welcomes.rules import is_newcomer
from storage.matching import CANDIDATES, MentorRow, Points, locales_and_zones, mentor_candidates
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE, joined_at
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
        candidates: int = CANDIDATES,
    ) -> None:
        self._uow = uow
        self._profiles = profiles
        self._people = people
        self._settings = settings
        self._clock = clock
        self._most = candidates  # how many candidates SQL returns, the best first

    def find(self, user_id: str, limit: int = HOW_MANY) -> FindResult:
        now = self._clock()
        on = now.date()  # only daylight saving time depends on the day
        cached = self._people.cached(user_id)  # never asks Slack: there may be nobody to rank
        with self._uow() as uow:
            profile = mentee_eligibility(uow.session, user_id)
            if isinstance(profile, Ineligible):
                return FindResult(profile)
            newcomer = is_newcomer(joined_at(uow.session, user_id), now)
            rows = self._candidates(uow, self._mentee(user_id, profile, cached, newcomer), on)
        if not rows:
            return FindResult(FindOutcome.NONE_FOUND, profile=profile)
        mentee = self._mentee(user_id, profile, self._people.who(user_id), newcomer)  # only now: it may ask Slack
        if (mentee.language, mentee.tz) != (cached.language, cached.tz):  # a stale cache that was wrong
            with self._uow() as uow:
                rows = self._candidates(uow, mentee, on)
        best = best_mentors(mentee, [mentor_of(row) for row in rows], self._settings.working_hours, on, limit)
        return FindResult(FindOutcome.FOUND if best else FindOutcome.NONE_FOUND, tuple(best), profile)

    def _mentee(self, user_id: str, profile: ProfileData, me: Someone, newcomer: bool) -> Mentee:
        return Mentee(user_id, profile.function_area, profile.goal_words, me.language, me.tz, newcomer)

    def _candidates(self, uow: UnitOfWork, mentee: Mentee, on: date) -> list[MentorRow]:
        points = sql_points(mentee, locales_and_zones(uow.session), self._settings.working_hours, on)
        area, words = mentee.function_area, mentee.goal_words
        return mentor_candidates(uow.session, mentee.user_id, area, words, points, self._most)


def sql_points(
    mentee: Mentee, known: Collection[tuple[str, str]], hours: tuple[time, time], on: date, weights: Weights = WEIGHTS
) -> Points:
    """The ranking's weights as SQL adds them up, with the language and hours terms for every locale and zone known."""
    locales = {locale for locale, _ in known} | {DEFAULT_LOCALE}
    zones = {tz for _, tz in known} | {DEFAULT_ZONE}
    return Points(
        same_area=_thousandths(weights.same_area),
        per_shared_topic=_thousandths(weights.per_shared_topic),
        max_shared_topics=weights.max_shared_topics,
        per_free_slot=_thousandths(weights.per_free_slot),
        max_free_slots=weights.max_free_slots,
        by_locale={
            locale: _thousandths(weights.same_language)
            for locale in locales
            if language_for_locale(locale) is mentee.language
        },
        by_zone={
            zone: _thousandths(hours_points(working_overlap(mentee.tz, zone, hours, on), weights)) for zone in zones
        },
        newcomer=_thousandths(weights.newcomer) if mentee.newcomer else 0,
    )


def _thousandths(points: float) -> int:
    return round(points * 1000)


def mentor_of(row: MentorRow) -> Mentor:
    return Mentor(
        user_id=row.user_id,
        function_area=row.function_area,
        skill_words=frozenset(row.skill_words.split()),
        skills_text=row.skills,
        language=language_for_locale(row.locale),
        tz=row.tz,
        free_slots=row.capacity - row.taken,
        likes_newcomers=row.likes_newcomers,
    )
