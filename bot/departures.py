"""A colleague who leaves (deactivated, deleted, or turned into a bot): what they were part of ends kindly.

Run when the person cache learns they are gone (a `user_change`), in one unit of work: their pairings
end (the partner told, a mentee partner shown a mentor who could fit), their waiting requests are
withdrawn (the other side told), and what was waiting to be sent to them is cancelled. Every step is
conditional on the state it changes, so running it again (a retried event, a second `user_change`)
changes nothing and tells nobody twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, Cancels
from bot.delivery.letters import News, Notice, Request
from bot.i18n import Who
from bot.lifecycle import CURRENT, end_pairing
from storage.models import Pairing, PairingRequest, PairingStatus, RequestStatus
from storage.outbox import cancel_pending_for
from storage.pairings import close_request, hold_profile, pairings_of, pending_requests_of
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Departure:
    """What someone's leaving ended: counts only, for the log and the tests."""

    pairings: int
    requests: int
    letters: int


class Departures:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock

    def leave(self, user_id: str) -> Departure:
        """End what `user_id` was part of, kindly, once."""
        now = self._clock()
        with self._uow() as uow:
            hold_profile(uow.session, user_id)  # first: an accept for them waits, then finds them gone
            uow.session.expire_all()
            news = News(uow.session, now)
            ended = sum(
                _end_pairing(uow.session, news, pairing, user_id, now) for pairing in _current(uow.session, user_id)
            )
            closed = sum(
                _withdraw_request(uow.session, news, request, user_id, now)
                for request in pending_requests_of(uow.session, user_id)
            )
            keep = KINDS.kept_when(Cancels.PERSON_LEAVES)
            letters = cancel_pending_for(uow.session, user_id, now, Cancels.PERSON_LEAVES.value, keep=keep)
            uow.commit()
        if ended or closed or letters:
            log.info(
                "someone left: %s pairings ended, %s requests withdrawn, %s letters cancelled", ended, closed, letters
            )
        return Departure(ended, closed, letters)


def _current(session: Session, user_id: str) -> list[Pairing]:
    return [p for p in pairings_of(session, user_id) if PairingStatus(p.status) in CURRENT]


def _end_pairing(session: Session, news: News, pairing: Pairing, leaver: str, now: datetime) -> bool:
    """The pairing ends; the partner is told, and a mentee partner is shown a mentor who could fit."""
    if not end_pairing(session, pairing.id or 0, now):
        return False
    if leaver == pairing.mentor_id:
        news.tell(pairing.mentee_id, Notice("left.pairing.mentee", {"mentor": Who(leaver)}), mentors=1)
        news.refresh(pairing.mentee_id)
    else:
        news.tell(pairing.mentor_id, Notice("left.pairing.mentor", {"mentee": Who(leaver)}))
        news.refresh(pairing.mentor_id)
    return True


def _withdraw_request(session: Session, news: News, request: PairingRequest, leaver: str, now: datetime) -> bool:
    """A request waiting for an answer is withdrawn; whoever is still here is told."""
    if not close_request(session, request.id or 0, RequestStatus.WITHDRAWN, now):
        return False
    ids = Request(request.id or 0, request.mentee_id, request.mentor_id)
    if leaver == request.mentee_id:
        news.update_copy(ids, Notice("left.request.mentor", {"mentee": Who(leaver)}))
        news.refresh(request.mentor_id)
    else:
        news.tell(request.mentee_id, Notice("left.request.mentee", {"mentor": Who(leaver)}), mentors=1)
        news.refresh(request.mentee_id)
    return True
