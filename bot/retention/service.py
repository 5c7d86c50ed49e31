"""The tick's clean-up of private texts: in batches, each its own short transaction, so a large backlog (the
first run after an upgrade) never holds a lock for long."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from bot.retention.rules import cutoffs
from storage.retention import blank_decline_reasons_answered_before, blank_notes_written_before
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

BATCH = 500  # rows per statement and transaction


@dataclass(frozen=True)
class Forgotten:
    notes: int
    decline_reasons: int


class Retention:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime], note_retention_days: int, batch: int = BATCH
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._note_days = note_retention_days
        self._batch = batch

    def forget_due(self) -> Forgotten:
        """Delete every check-in note and decline reason whose time is up; how many of each (counts only)."""
        due = cutoffs(self._clock(), self._note_days)
        notes = self._in_batches(
            lambda session: blank_notes_written_before(session, due.notes_written_before, self._batch)
        )
        reasons = self._in_batches(
            lambda session: blank_decline_reasons_answered_before(session, due.reasons_answered_before, self._batch)
        )
        if notes or reasons:
            log.info("retention: %s check-in notes and %s decline reasons deleted", notes, reasons)
        return Forgotten(notes, reasons)

    def _in_batches(self, blank: Callable[[Session], int]) -> int:
        total = 0
        while True:
            with self._uow() as uow:
                done = blank(uow.session)
                uow.commit()
            total += done
            if done < self._batch:
                return total
