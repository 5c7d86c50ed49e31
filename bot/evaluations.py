"""Evaluations at a pairing's midpoint and end (`PROGRAMME_MONTHS`), and the choice to continue or close.

Both people get a short form in a dialog (progress, usefulness, would they recommend it, each 1 to 5, and
an optional comment). The scores and comment go into the anonymous store (storage/feedback.py), apart from
the pairing, which keeps only that this side answered and, at an end, its choice.
At the end both are also asked whether to continue for another programme period; the pairing continues
only if both say so, and closes kindly otherwise, without saying who chose what. The asks are outbox
rows the tick writes when the day begins (an indexed `next_evaluation_at` on the rhythm), due at each
person's prompt time that day.
"""

from __future__ import annotations

import calendar
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot import lifecycle
from bot.checkins.rules import Schedule, local_today, next_prompt_at, opens_at, zone_of
from bot.delivery.kinds import KINDS, Cancels, KindSpec, Payload
from bot.delivery.letters import News, Notice
from bot.delivery.outbox import enqueue
from bot.feedback.rules import iso_week
from bot.i18n import Who
from bot.lifecycle import CURRENT, Closed, Pair, Started
from bot.text import clip
from storage.checkins import (
    RhythmRow,
    get_rhythm,
    hold_rhythm,
    rhythm_rows,
    save_rhythm,
)
from storage.db import DatabaseBusyError
from storage.evaluations import add_evaluation, answered_sides, answers_for, claim_due_evaluations
from storage.feedback import AnonymousAnswer, store_answer
from storage.models import Evaluation, PairingStatus
from storage.pairings import get_pairing, pairings_of
from storage.profiles import get_profile
from storage.uow import UnitOfWork

ASK = "evaluation.ask"  # the form's invitation, in each person's DM
SCORES = range(1, 6)
MAX_COMMENT = 1000
ASK_KEPT = timedelta(days=14)
BATCH = 100  # pairings per transaction: short ones, so a dialog never waits long
ENDING_SOON = timedelta(days=14)  # App Home says a programme period ends soon from two weeks before
MIDPOINT_TOPIC, END_TOPIC = "evaluation.midpoint", "evaluation.end"  # their topics in the anonymous store

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Invitation(Payload):
    """An evaluation's invitation: which pairing, which step (midpoint or end of which round)."""

    pairing: int
    step: int


# Kept through a pause (a paused pairing is still evaluated); moot once the pairing ends or its reader leaves.
INVITING = KINDS.declare(
    KindSpec(ASK, Invitation, Invitation(4, 1), frozenset({Cancels.PAIRING_ENDS, Cancels.PERSON_LEAVES}))
)


def add_months(day: date, months: int) -> date:
    year, month = divmod(day.month - 1 + months, 12)
    year, month = day.year + year, month + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def programme_dates(started: date, programme_round: int, months: int) -> tuple[date, date]:
    """The midpoint and the end of the programme period `programme_round` of a pairing begun on `started`."""
    start = add_months(started, programme_round * months)
    end = add_months(start, months)
    return start + (end - start) / 2, end


def is_end(step: int) -> bool:
    return step % 2 == 1


def anonymous_answer(step: int, side: str, function_area: str, answers: Answers, now: datetime) -> AnonymousAnswer:
    """An evaluation's scores and comment as the anonymous store keeps them: by topic, role and area, the week."""
    return AnonymousAnswer(
        topic=END_TOPIC if is_end(step) else MIDPOINT_TOPIC,
        role=side,
        function_area=function_area,
        week=iso_week(now),
        rating=answers.usefulness or 0,
        progress=answers.progress,
        recommend=answers.recommend,
        comment=clip(answers.comment.strip(), MAX_COMMENT),
    )


def step_day(started: date, step: int, months: int) -> date:
    """The day evaluation `step` falls due: its programme period's midpoint (even steps) or end (odd ones)."""
    midpoint, end = programme_dates(started, step // 2, months)
    return end if is_end(step) else midpoint


def opens_on(started: date, step: int, months: int, schedule: Schedule) -> date:
    """The day evaluation `step` is asked for, on the reader's own calendar: its invitation's day (the first
    working day from the day it falls due, as `EvaluationService._ask` writes it). Answers come from then on."""
    return schedule.working_days.first_from(step_day(started, step, months))


class Outcome(StrEnum):
    KEPT = "kept"  # stored; at an end, waiting for the other's choice
    CONTINUES = "continues"  # both chose to continue
    CLOSED = "closed"  # one of them chose to close: it closed now
    ALREADY = "already"  # this side answered this step before
    NOT_YET = "not_yet"  # not this step's time (a forged or stale button)
    ENDED = "ended"
    NOT_YOURS = "not_yours"
    INVALID = "invalid"


@dataclass(frozen=True)
class Answers:
    progress: int | None
    usefulness: int | None
    recommend: int | None
    comment: str = ""
    carry_on: bool | None = None

    def complete(self, at_end: bool) -> bool:
        scores = (self.progress, self.usefulness, self.recommend)
        return all(score in SCORES for score in scores) and (self.carry_on is not None or not at_end)


@dataclass(frozen=True)
class Result:
    outcome: Outcome
    other_id: str = ""


@dataclass(frozen=True)
class Waiting:
    """For App Home: an evaluation this person may give now, and when the programme period ends."""

    pairing_id: int
    step: int
    other_id: str


@dataclass(frozen=True)
class Ending:
    pairing_id: int
    other_id: str
    on: date


class EvaluationService:
    def __init__(
        self, uow: Callable[[], UnitOfWork], clock: Callable[[], datetime], months: int, schedule: Schedule
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._months = months
        self._schedule = schedule

    # -- planning -----------------------------------------------------------------------------------
    def pairing_started(self, session: Session, news: News, started: Started) -> None:
        """A new pairing's midpoint and end evaluations are planned with it."""
        self.schedule(session, started.pairing_id, started.today)

    def schedule(self, session: Session, pairing_id: int, started: date, rnd: int = 0) -> None:
        """In the caller's unit of work: programme period `rnd`'s midpoint is the next evaluation due."""
        midpoint, _ = programme_dates(started, rnd, self._months)
        save_rhythm(session, pairing_id, programme_round=rnd, next_evaluation_at=opens_at(midpoint))

    def send_due(self) -> int:
        """Run by the tick: the asks of every evaluation whose day has begun, at each person's prompt time."""
        total = 0
        while True:
            now = self._clock()
            with self._uow() as uow:
                ids = claim_due_evaluations(uow.session, now, BATCH)
                if not ids:
                    return total
                for row in rhythm_rows(uow.session, ids):
                    if row.status is not PairingStatus.ENDED:
                        self._ask(uow.session, row, now)
                uow.commit()
            total += len(ids)

    def _ask(self, session: Session, row: RhythmRow, now: datetime) -> None:
        pairing_id, rnd = row.rhythm.pairing_id, row.rhythm.programme_round
        pairing = get_pairing(session, pairing_id)
        midpoint, end = programme_dates(pairing.started_at.date() if pairing else now.date(), rnd, self._months)
        if now < opens_at(end):  # the midpoint's; the end's comes next
            step, day = rnd * 2, midpoint
            save_rhythm(session, pairing_id, next_evaluation_at=opens_at(end))
        else:
            step, day = rnd * 2 + 1, end
        for user_id, zone in ((row.mentee_id, row.mentee_zone), (row.mentor_id, row.mentor_zone)):
            at = next_prompt_at(now, day, zone_of(zone), self._schedule)
            key = INVITING.pairing_key(pairing_id, step, user_id)
            letter = INVITING.letter(
                user_id, Invitation(pairing_id, step), unique_key=key, due_at=at, expires_at=at + ASK_KEPT
            )
            enqueue(session, letter, now)

    # -- answering -------------------------------------------------------------------------------
    def check(self, pairing_id: int, step: int, by: str) -> Result:
        """Whether `by` may give this evaluation now (before opening the dialog)."""
        now = self._clock()
        with self._uow() as uow:
            return self._check(uow.session, pairing_id, step, by, now)

    def submit(self, pairing_id: int, step: int, by: str, answers: Answers) -> Result:
        """Two transactions, never one: first that this side answered, with its consequences (the choice, the
        news); then the scores and comment alone into the anonymous store, so no transaction holds both."""
        now = self._clock()
        if not answers.complete(is_end(step)):
            return Result(Outcome.INVALID)
        with self._uow() as uow:
            hold_rhythm(uow.session, pairing_id)  # first: the two sides' answers take turns
            checked = self._check(uow.session, pairing_id, step, by, now)
            if checked.outcome is not Outcome.KEPT:
                return checked
            row = get_rhythm(uow.session, pairing_id)
            assert row is not None  # checked
            side = "mentor" if by == row.mentor_id else "mentee"
            answered = Evaluation(
                pairing_id=pairing_id, step=step, side=side, carry_on=answers.carry_on if is_end(step) else None
            )
            if not add_evaluation(uow.session, answered):
                return Result(Outcome.ALREADY, checked.other_id)
            outcome = Outcome.KEPT
            if is_end(step):
                outcome = self._decide(uow.session, pairing_id, step, row.mentor_id, row.mentee_id, now)
            News(uow.session, now).refresh(by)
            profile = get_profile(uow.session, by)
            scores = anonymous_answer(step, side, profile.function_area if profile else "", answers, now)
            uow.commit()
        self._keep_anonymously(scores)
        return Result(outcome, checked.other_id)

    def _keep_anonymously(self, scores: AnonymousAnswer) -> None:
        """The anonymous row, in a transaction that writes nothing else. At most once: the answer is marked
        first, so a crash or a busy database here loses these scores rather than count them twice (a
        duplicate would make a group look larger than the people behind it)."""
        try:
            with self._uow() as uow:
                store_answer(uow.session, scores)
                uow.commit()
        except (SQLAlchemyError, DatabaseBusyError):
            log.warning("an evaluation's scores could not be kept; the answer itself counts")  # nothing of whose

    def _decide(self, session: Session, pairing_id: int, step: int, mentor: str, mentee: str, now: datetime) -> Outcome:
        """Both answered the end: another programme period if both said so, else it closes kindly."""
        answers = answers_for(session, pairing_id, step)
        if len(answers) < 2:
            return Outcome.KEPT
        news = News(session, now)
        if all(answer.carry_on for answer in answers.values()):
            pairing = get_pairing(session, pairing_id)
            self.schedule(session, pairing_id, pairing.started_at.date() if pairing else now.date(), step // 2 + 1)
            for user_id, other in ((mentee, mentor), (mentor, mentee)):
                news.tell(user_id, Notice("evaluation.continues", {"other": Who(other)}))
            news.refresh(mentor, mentee)
            return Outcome.CONTINUES
        lifecycle.end(session, news, Pair(pairing_id, mentor, mentee), Closed(), now)  # the news is the lifecycle's
        return Outcome.CLOSED

    def _check(self, session: Session, pairing_id: int, step: int, by: str, now: datetime) -> Result:
        row = get_rhythm(session, pairing_id)
        pairing = get_pairing(session, pairing_id)
        if row is None or pairing is None or by not in (row.mentor_id, row.mentee_id):
            return Result(Outcome.NOT_YOURS)
        other = row.mentee_id if by == row.mentor_id else row.mentor_id
        if row.status is PairingStatus.ENDED:
            return Result(Outcome.ENDED, other)
        side = "mentor" if by == row.mentor_id else "mentee"
        # Only the step that was asked for, from the day it was (a forged, stale or early form changes nothing).
        today = local_today(now, zone_of(row.mentor_zone if side == "mentor" else row.mentee_zone))
        started = pairing.started_at.date()
        if step // 2 != row.rhythm.programme_round or today < opens_on(started, step, self._months, self._schedule):
            return Result(Outcome.NOT_YET, other)
        if side in answers_for(session, pairing_id, step):
            return Result(Outcome.ALREADY, other)
        return Result(Outcome.KEPT, other)

    # -- reading, for App Home ---------------------------------------------------------------------
    def waiting_for(self, user_id: str) -> tuple[list[Waiting], list[Ending]]:
        """The evaluations `user_id` may give now, and the programme periods of theirs ending soon."""
        now = self._clock()
        with self._uow() as uow:
            pairings = [p for p in pairings_of(uow.session, user_id) if PairingStatus(p.status) in CURRENT]
            answered = answered_sides(uow.session, [p.id or 0 for p in pairings])
            waiting, ending = [], []
            for pairing in pairings:
                row = get_rhythm(uow.session, pairing.id or 0)
                if row is None:
                    continue
                rnd, started = row.rhythm.programme_round, pairing.started_at.date()
                _, end = programme_dates(started, rnd, self._months)
                side = "mentor" if user_id == pairing.mentor_id else "mentee"
                other = pairing.mentee_id if side == "mentor" else pairing.mentor_id
                today = local_today(now, zone_of(row.mentor_zone if side == "mentor" else row.mentee_zone))
                for step in (rnd * 2, rnd * 2 + 1):  # shown from the day it is asked for, as it is taken
                    opened = opens_on(started, step, self._months, self._schedule) <= today
                    if opened and (pairing.id, step, side) not in answered:
                        waiting.append(Waiting(pairing.id or 0, step, other))
                if today <= end <= today + ENDING_SOON:
                    ending.append(Ending(pairing.id or 0, other, end))
            return waiting, ending
