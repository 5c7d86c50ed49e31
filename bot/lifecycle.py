"""A pairing's lifecycle: the one place a pairing ends, whoever or whatever ends it.

A pairing ends when either of them ends it (bot/checkins/service.py), when its mentee is accepted by a new
mentor while it is stalled (bot/checkins/quiet.py), when one of them leaves (bot/departures.py), or when an
evaluation closes it (bot/evaluations.py). Each of those tells people its own news; the ending itself (the
status, the rhythm stopped, the letters its end makes moot) is written here, once, in the caller's unit of work.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, Cancels
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
