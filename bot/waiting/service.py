"""Telling waiting mentees when a fitting mentor has room: found by the tick, sent through the outbox.

The tick (`look`) reads which mentors changed since its watermark: a profile saved (new, more places,
available again, new skills) or a pairing ended (a place freed). It scores those who may be suggested to each
waiting mentee not told yet this week (storage.matching's rule, as find; bot.matching.score, the reference
scorer, with find's synonyms) and writes, in one unit of work with the watermark's move, one
outbox row per mentee for the best fitting one, keyed `waiting:<mentee>:<ISO week>`: any number of replicas
write it once, and a crash before the commit leaves the window to the next tick. Who was told about whom is
kept, so nobody hears about the same mentor twice.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.checkins.rules import Schedule, zone_of
from bot.delivery.outbox import enqueue_all
from bot.eligibility import Ineligible, mentee_eligibility
from bot.i18n import language_for_locale
from bot.matching import Mentee, Suggestion, score
from bot.people import PeopleService
from bot.pool.snapshot import mentor_of
from bot.runtime.settings import Settings
from bot.suggestions import mentee_of
from bot.synonyms.table import Synonyms
from bot.waiting.kinds import NOTICES, FittingMentor
from bot.waiting.rules import (
    LOOKBACK,
    WAITING_FOR,
    best_fit,
    deliver_at,
    fits,
    iso_week,
    key_around,
    waiting_since,
    week_key,
)
from bot.welcomes.rules import is_newcomer
from storage.matching import excluded_mentors, open_mentor
from storage.people import get_person, joined_at
from storage.pool import open_mentor_rows
from storage.rounds import open_proposals_of
from storage.uow import UnitOfWork
from storage.waiting import (
    WaitingRow,
    advance_watermark,
    has_pending_request,
    mentors_changed_since,
    opt_in,
    opt_out,
    opted_out,
    read_watermark,
    record_told,
    start_watermark,
    told_about,
    waiting_mentees,
)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Looked:
    """What one look found: how many mentors changed, how many mentees were told (counts only)."""

    mentors: int = 0
    told: int = 0
    took_the_window: bool = True  # False: another process was looking at the same moment


class NotNow(StrEnum):
    """Why a notice is not sent after all, found when it goes out."""

    # Short: the row's `error` (64 characters) keeps it, and `mentorbot outbox status` shows it.
    GONE = "the mentee left or is no longer a mentee"
    OPTED_OUT = "the mentee stopped these notices"
    NOT_WAITING = "the mentee has a mentor or a request out"
    MENTOR_CLOSED = "that mentor may not be asked by them now"
    NO_FIT = "that mentor no longer fits them"


class WaitingNotices:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        people: PeopleService,
        settings: Settings,
        clock: Callable[[], datetime],
        synonyms: Synonyms,
        schedule: Schedule,
    ) -> None:
        self._uow = uow
        self._people = people
        self._settings = settings
        self._clock = clock
        self._synonyms = synonyms  # the table the bot runs with (SYNONYMS_FILE): find's, so the fit is find's
        self._schedule = schedule  # working days and hours: when a notice may arrive

    def look(self) -> Looked:
        """The tick's look: mentors changed since the last look, against every waiting mentee."""
        now = self._clock()
        with self._uow() as uow:
            session = uow.session
            seen = read_watermark(session)
            if seen is None:  # the first look ever: from a moment ago, not from the programme's start
                if not start_watermark(session, now):
                    return Looked(took_the_window=False)
                since = now
            elif not advance_watermark(session, seen, now):
                return Looked(took_the_window=False)
            else:
                since = seen
            changed = mentors_changed_since(session, since - LOOKBACK)
            told = self._tell_waiting(uow, changed, now) if changed else []
            uow.commit()
        if told:
            log.info("waiting mentees: %d told of a fitting mentor (%d mentors changed)", len(told), len(changed))
        return Looked(len(changed), len(told))

    def _tell_waiting(self, uow: UnitOfWork, changed: dict[str, datetime], now: datetime) -> list[tuple[str, str]]:
        session, week = uow.session, iso_week(now)
        waiting = waiting_mentees(session, now - WAITING_FOR, key_around(week))
        if not waiting:
            return []
        # The changed mentors who could take a mentee now (the pool's rule), read as find's pool reads them.
        mentors = [
            mentor_of(row, self._synonyms) for mentor_id in changed for row in open_mentor_rows(session, mentor_id)
        ]
        excluded = excluded_mentors(session, [m.user_id for m in waiting])  # find's rule, for all of them at once
        told_before = told_about(session, [m.user_id for m in waiting], changed)
        hours, on = self._settings.working_hours, now.date()
        told: list[tuple[str, str]] = []
        due: dict[str, datetime] = {}
        for row in waiting:
            since = waiting_since(row.created_at, row.pairing_ended, row.request_answered)
            news = [
                mentor
                for mentor in mentors
                if changed[mentor.user_id] > since
                and mentor.user_id not in excluded[row.user_id]
                and (row.user_id, mentor.user_id) not in told_before
            ]
            best = best_fit(self._mentee(row), news, hours, on) if news else None  # most have no news: not read
            if best is not None:
                told.append((row.user_id, best.mentor.user_id))
                due[row.user_id] = deliver_at(now, zone_of(row.tz), self._schedule)
        letters = [
            NOTICES.letter(mentee, FittingMentor(mentor), unique_key=week_key(mentee, week), due_at=due[mentee])
            for mentee, mentor in told
        ]
        enqueue_all(session, letters, now)
        record_told(session, told, now)
        return told

    def _mentee(self, row: WaitingRow) -> Mentee:
        """As find sees them, but for the newcomer term (it ranks; it never makes a mentor fit)."""
        language = language_for_locale(row.locale)
        return Mentee(row.user_id, row.function_area, self._synonyms.topics(row.goals), language, row.tz)

    def to_send(self, mentee_id: str, mentor_id: str) -> Suggestion | NotNow:
        """At send time: the mentor with the reasons they fit now, if the mentee still waits and may ask them."""
        me, now = self._people.cached(mentee_id), self._clock()
        with self._uow() as uow:
            session = uow.session
            person = get_person(session, mentee_id)
            profile = mentee_eligibility(session, mentee_id)
            if person is not None and person.gone:
                return NotNow.GONE
            if isinstance(profile, Ineligible):
                return NotNow.NOT_WAITING if profile is Ineligible.HAS_MENTOR else NotNow.GONE
            if opted_out(session, mentee_id):
                return NotNow.OPTED_OUT
            if has_pending_request(session, mentee_id):
                return NotNow.NOT_WAITING
            if any(p.mentee_id == mentee_id for p in open_proposals_of(session, mentee_id)):
                return NotNow.NOT_WAITING  # a matching round is asking for them (bot.rounds)
            row = open_mentor(session, mentee_id, mentor_id)
            newcomer = is_newcomer(joined_at(session, mentee_id), now)
        if row is None:
            return NotNow.MENTOR_CLOSED
        mentee = mentee_of(mentee_id, profile, me, self._synonyms, newcomer)
        suggestion = score(mentee, mentor_of(row, self._synonyms), self._settings.working_hours, now.date())
        return suggestion if fits(suggestion) else NotNow.NO_FIT

    def stop(self, user_id: str) -> None:
        """Their "Don't tell me about new mentors": kept until they turn it back on or delete their data."""
        with self._uow() as uow:
            opt_out(uow.session, user_id, self._clock())
            uow.commit()

    def resume(self, user_id: str) -> None:
        with self._uow() as uow:
            opt_in(uow.session, user_id)
            uow.commit()
