"""Requests that wait too long: run by the tick, it expires those whose three working days ran out.

Each request's `expires_at` is set when it is sent (bot.checkins.rules.request_expires_at, in the mentor's
zone) and indexed, so the tick reads only the ones due. Expiring is one conditional UPDATE per batch:
exactly once, whatever else runs; an accept a moment later finds it expired and says so.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot import handshake
from bot.delivery.letters import News, Request
from storage.pairings import expire_due_requests
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

REQUESTS_PER_COMMIT = 100  # each writes three letters: short transactions, so a dialog never waits long


class RequestExpiry:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime], batch: int = REQUESTS_PER_COMMIT
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._batch = batch

    def expire_due(self) -> int:
        """Expire every request whose time ran out, telling both sides; how many expired."""
        total = 0
        while True:
            now = self._clock()
            with self._uow() as uow:
                expired = expire_due_requests(uow.session, now, self._batch)
                if not expired:
                    break
                news = News(uow.session, now)
                for request_id, mentee_id, mentor_id in expired:
                    handshake.expired(news, Request(request_id, mentee_id, mentor_id))
                uow.commit()
            total += len(expired)
        if total:
            log.info("%s requests expired unanswered", total)
        return total
