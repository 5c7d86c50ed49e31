"""Welcoming new joiners: a `team_join` plans one welcome for their first working day, checked again when it goes.

The plan is written with the event itself (bot.delivery.inbox calls `joined` in the event's transaction),
as one outbox row under the person's own unique key: a repeated event, or two replicas receiving it,
never welcome anyone twice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from bot.checkins.rules import Schedule
from bot.delivery.kinds import KINDS, KindSpec, Payload
from bot.delivery.outbox import enqueue
from bot.delivery.slack_replies import Joined
from bot.welcomes.rules import welcome_at
from storage.people import DEFAULT_ZONE, get_person
from storage.profiles import get_profile
from storage.uow import UnitOfWork

WELCOME = "welcome"
# A welcome the bot could not send within this long after it was due (it was down) is not sent at all: a
# "welcome" weeks into someone's job reads oddly; `/mentor` and the App Home are there for them all the same.
LATE_AT_MOST = timedelta(days=3)


@dataclass(frozen=True)
class Welcome(Payload):
    """Nothing to carry: the words are chosen when it goes, in the reader's language then."""


WELCOMING = KINDS.declare(KindSpec(WELCOME, Welcome, Welcome()))  # someone who leaves is not welcomed


def welcome_key(user_id: str) -> str:
    """One welcome per person, ever."""
    return f"{WELCOME}:{user_id}"


class WelcomeService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime], schedule: Schedule, enabled: bool
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._schedule = schedule
        self._enabled = enabled  # WELCOME_NEW_JOINERS

    def joined(self, session: Session, join: Joined, now: datetime) -> None:
        """A `team_join`, in the transaction that keeps it: a welcome is planned (when they joined is kept by
        the person cache, bot.people, from the event's `person.changed` letter).

        Nobody is welcomed while WELCOME_NEW_JOINERS is off, nor a bot, app, guest or deactivated account
        (not a full `member`), nor someone who already has a profile.
        """
        user_id, tz = join.facts.user_id, join.facts.tz or DEFAULT_ZONE
        if not (self._enabled and join.member) or get_profile(session, user_id) is not None:
            return
        due = welcome_at(join.at, now, ZoneInfo(tz), self._schedule)
        key = welcome_key(user_id)
        enqueue(
            session,
            WELCOMING.letter(user_id, Welcome(), unique_key=key, due_at=due, expires_at=due + LATE_AT_MOST),
            now,
        )

    def still_welcome(self, user_id: str) -> bool:
        """At send time: still on, still here, and still without a profile (they may have made one meanwhile)."""
        if not self._enabled:
            return False
        with self._uow() as uow:
            person = get_person(uow.session, user_id)
            gone = person is not None and person.gone
            return not gone and get_profile(uow.session, user_id) is None
