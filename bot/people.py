"""Who people are to Slack (language, time zone), looked up through the directory port and cached.

The composition root hands in the look-up (bot/delivery/directory.py asks `users.info`); events'
user objects reach `remember` as the same plain `PersonFacts` (bot/delivery/slack_replies.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.delivery.slack_replies import PersonFacts
from bot.i18n import SHIPPED, Catalogs, Language, Translator, language_for_locale
from storage.models import Person
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE, get_person, save_person
from storage.profiles import close_availability
from storage.uow import UnitOfWork

# Slack tells us of changes through `user_change`; this only bounds how stale a missed one gets.
CACHE_FOR = timedelta(days=1)

LookUp = Callable[[str], PersonFacts | None]  # what Slack says of a person now; None when it can't be asked


@dataclass(frozen=True)
class Someone:
    user_id: str
    language: Language
    tz: str

    @classmethod
    def of(cls, person: Person) -> Someone:
        return cls(person.user_id, language_for_locale(person.locale), person.tz)


@dataclass(frozen=True)
class Known:
    """Someone as the cache has them: `fresh` when `who` would answer the same without asking Slack."""

    someone: Someone
    fresh: bool
    joined_at: datetime | None  # when they joined the workspace, if the bot saw it (bot.welcomes)


class PeopleService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        look_up: LookUp,
        clock: Callable[[], datetime],
        catalogs: Catalogs = SHIPPED,
    ):
        self._uow = uow
        self._look_up = look_up
        self._clock = clock
        self._catalogs = catalogs  # the shipped wording, with HR's own entries (MESSAGES_DIR) over it

    def who(self, user_id: str) -> Someone:
        """Language and time zone from the cache, asking Slack when it is stale or missing."""
        now = self._clock()
        with self._uow() as uow:
            person = get_person(uow.session, user_id)
            cached = Someone.of(person) if person is not None else None
            fresh = person is not None and now - person.fetched_at < CACHE_FOR
        if cached is not None and fresh:
            return cached
        remembered = self.remember(self._look_up(user_id))
        return remembered or cached or Someone(user_id, language_for_locale(None), DEFAULT_ZONE)

    def known_from(self, person: Person | None, user_id: str) -> Known:
        """What the cache knows of someone, from their row as the caller read it in its own unit of work (find
        reads it with everything else, in one statement), never asking Slack; and whether it is fresh."""
        if person is None:
            return Known(Someone(user_id, language_for_locale(None), DEFAULT_ZONE), False, None)
        return Known(Someone.of(person), self._clock() - person.fetched_at < CACHE_FOR, person.joined_at)

    def cached(self, user_id: str) -> Someone:
        """From the cache however old, never asking Slack (the defaults for someone never seen)."""
        with self._uow() as uow:
            person = get_person(uow.session, user_id)
            return Someone.of(person) if person else Someone(user_id, language_for_locale(None), DEFAULT_ZONE)

    def gone(self, user_id: str) -> bool:
        """Deactivated, deleted or a bot, as far as the bot has heard: nobody to write to."""
        with self._uow() as uow:
            person = get_person(uow.session, user_id)
            return person is not None and person.gone

    def language_of(self, user_id: str) -> Language:
        return self.who(user_id).language

    def translator_in(self, language: Language) -> Translator:
        return Translator(language, self._catalogs)

    def translator_for(self, user_id: str) -> Translator:
        return self.translator_in(self.language_of(user_id))

    def cached_translator_for(self, user_id: str) -> Translator:
        """From the cache however old, never asking Slack: for answers due within Slack's 3 seconds."""
        return self.translator_in(self.cached(user_id).language)

    def remember(self, facts: PersonFacts | None) -> Someone | None:
        """Store what Slack said of a person (from `users.info`, `user_change` or `team_join`).

        A field Slack left out never overwrites a known one: events carry no locale, and a deactivated
        user carries no time zone. Someone deactivated, deleted or a bot is gone: never suggested nor
        asked, and their profile takes no new mentees. Nothing is stored without a usable id (None).
        """
        if facts is None:
            return None
        user_id, now = facts.user_id, self._clock()
        with self._uow() as uow:
            known = get_person(uow.session, user_id)
            locale = facts.locale or (known.locale if known else None)
            tz = facts.tz or (known.tz if known else DEFAULT_ZONE)
            gone = facts.gone if facts.gone is not None else (known.gone if known else False)
            # Without a locale, look it up next time: the cache counts as stale.
            fetched_at = now if locale else now - 2 * CACHE_FOR
            save_person(
                uow.session,
                user_id,
                locale=locale or DEFAULT_LOCALE,
                tz=tz,
                gone=gone,
                fetched_at=fetched_at,
                joined_at=facts.joined_at,
            )
            if gone:
                close_availability(uow.session, user_id)
            uow.commit()
        return Someone(user_id, language_for_locale(locale), tz)
