"""Who people are to Slack (language, time zone), fetched with `users.info` and cached."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import SHIPPED, Catalogs, Language, Translator, language_for_locale
from storage.models import Person
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE, get_person, save_person
from storage.profiles import close_availability
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# Slack tells us of changes through `user_change`; this only bounds how stale a missed one gets.
CACHE_FOR = timedelta(days=1)
MAX_USER_ID = 32


MAX_LOCALE = 16  # the lengths of the person table's columns: what Slack sends must never overflow them
MAX_ZONE = 64
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Someone:
    user_id: str
    language: Language
    tz: str

    @classmethod
    def of(cls, person: Person) -> Someone:
        return cls(person.user_id, language_for_locale(person.locale), person.tz)


class PeopleService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        client: WebClient,
        clock: Callable[[], datetime],
        catalogs: Catalogs = SHIPPED,
    ):
        self._uow = uow
        self._client = client
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
        user = self._fetch(user_id)
        remembered = self.remember(user) if user is not None else None
        return remembered or cached or Someone(user_id, language_for_locale(None), DEFAULT_ZONE)

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

    def remember(self, user: Mapping[str, Any]) -> Someone | None:
        """Store what Slack sent about a person (from `users.info`, `user_change` or `team_join`).

        A field that is missing or not what Slack documents never overwrites a known one: events carry
        no locale, and a deactivated user carries no time zone. Someone deactivated, deleted or a bot
        is gone: never suggested nor asked, and their profile takes no new mentees.
        """
        user_id = user.get("id")
        if not isinstance(user_id, str) or not user_id or len(user_id) > MAX_USER_ID:
            return None
        now = self._clock()
        with self._uow() as uow:
            known = get_person(uow.session, user_id)
            locale = _locale(user.get("locale")) or (known.locale if known else None)
            tz = _zone(user.get("tz")) or (known.tz if known else DEFAULT_ZONE)
            gone = _gone(user, known.gone if known else False)
            # Without a locale, look it up next time: the cache counts as stale.
            fetched_at = now if locale else now - 2 * CACHE_FOR
            save_person(uow.session, user_id, locale=locale or DEFAULT_LOCALE, tz=tz, gone=gone, fetched_at=fetched_at)
            if gone:
                close_availability(uow.session, user_id)
            uow.commit()
        return Someone(user_id, language_for_locale(locale), tz)

    def _fetch(self, user_id: str) -> Mapping[str, Any] | None:
        try:
            response = self._client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, OSError) as e:
            log.warning("users.info failed (%s); falling back to the cached or default language", _why(e))
            return None
        user = response.get("user")
        return user if isinstance(user, dict) else None


def _locale(value: object) -> str | None:
    """A locale as Slack writes them (`en-US`, `nl-NL`), or None for anything else."""
    if isinstance(value, str) and len(value) <= MAX_LOCALE and _LOCALE.fullmatch(value):
        return value
    return None


def _zone(value: object) -> str | None:
    """An IANA zone Python can load, or None: matching and prompts read it as a zone."""
    if not isinstance(value, str) or not value or len(value) > MAX_ZONE:
        return None
    try:
        ZoneInfo(value)
    except (LookupError, ValueError, OSError):  # unknown, not a key, a folder or not a zone file
        return None
    return value


def _gone(user: Mapping[str, Any], known: bool) -> bool:
    """Deactivated or deleted (Slack says `deleted` for both) or a bot; back only when Slack says so."""
    if user.get("deleted") is True or user.get("is_bot") is True:
        return True
    if user.get("deleted") is False:
        return False
    return known


def _why(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error"))
    return type(error).__name__
