"""`/mentor find`: the mentors who could fit a mentee, best first, each with the reasons why."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.eligibility import Ineligible, eligibility_from
from bot.i18n import Language
from bot.matching import Mentee, Suggestion
from bot.people import PeopleService, Someone
from bot.pool.cache import PoolCache
from bot.pool.scoring import best_for
from bot.profiles import ProfileData, ProfileService
from bot.runtime.settings import Settings
from bot.synonyms.table import Synonyms
from bot.welcomes.rules import is_newcomer
from storage.matching import reads_for_find
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
    language: Language | None = None  # theirs, when find knew it fresh (or asked Slack): the answer's language


def mentee_of(user_id: str, profile: ProfileData, me: Someone, synonyms: Synonyms, newcomer: bool = False) -> Mentee:
    """The mentee as matching sees them: their goals read as concepts with the table the bot runs with."""
    return Mentee(user_id, profile.function_area, synonyms.topics(profile.goals), me.language, me.tz, newcomer)


class SuggestionService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        profiles: ProfileService,
        people: PeopleService,
        settings: Settings,
        clock: Callable[[], datetime],
        pool: PoolCache,
    ) -> None:
        self._uow = uow
        self._profiles = profiles
        self._people = people
        self._settings = settings
        self._clock = clock
        self._pool = pool

    def find(self, user_id: str, limit: int = HOW_MANY) -> FindResult:
        """One unit of work and one statement (storage.matching.reads_for_find): eligibility, the cached person,
        the pool's version and the mentee's exclusions.

        Then the pool's scores and the best `limit`, with reasons for those only; Slack is asked who
        the mentee is only if the cache is stale and there is someone to rank.
        """
        now = self._clock()
        on = now.date()  # only daylight saving time depends on the day
        synonyms = self._pool.synonyms
        with self._uow() as uow:
            reads = reads_for_find(uow.session, user_id)  # one statement
            if reads is None:
                return FindResult(Ineligible.NO_PROFILE)
            profile = eligibility_from(reads.profile, reads.has_mentor)
            known = self._people.known_from(reads.person, user_id)  # never asks Slack: there may be nobody to rank
            fresh = known.someone.language if known.fresh else None
            if isinstance(profile, Ineligible):
                return FindResult(profile, language=fresh)
            pool = self._pool.current(uow.session, on, reads.pool_version)  # reads more only to rebuild
            excluded = reads.excluded
        cached, newcomer = known.someone, is_newcomer(known.joined_at, now)
        best = best_for(pool, mentee_of(user_id, profile, cached, synonyms, newcomer), excluded, limit)
        if not best:
            return FindResult(FindOutcome.NONE_FOUND, profile=profile, language=fresh)
        me = cached if known.fresh else self._people.who(user_id)  # only now: it may ask Slack
        if (me.language, me.tz) != (cached.language, cached.tz):  # a stale cache that was wrong: score again
            best = best_for(pool, mentee_of(user_id, profile, me, synonyms, newcomer), excluded, limit)
        outcome = FindOutcome.FOUND if best else FindOutcome.NONE_FOUND
        return FindResult(outcome, tuple(best), profile, me.language)
