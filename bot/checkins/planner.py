"""The planner: run by the tick, it turns due rhythms into prompts in the outbox, in short transactions."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot.checkins import quiet
from bot.checkins.notify import CheckinNotifier, OutboxNotifier
from bot.checkins.planning import PairClock, Prompt, plan, today_for
from bot.checkins.rules import Cadence, Schedule, next_prompt_at, zone_of
from bot.i18n import Phrase, Who
from storage.checkins import RhythmRow, claim_due_rhythms, rhythm_rows, save_rhythm, set_pairing_status
from storage.models import PairingStatus
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# One write transaction on SQLite blocks every dialog: at most 200 rows per commit (5 per pairing at most:
# a nudge, two questions, and two 'resumed' notes or two quiet notes).
MAX_ROWS_PER_COMMIT = 200
PAIRINGS_PER_COMMIT = MAX_ROWS_PER_COMMIT // 5

Notifying = Callable[[Session, datetime], CheckinNotifier]


@dataclass(frozen=True)
class Planned:
    pairings: int
    prompts: int


def pair_clock(row: RhythmRow) -> PairClock:
    rhythm = row.rhythm
    return PairClock(
        pairing_id=rhythm.pairing_id,
        mentor_id=row.mentor_id,
        mentee_id=row.mentee_id,
        mentor_zone=zone_of(row.mentor_zone),
        mentee_zone=zone_of(row.mentee_zone),
        cadence=Cadence(rhythm.cadence),
        period=rhythm.period,
        period_start=rhythm.period_start,
        planned=rhythm.planned,
        active=row.status is PairingStatus.ACTIVE,
        paused_until=rhythm.paused_until if row.status is PairingStatus.PAUSED else None,
    )


class Planner:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        schedule: Schedule,
        clock: Callable[[], datetime],
        max_age: timedelta,
        notifying: Notifying | None = None,
        batch: int = PAIRINGS_PER_COMMIT,
    ) -> None:
        self._uow = uow
        self._schedule = schedule
        self._clock = clock
        self._notifying = notifying or (lambda session, now: OutboxNotifier(session, now, max_age))
        self._batch = batch

    def plan_due(self) -> Planned:
        """Plan every rhythm whose time has come, a batch per transaction; what it planned."""
        pairings = prompts = 0
        while True:
            now = self._clock()
            with self._uow() as uow:
                ids = claim_due_rhythms(uow.session, now, self._batch)
                if not ids:
                    return Planned(pairings, prompts)
                notifier = self._notifying(uow.session, now)
                batch: list[Prompt] = []
                for row in rhythm_rows(uow.session, ids):
                    batch += self._plan_one(uow.session, notifier, row, now)
                notifier.prompts(batch)  # one statement for the batch
                uow.commit()
            prompts += len(batch)
            pairings += len(ids)

    def _plan_one(self, session: Session, notifier: CheckinNotifier, row: RhythmRow, now: datetime) -> list[Prompt]:
        """The pairing's rhythm moved on; the prompts to write for it."""
        pair = pair_clock(row)
        decided = plan(pair, self._schedule, now)
        if decided.resumes and not self._resume(session, notifier, pair, now):
            return []
        save_rhythm(
            session,
            pair.pairing_id,
            period=decided.period,
            period_start=decided.period_start,
            planned=decided.period if decided.next_plan_at else pair.planned,
            next_plan_at=decided.next_plan_at,
            **({"paused_until": None} if decided.resumes else {}),
        )
        notes: list[Prompt] = []
        if decided.period != pair.period:  # periods ended: were they quiet? (bot.checkins.quiet)
            notes = quiet.periods_closed(
                session, pair, row.rhythm, decided.period, decided.resumes, now, self._schedule
            )
        return [*decided.prompts, *notes]

    def _resume(self, session: Session, notifier: CheckinNotifier, pair: PairClock, now: datetime) -> bool:
        """A pause ran out: active again, and both told at their prompt time that day."""
        if not set_pairing_status(session, pair.pairing_id, PairingStatus.PAUSED, PairingStatus.ACTIVE):
            return False
        for user_id, other in ((pair.mentee_id, pair.mentor_id), (pair.mentor_id, pair.mentee_id)):
            at = next_prompt_at(now, today_for(pair, user_id, now), pair.zone_of(user_id), self._schedule)
            notifier.tell(user_id, Phrase("checkin.resumed", {"other": Who(other)}), at)
        notifier.refresh(pair.mentee_id, pair.mentor_id)
        log.info("pairing %s resumed after its pause", pair.pairing_id)
        return True
