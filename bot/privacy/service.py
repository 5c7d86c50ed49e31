"""People's own data, as use cases: an export asked for (sent through the outbox), and an erasure."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from bot.delivery.kinds import Nothing
from bot.delivery.outbox import enqueue
from bot.privacy.erasure import Erasure, erase
from bot.privacy.export import EXPORTING, export_document, export_key
from bot.privacy.tombstone import new_tombstone
from storage.people import gone_before
from storage.privacy import stored_about
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

ERASE_BATCH = 50  # people the tick erases at most at once: the rest at the next tick


@dataclass(frozen=True)
class Asked:
    """Whether this command wrote the export's letter (False: one from this minute is on its way)."""

    queued: bool


class PrivacyService:
    def __init__(self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime]) -> None:
        self._uow = uow
        self._clock = clock

    def ask_export(self, user_id: str) -> Asked:
        now = self._clock()
        letter = EXPORTING.letter(user_id, Nothing(), unique_key=export_key(user_id, now))
        with self._uow() as uow:
            queued = enqueue(uow.session, letter, now)
            uow.commit()
        return Asked(queued)

    def export_document(self, user_id: str, not_included: str) -> dict[str, Any]:
        """Built when the letter goes out: what is stored at that moment."""
        with self._uow() as uow:
            return export_document(user_id, stored_about(uow.session, user_id), self._clock(), not_included)

    def erase_gone(self, after: timedelta) -> int:
        """Run by the tick: people gone from Slack for `after` are erased as if they had asked, one unit of
        work each (a batch at most per tick); how many were erased."""
        with self._uow() as uow:
            due = gone_before(uow.session, self._clock() - after, ERASE_BATCH)
        return sum(self.erase(user_id).found for user_id in due)

    def erase(self, user_id: str) -> Erasure:
        """Everything of theirs, in one unit of work (bot.privacy.erasure); a second time finds nothing."""
        now = self._clock()
        with self._uow() as uow:
            erased = erase(uow.session, user_id, new_tombstone(), now)
            uow.commit()
        if erased.found:  # counts only: never who
            log.info("someone's data was erased: %s pairings ended", erased.pairings_ended)
        return erased
