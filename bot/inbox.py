"""Acting on each Events API delivery once, across retries, restarts and replicas."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from storage.events import claim_event, finish_event, release_event
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# Far longer than any handler runs, shorter than Slack's 5-minute retry: a claim older than
# this belonged to a worker that died, and that retry takes it over.
STALE_CLAIM = timedelta(minutes=2)


class EventInbox:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock

    def once(self, event_id: str, action: Callable[[], None]) -> bool:
        """Run `action` unless this event was handled already; False when it was skipped.

        A failed action gives up its claim, so Slack's retry of the same event runs it again.
        """
        with self._uow() as uow:
            claimed = claim_event(uow.session, event_id, self._clock(), STALE_CLAIM)
            uow.commit()
        if not claimed:
            log.info("event %s already handled; skipped", event_id)
            return False
        try:
            action()
        except BaseException:
            with self._uow() as uow:
                release_event(uow.session, event_id)
                uow.commit()
            raise
        with self._uow() as uow:
            finish_event(uow.session, event_id)
            uow.commit()
        return True
