"""A colleague who leaves (deactivated, deleted, or turned into a bot): what they were part of ends kindly.

Run when the person cache learns they are gone (a `user_change`), in one unit of work: each feature
subscribed to a departure (`Departures.on_leave`, wired by bot/app.py) ends or withdraws what of theirs it
owns and tells whoever is still here (their pairings end: bot.lifecycle.end_pairings_of_leaver; their
waiting requests are withdrawn: bot.pairings.withdraw_requests_of_leaver; their seats in knowledge sessions to
come are given up and the sessions they host cancelled: bot.knowledge.service.give_up_seats_of_leaver), then
what was waiting to be sent to them is cancelled.
Every step is conditional on the state it changes, so running it again (a retried event, a second
`user_change`) changes nothing and tells nobody twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, Cancels
from bot.delivery.letters import News
from storage.outbox import cancel_pending_for
from storage.pairings import hold_profile
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# What a feature ends when someone leaves, in the departure's session, telling others with its `News`: how many.
OnLeave = Callable[[Session, News, str, datetime], int]


@dataclass(frozen=True)
class Departure:
    """What someone's leaving ended: counts only, for the log and the tests (`ended`: what, how many)."""

    ended: tuple[tuple[str, int], ...]
    letters: int


class Departures:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock
        self._on_leave: list[tuple[str, OnLeave]] = []

    def on_leave(self, what: str, subscriber: OnLeave) -> None:
        """`subscriber` ends what of a leaver's it owns (`what` names it in the log), in subscription order."""
        self._on_leave.append((what, subscriber))

    def leave(self, user_id: str) -> Departure:
        """End what `user_id` was part of, kindly, once."""
        now = self._clock()
        with self._uow() as uow:
            hold_profile(uow.session, user_id)  # first: an accept for them waits, then finds them gone
            uow.session.expire_all()
            news = News(uow.session, now)
            ended = tuple((what, subscriber(uow.session, news, user_id, now)) for what, subscriber in self._on_leave)
            keep = KINDS.kept_when(Cancels.PERSON_LEAVES)
            letters = cancel_pending_for(uow.session, user_id, now, Cancels.PERSON_LEAVES.value, keep=keep)
            uow.commit()
        if letters or any(n for _, n in ended):
            counts = ", ".join(f"{n} {what}" for what, n in ended)
            log.info("someone left: %s, %s letters cancelled", counts, letters)
        return Departure(ended, letters)
