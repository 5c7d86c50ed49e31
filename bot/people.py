"""Who people are to Slack (language, time zone), fetched with `users.info` and cached."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.i18n import Language, Translator, language_for_locale
from storage.models import Person
from storage.people import get_person, save_person
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# Slack tells us of changes through `user_change`; this only bounds how stale a missed one gets.
CACHE_FOR = timedelta(days=1)


@dataclass(frozen=True)
class Someone:
    user_id: str
    language: Language
    tz: str
    name: str

    @classmethod
    def of(cls, person: Person) -> Someone:
        return cls(person.user_id, language_for_locale(person.locale), person.tz, person.real_name)


class PeopleService:
    def __init__(self, uow: Callable[[], UnitOfWork], client: WebClient, clock: Callable[[], datetime]):
        self._uow = uow
        self._client = client
        self._clock = clock

    def who(self, user_id: str) -> Someone:
        """Language, time zone and name from the cache, asking Slack when it is stale or missing."""
        now = self._clock()
        with self._uow() as uow:
            person = get_person(uow.session, user_id)
            cached = Someone.of(person) if person is not None else None
            fresh = person is not None and now - person.fetched_at < CACHE_FOR
        if cached is not None and fresh:
            return cached
        user = self._fetch(user_id)
        if user is None:
            return cached or Someone(user_id, language_for_locale(None), "UTC", "")
        self.remember(user)
        return Someone(user_id, language_for_locale(user.get("locale")), str(user.get("tz") or "UTC"), _name_of(user))

    def language_of(self, user_id: str) -> Language:
        return self.who(user_id).language

    def translator_for(self, user_id: str) -> Translator:
        return Translator(self.language_of(user_id))

    def cached_translator_for(self, user_id: str) -> Translator:
        """From the cache however old, never asking Slack: for answers due within Slack's 3 seconds."""
        with self._uow() as uow:
            person = get_person(uow.session, user_id)
            return Translator(language_for_locale(person.locale if person else None))

    def remember(self, user: Mapping[str, Any]) -> None:
        """Store what Slack sent about a person (from `users.info` or a `user_change` event)."""
        user_id = user.get("id")
        if not isinstance(user_id, str):
            return
        with self._uow() as uow:
            previous = get_person(uow.session, user_id)
            locale = user.get("locale") or (previous.locale if previous else None)
            save_person(
                uow.session,
                user_id,
                # Events carry no locale: keep the one `users.info` gave, or look it up next time.
                locale=str(locale or "en-US"),
                tz=str(user.get("tz") or "UTC"),
                real_name=_name_of(user),
                fetched_at=self._clock() if locale else self._clock() - 2 * CACHE_FOR,
            )
            uow.commit()

    def _fetch(self, user_id: str) -> Mapping[str, Any] | None:
        try:
            response = self._client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, OSError) as e:
            log.warning("users.info failed (%s); falling back to the cached or default language", _why(e))
            return None
        user = response.get("user")
        return user if isinstance(user, dict) else None


def _name_of(user: Mapping[str, Any]) -> str:
    return str(user.get("real_name") or user.get("name") or "")


def _why(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error"))
    return type(error).__name__
