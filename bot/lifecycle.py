"""A pairing's lifecycle: where a pairing starts and ends, whoever or whatever starts or ends it.

A pairing starts when a mentor accepts (bot/pairings.py); what follows is each feature's, subscribed to the
start by the composition root (`Lifecycle.on_start`): the check-in rhythm begins, the evaluations are
planned, the mentee's stalled pairing ends. The handshake does not call those features itself.

A pairing ends when either of them ends it (bot/checkins/service.py), when its mentee is accepted by a new
mentor while it is stalled (bot/checkins/quiet.py), when one of them leaves (bot/departures.py), or when an
evaluation closes it (bot/evaluations.py). Each of those tells people its own news; the ending itself (the
status, the rhythm stopped, the letters its end makes moot) is written here, once, in the caller's unit of work.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, Cancels
from bot.delivery.letters import News
from storage.checkins import hold_rhythm, save_rhythm, set_pairing_status
from storage.models import PairingStatus
from storage.outbox import cancel_about_pairing

CURRENT = (PairingStatus.ACTIVE, PairingStatus.PAUSED)  # the states a pairing can end from


def end_pairing(session: Session, pairing_id: int, now: datetime) -> bool:
    """The pairing ends, if still current: nothing more is planned, and what its end makes moot is cancelled.

    False when it had ended already (a second click, the partner's at the same moment): nothing changes,
    and the caller tells nobody. Which waiting letters are moot, the registry of kinds says.
    """
    hold_rhythm(session, pairing_id)  # the rhythm before the pairing, as every check-in answer takes them
    if not any(set_pairing_status(session, pairing_id, old, PairingStatus.ENDED, ended_at=now) for old in CURRENT):
        return False
    save_rhythm(session, pairing_id, next_plan_at=None, paused_until=None)
    cancel_about_pairing(session, KINDS.cancelled_by(Cancels.PAIRING_ENDS), pairing_id, now)
    return True


@dataclass(frozen=True)
class Started:
    """A pairing that has just started (the request accepted), in the accept's unit of work."""

    pairing_id: int
    mentor_id: str
    mentee_id: str
    today: date
    now: datetime


# What a feature does when a pairing starts: in the accept's session, writing its news with the accept's `News`.
OnStart = Callable[[Session, News, Started], None]


class Lifecycle:
    """The transitions features subscribe to, in the order they subscribed."""

    def __init__(self) -> None:
        self._on_start: list[OnStart] = []

    def on_start(self, subscriber: OnStart) -> None:
        self._on_start.append(subscriber)

    def started(self, session: Session, news: News, started: Started) -> None:
        for subscriber in self._on_start:
            subscriber(session, news, started)
