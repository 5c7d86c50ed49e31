"""Events API deliveries: kept (with what they call for, as outbox letters) before Slack gets its 200.

Keeping an event and writing its letters is one transaction, so an event is either acted on later,
once, by the dispatcher (which retries a failing one with backoff), or not kept at all, in which
case the request fails and Slack retries it. A retry of a kept event changes nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, KindSpec, Nothing, Payload
from bot.delivery.letters import HOMING
from bot.delivery.outbox import Letter, enqueue
from bot.delivery.slack_replies import Joined, PersonFacts, joined, person_facts
from storage.events import record_event
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# A feature's own step for a `team_join`, in the transaction that keeps the event (bot.welcomes).
OnJoin = Callable[[Session, Joined, datetime], None]

PERSON_CHANGED = "person.changed"
# What the bot uses of a Slack user object: nothing else is kept, not even in the outbox.
PERSON_FIELDS = ("id", "tz", "locale", "deleted", "is_bot", "is_app_user", "is_restricted", "is_ultra_restricted")


@dataclass(frozen=True)
class PersonChanged(Payload):
    user: dict[str, Any]  # PERSON_FIELDS of Slack's user object, no more
    joined: float | None = None  # a `team_join`'s time (seconds since 1970): newcomers are preferred (bot.welcomes)

    def facts(self) -> PersonFacts | None:
        """What Slack said of them, with when they joined if this was a `team_join`."""
        facts = person_facts(self.user)
        if facts is None or self.joined is None:
            return facts
        return replace(facts, joined_at=datetime.fromtimestamp(self.joined, UTC))


PERSON_CHANGING = KINDS.declare(
    KindSpec(
        PERSON_CHANGED,
        PersonChanged,
        PersonChanged({"id": "U1", "tz": "Europe/Amsterdam", "deleted": True}),
        cancelled_by=frozenset(),
        survives="it is how the bot learns that someone left: nothing cancels it",
    )
)


class EventInbox:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Callable[[], datetime],
        on_join: OnJoin | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._on_join = on_join

    def keep(self, event_id: str, event: Mapping[str, Any]) -> bool:
        """Keep the event and what it calls for; False when it was kept before (a retry, a second replica)."""
        now = self._clock()
        with self._uow() as uow:
            if not record_event(uow.session, event_id, now):
                log.info("event %s already kept; skipped", event_id)
                return False
            join = joined(event, now) if event.get("type") == "team_join" else None
            for letter in letters_for(event, join):
                enqueue(uow.session, letter, now)
            if join is not None and self._on_join is not None:
                self._on_join(uow.session, join, now)
            uow.commit()
        return True


def letters_for(event: Mapping[str, Any], join: Joined | None = None) -> list[Letter]:
    """What an event calls for: a fresh App Home for whoever opened it, the person cache kept up to date."""
    kind = event.get("type")
    if kind == "app_home_opened" and event.get("tab") == "home" and isinstance(event.get("user"), str):
        return [HOMING.letter(str(event["user"]), Nothing())]
    user = event.get("user")
    if kind in ("user_change", "team_join") and isinstance(user, dict) and isinstance(user.get("id"), str):
        kept = {name: _short(user[name]) for name in PERSON_FIELDS if name in user}
        changed = PersonChanged(kept, join.at.timestamp() if join is not None else None)
        return [PERSON_CHANGING.letter(str(user["id"]), changed, order_key=f"person:{user['id']}")]
    return []


def _short(value: Any) -> Any:
    return value[:64] if isinstance(value, str) else value
