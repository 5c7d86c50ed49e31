"""Pairings that go quiet: a gentle note after two periods without a check-in, 'stalled' after three.

The planner calls `periods_closed` when a pairing's period rolls over (in its own unit of work), and
`end_stalled_on_start` follows a pairing's start (bot.lifecycle): a new mentor accepted a stalled pairing's mentee.
Nothing here ends a pairing by itself: a stalled pairing goes on (its prompts too) until the mentee has
a new mentor, either of them ends it, or a check-in wakes it up again (bot.checkins.service resets it).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from bot import lifecycle
from bot.checkins.kinds import STALLED
from bot.checkins.planning import PairClock, Prompt, PromptKind, today_for
from bot.checkins.rules import Schedule, next_prompt_at
from bot.delivery.letters import News, Notice, Tell
from bot.delivery.outbox import enqueue
from bot.i18n import Who
from bot.lifecycle import Pair, Started, Superseded
from storage.checkins import save_rhythm
from storage.models import Rhythm
from storage.quiet import stalled_pairings_of_mentee

log = logging.getLogger(__name__)

FOLLOW_UP_AFTER = 2  # periods in a row without a check-in before the gentle note
STALLED_AFTER = 3  # ... before the pairing is marked stalled and the mentee may look elsewhere
NOTE_KEPT = timedelta(days=7)  # news still unsent a week later is moot


def quiet_periods(quiet_from: int, period: int) -> int:
    """How many periods ended without a check-in, in a row, once `period` is under way."""
    return max(0, period - quiet_from)


def periods_closed(
    session: Session, pair: PairClock, rhythm: Rhythm, new_period: int, resumes: bool, now: datetime, schedule: Schedule
) -> list[Prompt]:
    """Periods ended (the planner moved on to `new_period`): the gentle notes to write, or the stall, if due.

    Nothing is read: a check-in moves the rhythm's `quiet_from` on (bot.checkins.service), so the quiet
    periods are a subtraction, and only a stall writes anything here.
    """
    if resumes:  # a pause is not silence: the count starts again
        save_rhythm(session, pair.pairing_id, quiet_from=new_period)
        return []
    before = quiet_periods(rhythm.quiet_from, pair.period)
    after = quiet_periods(rhythm.quiet_from, new_period)
    if after >= STALLED_AFTER and rhythm.stalled_at is None:
        save_rhythm(session, pair.pairing_id, stalled_at=now)
        _stalled(session, pair, new_period, now, schedule)
        return []
    if before < FOLLOW_UP_AFTER <= after:
        return [
            Prompt(
                PromptKind.QUIET, pair.pairing_id, new_period, user_id, _their_prompt_time(pair, user_id, now, schedule)
            )
            for user_id in (pair.mentee_id, pair.mentor_id)
        ]
    return []


def _stalled(session: Session, pair: PairClock, period: int, now: datetime, schedule: Schedule) -> None:
    """Both see it on App Home when they next open it; the mentee is offered another mentor, at their prompt time."""
    at = _their_prompt_time(pair, pair.mentee_id, now, schedule)
    notice = Notice("checkin.stalled.mentee", {"mentor": Who(pair.mentor_id)})
    key = STALLED.pairing_key(pair.pairing_id, period)
    letter = STALLED.letter(
        pair.mentee_id,
        Tell.of(notice, mentors=1),
        pairing_id=pair.pairing_id,
        unique_key=key,
        due_at=at,
        expires_at=at + NOTE_KEPT,
    )
    enqueue(session, letter, now)
    log.info("pairing %s stalled after %s quiet periods", pair.pairing_id, STALLED_AFTER)


def _their_prompt_time(pair: PairClock, user_id: str, now: datetime, schedule: Schedule) -> datetime:
    return next_prompt_at(now, today_for(pair, user_id, now), pair.zone_of(user_id), schedule)


def end_stalled(session: Session, news: News, mentee_id: str, now: datetime) -> list[int]:
    """A new mentor accepted the mentee: their stalled pairings end kindly, both former partners told."""
    stalled = [Pair(p.id or 0, p.mentor_id, mentee_id) for p in stalled_pairings_of_mentee(session, mentee_id)]
    return [pair.pairing_id for pair in stalled if lifecycle.end(session, news, pair, Superseded(), now)]


def end_stalled_on_start(session: Session, news: News, started: Started) -> None:
    """A new pairing: the mentee's stalled one ends (one mentor at a time, still)."""
    end_stalled(session, news, started.mentee_id, started.now)
