"""The planner: run by the tick, it turns due rhythms into prompts in the outbox, in short transactions."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot import lifecycle
from bot.checkins import quiet
from bot.checkins.notify import CheckinNotifier, OutboxNotifier
from bot.checkins.planning import GROUP, PairClock, Plan, Prompt, PromptKind, plan, today_for
from bot.checkins.rules import Cadence, Schedule, next_prompt_at, zone_of
from bot.delivery.letters import News
from bot.lifecycle import Pair, Resumed
from storage.checkins import (
    RhythmRow,
    asked_keys,
    claim_due_rhythms,
    give_back_rhythms,
    rhythm_rows,
    save_rhythms,
)
from storage.models import PairingStatus
from storage.outbox import cancel_waiting
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

# One write transaction on SQLite blocks every dialog: at most 200 outbox rows per commit. A pairing writes 3
# (a nudge, two questions), two more when its periods went quiet (bot.checkins.quiet), and one whose pause ran
# out 4 more (two 'resumed' notes, two App Home refreshes): a batch claims 40, and gives back for the next
# batch the pairings that would take it over 200.
MAX_ROWS_PER_COMMIT = 200
PAIRINGS_PER_COMMIT = 40
RESUME_ROWS = 4
QUIET_ROWS = 2

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


def pair_of(pair: PairClock) -> Pair:
    """Which pairing and its two people, as the lifecycle's transitions take them."""
    return Pair(pair.pairing_id, pair.mentor_id, pair.mentee_id)


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
                planned = self._plan_batch(uow.session, rhythm_rows(uow.session, ids), now)
                uow.commit()
            prompts += planned.prompts
            pairings += planned.pairings

    def _plan_batch(self, session: Session, rows: Sequence[RhythmRow], now: datetime) -> Planned:
        """A batch of claimed rhythms moved on, in a few statements whatever its size; what it planned.

        Each kind of write is one statement for the whole batch (an executemany at most), never one per
        pairing: on PostgreSQL a statement each is a round trip each.
        """
        decided = _within_rows([(pair, plan(pair, self._schedule, now)) for pair in map(pair_clock, rows)])
        give_back_rhythms(session, [row.rhythm.pairing_id for row in rows[len(decided) :]], now)
        notifier = self._notifying(session, now)
        resumed = self._resume(session, [pair for pair, p in decided if p.resumes], now)
        # A pause that ran out but whose pairing is no longer paused (it ended meanwhile) is left alone.
        moved_on = [(pair, p) for pair, p in decided if not p.resumes or pair.pairing_id in resumed]
        # After downtime, what was left waiting from before is moot: the rhythm starts again from now.
        cancel_waiting(session, [key for pair, p in moved_on if p.restarts for key in _left_from(pair, now)], now)
        unasked = _unasked(
            session, [pair for pair, p in moved_on if p.period != pair.period and not p.starts_afresh], now
        )
        rhythm_of = {row.rhythm.pairing_id: row.rhythm for row in rows}
        quiet_notes = [  # periods ended: were they quiet? (a stall writes on its own; it is rare)
            note
            for pair, p in moved_on
            if p.period != pair.period and not p.starts_afresh and pair.pairing_id not in unasked
            for note in quiet.periods_closed(
                session, pair, rhythm_of[pair.pairing_id], p.period, False, now, self._schedule
            )
        ]
        save_rhythms(session, [_change(pair, p, pair.pairing_id in unasked) for pair, p in moved_on])
        prompts = [prompt for _, p in moved_on for prompt in p.prompts] + quiet_notes
        notifier.prompts(prompts)
        return Planned(len(decided), len(prompts))

    def _resume(self, session: Session, pairs: Sequence[PairClock], now: datetime) -> set[int]:
        """Pauses that ran out: active again, both told at their prompt time that day; the pairings resumed."""
        if not pairs:
            return set()
        resuming = [
            Resumed(pair_of(pair), self._told_at(pair, pair.mentee_id, now), self._told_at(pair, pair.mentor_id, now))
            for pair in pairs
        ]
        resumed = lifecycle.resume(session, News(session, now), resuming)
        for pairing_id in sorted(resumed):
            log.info("pairing %s resumed after its pause", pairing_id)
        return resumed

    def _told_at(self, pair: PairClock, user_id: str, now: datetime) -> datetime:
        return next_prompt_at(now, today_for(pair, user_id, now), pair.zone_of(user_id), self._schedule)


def _within_rows(decided: list[tuple[PairClock, Plan]]) -> list[tuple[PairClock, Plan]]:
    """The first of these pairings whose outbox rows fit in one commit (always one at least)."""
    rows = 0
    for n, (pair, p) in enumerate(decided):
        quiet_notes = QUIET_ROWS if p.period != pair.period and not p.starts_afresh else 0
        rows += len(p.prompts) + (RESUME_ROWS if p.resumes else 0) + quiet_notes
        if rows > MAX_ROWS_PER_COMMIT and n > 0:
            return decided[:n]
    return decided


def _left_from(pair: PairClock, now: datetime) -> list[str]:
    """The keys of the prompts planned for the pairing's period under way: by exact key, so the index finds them."""
    recipients = {PromptKind.NUDGE: (GROUP,), PromptKind.ASK: (pair.mentee_id, pair.mentor_id)}
    recipients[PromptKind.QUIET] = recipients[PromptKind.ASK]
    return [
        Prompt(kind, pair.pairing_id, pair.period, user_id, now).unique_key
        for kind in PromptKind
        for user_id in recipients[kind]
    ]


def _unasked(session: Session, pairs: Sequence[PairClock], now: datetime) -> set[int]:
    """Of these pairings, whose period just ended, those in which nobody was asked 'did you meet?' (their
    questions expired unsent while the bot was down): a period nobody was asked about is not a quiet one."""
    keys = {
        Prompt(PromptKind.ASK, pair.pairing_id, pair.period, user_id, now).unique_key: pair.pairing_id
        for pair in pairs
        for user_id in (pair.mentee_id, pair.mentor_id)
    }
    asked = {keys[key] for key in asked_keys(session, list(keys), now)}
    return {pair.pairing_id for pair in pairs} - asked


def _change(pair: PairClock, decided: Plan, unasked: bool) -> dict[str, object]:
    """What moves on in the pairing's rhythm row."""
    return {
        "pairing_id": pair.pairing_id,
        "period": decided.period,
        "period_start": decided.period_start,
        "planned": decided.period if decided.next_plan_at else pair.planned,
        "next_plan_at": decided.next_plan_at,
        **({"paused_until": None} if decided.resumes else {}),
        # A pause, downtime or a period nobody was asked about is not silence: the count of quiet periods
        # starts again (bot.checkins.quiet).
        **({"quiet_from": decided.period} if decided.starts_afresh or unasked else {}),
    }
