"""What people do with the rhythm: 'we met', 'remind me', pause, end, a new cadence; and what the prompts show."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sqlalchemy import case
from sqlalchemy.orm import Session
from sqlmodel import col

from bot import lifecycle
from bot.checkins.notify import CheckinNotifier, OutboxNotifier
from bot.checkins.planner import pair_clock, pair_of
from bot.checkins.planning import PairClock, Prompt, PromptKind, new_cadence, today_for
from bot.checkins.quiet import FOLLOW_UP_AFTER, quiet_periods
from bot.checkins.rules import (
    Cadence,
    Schedule,
    catch_up_at,
    group_catch_up_at,
    opens_at,
    pause_problem,
    remind_at,
)
from bot.delivery.letters import News
from bot.i18n import Phrase, Who
from bot.lifecycle import EndedBy, OnStart, Paused, Started
from bot.text import clip
from storage.checkins import (
    checkin_for,
    get_rhythm,
    hold_rhythm,
    log_checkin,
    next_prompts,
    replan_pairings_of,
    rhythm_rows,
    save_rhythm,
    start_rhythm,
)
from storage.models import Checkin, PairingStatus, Rhythm
from storage.outbox import cancel_waiting, waiting_keys_about_pairing
from storage.pairings import pairings_of
from storage.uow import UnitOfWork

MAX_NOTE = 1000
CADENCE_CHANGED = {
    Cadence.WEEKLY: "checkin.cadence.partner.weekly",
    Cadence.BIWEEKLY: "checkin.cadence.partner.biweekly",
    Cadence.MONTHLY: "checkin.cadence.partner.monthly",
}
PROGRESS = range(1, 6)


class Outcome(StrEnum):
    DONE = "done"
    CLOSED = "closed"  # the period was logged already (by the partner, or a click before)
    ALREADY = "already"  # asked for what is already so (a second 'remind me', the same cadence)
    NOT_ACTIVE = "not_active"  # the pairing is paused or ended
    ENDED = "ended"
    NOT_YOURS = "not_yours"
    NOT_FOUND = "not_found"
    INVALID = "invalid"  # a date or a choice out of bounds (the detail is the catalog key)
    NOT_CURRENT = "not_current"  # about a period that is not the one asked about now (stale, or forged)


@dataclass(frozen=True)
class Answer:
    outcome: Outcome
    other_id: str = ""
    when: datetime | None = None
    problem: str = ""


@dataclass(frozen=True)
class RhythmView:
    """A pairing's rhythm seen from one side, for App Home, `/mentor pause|end` and the prompts."""

    pairing_id: int
    other_id: str
    i_mentor: bool
    status: PairingStatus
    cadence: Cadence
    period: int
    last_checkin_on: date | None
    next_prompt_at: datetime | None
    paused_until: date | None
    stalled: bool = False  # quiet three periods in a row: the mentee may look for another mentor


@dataclass(frozen=True)
class PromptCheck:
    """Whether a prompt still means something when it is sent; and when to send it if it is late."""

    live: bool
    why: str = ""
    later: datetime | None = None
    pair: PairClock | None = None
    channel_id: str = ""


class CheckinService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        schedule: Schedule,
        clock: Callable[[], datetime],
        max_age: timedelta,
    ) -> None:
        self._uow = uow
        self._schedule = schedule
        self._clock = clock
        self._max_age = max_age

    def now(self) -> datetime:
        return self._clock()

    def _notifier(self, session: Session, now: datetime) -> CheckinNotifier:
        return OutboxNotifier(session, now, self._max_age)

    # -- when a prompt goes out --------------------------------------------------------------------
    def check_prompt(self, kind: PromptKind, pairing_id: int, period: int, due_at: datetime) -> PromptCheck:
        now = self._clock()
        with self._uow() as uow:
            row = get_rhythm(uow.session, pairing_id)
            if row is None or row.status is not PairingStatus.ACTIVE:
                return PromptCheck(False, "the pairing is paused or ended")
            # A late question about the period before still means something; a late nudge does not.
            if period > row.rhythm.period or (kind is PromptKind.NUDGE and period != row.rhythm.period):
                return PromptCheck(False, "a newer period began")
            if checkin_for(uow.session, pairing_id, period) is not None:
                return PromptCheck(False, "the period was logged already")
            pair = pair_clock(row)
            channel = row.channel_id
        if kind is PromptKind.NUDGE:
            later = group_catch_up_at(due_at, now, pair.mentee_zone, pair.mentor_zone, self._schedule)
        else:
            later = None  # the recipient's zone is applied by the caller, who knows the recipient
        return PromptCheck(True, later=later, pair=pair, channel_id=channel)

    def still_quiet(self, pairing_id: int) -> bool:
        """Whether the pairing is active and still without a check-in for two periods or more (for the note)."""
        with self._uow() as uow:
            row = get_rhythm(uow.session, pairing_id)
            if row is None or row.status is not PairingStatus.ACTIVE:
                return False
            return quiet_periods(row.rhythm.quiet_from, row.rhythm.period) >= FOLLOW_UP_AFTER

    def late_ask(self, pair: PairClock, recipient: str, due_at: datetime) -> datetime | None:
        return catch_up_at(due_at, self._clock(), pair.zone_of(recipient), self._schedule)

    # -- answers ------------------------------------------------------------------------------------
    def log_meeting(
        self, pairing_id: int, period: int, by: str, met_on: date, progress: int | None, note: str
    ) -> Answer:
        """'We met': closes the period for both; the partner is told and not asked again."""
        now = self._clock()
        if progress is not None and progress not in PROGRESS:
            return Answer(Outcome.INVALID, problem="checkin.met.error.progress")
        with self._uow() as uow:
            checked = self._check(uow.session, pairing_id, by)
            if checked.outcome is not Outcome.DONE or checked.pair is None:
                return checked.answer
            pair = checked.pair
            if not asked_now(period, pair):
                return Answer(Outcome.NOT_CURRENT, checked.other)
            if met_on > today_for(pair, by, now) or met_on < pair.period_start - timedelta(days=62):
                return Answer(Outcome.INVALID, problem="checkin.met.error.date")
            entry = Checkin(
                pairing_id=pairing_id,
                period=period,
                logged_by=by,
                met_on=met_on,
                progress=progress,
                note=clip(note.strip(), MAX_NOTE),
                created_at=now,
            )
            if not log_checkin(uow.session, entry):
                return Answer(Outcome.CLOSED, checked.other)
            awake = case((col(Rhythm.quiet_from) > period + 1, col(Rhythm.quiet_from)), else_=period + 1)
            save_rhythm(uow.session, pairing_id, last_checkin_on=met_on, quiet_from=awake, stalled_at=None)
            notifier = self._notifier(uow.session, now)
            notifier.tell(checked.other, Phrase("checkin.met.partner", {"other": Who(by)}))
            notifier.refresh(by, checked.other)
            uow.commit()
        return Answer(Outcome.DONE, checked.other)

    def remind(self, pairing_id: int, period: int, by: str) -> Answer:
        """'Not yet': asked again two working days later, at the prompt time."""
        now = self._clock()
        with self._uow() as uow:
            checked = self._check(uow.session, pairing_id, by)
            if checked.outcome is not Outcome.DONE or checked.pair is None:
                return checked.answer
            if not asked_now(period, checked.pair):
                return Answer(Outcome.NOT_CURRENT, checked.other)
            if checkin_for(uow.session, pairing_id, period) is not None:
                return Answer(Outcome.CLOSED, checked.other)
            at = remind_at(now, checked.pair.zone_of(by), self._schedule)
            again = at.astimezone(checked.pair.zone_of(by)).date()
            self._notifier(uow.session, now).prompts([Prompt(PromptKind.ASK, pairing_id, period, by, at, again)])
            uow.commit()
        return Answer(Outcome.DONE, checked.other, at)

    def pause(self, pairing_id: int, by: str, until: date) -> Answer:
        """No prompts until `until`; both told now, and again when it resumes (the planner does that)."""
        now = self._clock()
        with self._uow() as uow:
            checked = self._check(uow.session, pairing_id, by)
            if checked.outcome is not Outcome.DONE or checked.pair is None:
                return checked.answer
            problem = pause_problem(until, today_for(checked.pair, by, now))
            if problem:
                return Answer(Outcome.INVALID, checked.other, problem=problem)
            if not lifecycle.pause(uow.session, News(uow.session, now), Paused(pair_of(checked.pair), by, until), now):
                return Answer(Outcome.NOT_ACTIVE, checked.other)
            save_rhythm(uow.session, pairing_id, paused_until=until, next_plan_at=opens_at(until))
            uow.commit()
        return Answer(Outcome.DONE, checked.other)

    def end(self, pairing_id: int, by: str) -> Answer:
        """The mentorship ends: both told kindly, the mentor's place freed, nothing more planned."""
        now = self._clock()
        with self._uow() as uow:
            checked = self._check(uow.session, pairing_id, by, paused_ok=True)
            if checked.outcome is not Outcome.DONE or checked.pair is None:
                return checked.answer
            if not lifecycle.end(uow.session, News(uow.session, now), pair_of(checked.pair), EndedBy(by), now):
                return Answer(Outcome.ENDED, checked.other)
            uow.commit()
        return Answer(Outcome.DONE, checked.other)

    def change_cadence(self, pairing_id: int, by: str, cadence: Cadence) -> Answer:
        """A new period from today at the new cadence; the prompts planned for the old one are cancelled, the
        new period's questions written, and the partner is told, all at once. (A paused pairing's new period
        begins when it resumes.)"""
        now = self._clock()
        with self._uow() as uow:
            checked = self._check(uow.session, pairing_id, by, paused_ok=True)
            if checked.outcome is not Outcome.DONE or checked.pair is None:
                return checked.answer
            pair = checked.pair
            if pair.cadence is cadence:
                return Answer(Outcome.ALREADY, checked.other)
            notifier = self._notifier(uow.session, now)
            if pair.active:
                today = max(today_for(pair, by, now), pair.period_start)
                self._start_again(uow.session, notifier, pair, cadence, today, now)
            else:
                save_rhythm(uow.session, pairing_id, cadence=cadence.value)
            notifier.tell(checked.other, Phrase(CADENCE_CHANGED[cadence], {"other": Who(by)}))
            notifier.refresh(by, checked.other)
            uow.commit()
        return Answer(Outcome.DONE, checked.other)

    def _start_again(
        self, session: Session, notifier: CheckinNotifier, pair: PairClock, cadence: Cadence, today: date, now: datetime
    ) -> None:
        """The rhythm starts again on `today` at `cadence`: no period before counts as quiet under it."""
        fresh = new_cadence(pair, cadence, today, self._schedule, now)
        # This period's prompts and later ones are moot; a late question about an earlier one still means something.
        waiting = waiting_keys_about_pairing(session, [kind.value for kind in PromptKind], pair.pairing_id)
        cancel_waiting(session, [key for key in waiting if Prompt.period_of(key) >= pair.period], now)
        save_rhythm(
            session,
            pair.pairing_id,
            cadence=cadence.value,
            period=fresh.period,
            period_start=fresh.period_start,
            planned=fresh.period,
            next_plan_at=fresh.next_plan_at,
            quiet_from=fresh.period,
        )
        notifier.prompts(fresh.prompts)

    def replan_person(self, user_id: str) -> None:
        """Their zone changed: the prompts of their pairings not sent yet move to the new local times."""
        with self._uow() as uow:
            replan_pairings_of(uow.session, user_id, self._clock())
            uow.commit()

    # -- reading --------------------------------------------------------------------------------------
    def rhythms_of(self, user_id: str, *, current_only: bool = True) -> list[RhythmView]:
        """The person's pairings with their rhythm, the newest first (only active and paused ones by default)."""
        with self._uow() as uow:
            pairings = [
                p for p in pairings_of(uow.session, user_id) if not current_only or p.status != PairingStatus.ENDED
            ]
            rows = {row.rhythm.pairing_id: row for row in rhythm_rows(uow.session, [p.id or 0 for p in pairings])}
            views = []
            for pairing in pairings:
                row = rows.get(pairing.id or 0)
                if row is None:
                    continue
                kinds = [kind.value for kind in PromptKind]
                upcoming = next_prompts(uow.session, kinds, row.rhythm.pairing_id, user_id)
                views.append(_view(row.rhythm, pairing.mentor_id, pairing.mentee_id, user_id, row.status, upcoming))
            return views

    # -- who may answer ---------------------------------------------------------------------------------
    def check(self, pairing_id: int, by: str, period: int | None = None) -> Answer:
        """Whether `by` may answer now, before a dialog opens (nothing written): one of the pair, the pairing
        under way, and for a `period`, the one asked about now and not logged yet."""
        with self._uow() as uow:
            checked = self._check(uow.session, pairing_id, by, hold=False)
            if checked.outcome is not Outcome.DONE or checked.pair is None or period is None:
                return checked.answer
            if not asked_now(period, checked.pair):
                return Answer(Outcome.NOT_CURRENT, checked.other)
            if checkin_for(uow.session, pairing_id, period) is not None:
                return Answer(Outcome.CLOSED, checked.other)
            return checked.answer

    def _check(
        self, session: Session, pairing_id: int, by: str, *, paused_ok: bool = False, hold: bool = True
    ) -> _Checked:
        if hold:
            hold_rhythm(session, pairing_id)  # first: concurrent answers for one pairing take turns
        row = get_rhythm(session, pairing_id)
        if row is None:
            return _Checked(Outcome.NOT_FOUND)
        if by not in (row.mentor_id, row.mentee_id):
            return _Checked(Outcome.NOT_YOURS)
        other = row.mentee_id if by == row.mentor_id else row.mentor_id
        if row.status is PairingStatus.ENDED:
            return _Checked(Outcome.ENDED, other)
        if row.status is PairingStatus.PAUSED and not paused_ok:
            return _Checked(Outcome.NOT_ACTIVE, other)
        return _Checked(Outcome.DONE, other, pair_clock(row))


def asked_now(period: int, pair: PairClock) -> bool:
    """The period under way, or the one before: its question comes two working days before it ends, so it
    is often answered (or put off) once the next period has begun. Any other period's question is stale."""
    return pair.period - 1 <= period <= pair.period


@dataclass(frozen=True)
class _Checked:
    outcome: Outcome
    other: str = ""
    pair: PairClock | None = None

    @property
    def answer(self) -> Answer:
        return Answer(self.outcome, self.other)


def _view(
    rhythm: Rhythm, mentor_id: str, mentee_id: str, user_id: str, status: PairingStatus, upcoming: datetime | None
) -> RhythmView:
    i_mentor = mentor_id == user_id
    return RhythmView(
        pairing_id=rhythm.pairing_id,
        other_id=mentee_id if i_mentor else mentor_id,
        i_mentor=i_mentor,
        status=status,
        cadence=Cadence(rhythm.cadence),
        period=rhythm.period,
        last_checkin_on=rhythm.last_checkin_on,
        next_prompt_at=upcoming if status is PairingStatus.ACTIVE else None,
        paused_until=rhythm.paused_until if status is PairingStatus.PAUSED else None,
        stalled=rhythm.stalled_at is not None,
    )


def rhythm_starts(cadence: Cadence) -> OnStart:
    """A new pairing's check-in rhythm begins, at `cadence` (either of them may change it later)."""

    def start(session: Session, news: News, started: Started) -> None:
        start_rhythm(session, started.pairing_id, cadence.value, started.today, started.now)

    return start
