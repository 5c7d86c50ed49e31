"""Matching rounds as use cases: HR's preview (the plan, stored as a draft round), sending it once, each person's
answer to a proposal (both accept: the pairing starts as an accepted request's does), and expiry by the tick."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import handshake
from bot.audit.trail import record_in
from bot.checkins.rules import WorkingDays, request_expires_at, zone_of
from bot.delivery.letters import News, Notice, Request, phrase_from_json, phrase_to_json
from bot.delivery.outbox import enqueue_all
from bot.eligibility import Ineligible, eligibility_of
from bot.i18n import Phrase, Who, language_for_locale
from bot.lifecycle import Lifecycle, Started
from bot.matching import Mentee
from bot.pool.cache import PoolCache
from bot.pool.snapshot import build_pool
from bot.rounds.kinds import PROPOSING, Proposed, proposal_key
from bot.rounds.plan import Plan, plan_round
from bot.runtime.settings import Settings
from bot.welcomes.rules import is_newcomer
from storage.digest import every_waiting_mentee
from storage.matching import excluded_mentors, taken_slots
from storage.models import ProposalStatus, RoundProposal
from storage.pairings import ever_paired, has_mentor, hold_profile, start_pairing, withdraw_pending_requests
from storage.pool import MentorRow, full_mentor_rows, open_mentor_rows
from storage.profiles import get_profile
from storage.rounds import (
    add_accepted_request,
    add_proposals,
    add_round,
    answer_proposal,
    close_proposal,
    draft_proposals,
    drop_proposals,
    due_proposals,
    forget_unsent_rounds,
    get_proposal,
    get_round,
    mark_round_sent,
    mentee_rows,
    mentees_in_open_proposals,
    open_proposals,
    open_proposals_of,
    promised_places,
    proposed_before,
    remember_request,
)
from storage.uow import UnitOfWork

log = logging.getLogger(__name__)

ACCEPTED = "accepted"
PROPOSALS_PER_COMMIT = 100
# A preview not sent within this is deleted with its draft pairs (who would have been proposed to whom): HR
# previews again, with the people waiting by then.
UNSENT_KEPT = timedelta(days=7)


@dataclass(frozen=True)
class Preview:
    round_id: int
    area: str
    plan: Plan
    mentees: int  # the cohort: mentees waiting now (in the area)
    mentors: int  # mentors with a place left


class SendOutcome(StrEnum):
    SENT = "sent"
    ALREADY = "already"  # another click sent this round first
    NOT_FOUND = "not_found"
    BUSY = "busy"  # another round was being sent at the same moment: nothing sent, try again


@dataclass(frozen=True)
class Sent:
    outcome: SendOutcome
    sent: int = 0
    dropped: tuple[tuple[str, str], ...] = ()  # (mentee, mentor) no longer valid when sent


class ProposalAnswer(StrEnum):
    WAITING = "waiting"  # accepted: the other hasn't answered yet
    STARTED = "started"  # both accepted: the pairing started
    DECLINED = "declined"  # declined now: both are free for the next round
    NO_ROOM = "no_room"  # both accepted, but one of them was paired meanwhile, or the mentor's places are full
    ALREADY = "already"  # this person answered before
    CLOSED = "closed"  # declined by the other, expired or dropped before
    NOT_YOURS = "not_yours"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class ProposalView:
    """A proposal as the DM shows it to one of the two."""

    proposal_id: int
    mentee_id: str
    mentor_id: str
    reasons: tuple[Phrase, ...]
    open: bool
    expires_at: datetime | None

    def other(self, user_id: str) -> str:
        return self.mentor_id if user_id == self.mentee_id else self.mentee_id


class RoundService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Callable[[], datetime],
        settings: Settings,
        lifecycle: Lifecycle,
        pool: PoolCache,
        working_days: WorkingDays | None = None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._settings = settings
        self._lifecycle = lifecycle
        self._pool = pool  # the mentors as `/mentor find` scores them (bot.pool)
        self._working_days = working_days or WorkingDays()

    def working_in(self, uow: Callable[[], UnitOfWork]) -> RoundService:
        """The same service in other units of work (the tick's, which wait their turn)."""
        return RoundService(uow, self._clock, self._settings, self._lifecycle, self._pool, self._working_days)

    # -- HR's preview and sending ----------------------------------------------------------------------

    def preview(self, by: str, area: str = "") -> Preview:
        """The round as it would be now, stored as a draft (what "Send the proposals" sends) and audited.

        Read in one unit of work, solved outside any, written in a short one: nobody waits on a lock while a big
        round is solved. What changes in between is caught when it is sent (`send` checks every pair again).
        """
        now = self._clock()
        on = now.date()
        with self._uow() as uow:
            session = uow.session
            mentees = self._cohort(session, area, now)
            pool = self._pool.current(session, on)
            full = build_pool(full_mentor_rows(session), self._pool.synonyms, self._settings.working_hours, on, 0)
            ids = [mentee.user_id for mentee in mentees]
            excluded = excluded_mentors(session, ids)
            for mentee_id, mentors in proposed_before(session, ids).items():
                excluded[mentee_id] |= mentors
            promised = promised_places(session)
        plan = plan_round(pool, mentees, promised, excluded, full)
        with self._uow() as uow:
            match_round = add_round(uow.session, area, by, now, plan.total, plan.greedy_total)
            round_id = match_round.id or 0
            add_proposals(
                uow.session,
                round_id,
                [(p.mentee_id, p.mentor_id, p.score, _reasons_json(p.reasons)) for p in plan.pairs],
            )
            record_in(uow.session, now, by, "round.preview", f"{round_id}: {len(plan.pairs)} pairs")
            uow.commit()
        return Preview(round_id, area, plan, len(mentees), plan.mentors_with_room)

    def _cohort(self, session: Session, area: str, now: datetime) -> list[Mentee]:
        """The mentees waiting now, the longest first: eligible as for `/mentor find` (one rule), in the area if
        given, and in no open proposal."""
        proposed = mentees_in_open_proposals(session)
        waiting = [user_id for user_id, _ in every_waiting_mentee(session) if user_id not in proposed]
        rows = mentee_rows(session, waiting)
        in_area = [
            user_id for user_id in waiting if user_id in rows and (not area or rows[user_id].function_area == area)
        ]
        eligible = eligibility_of(session, in_area)
        synonyms = self._pool.synonyms
        cohort = []
        for user_id in in_area:
            row = rows[user_id]
            if isinstance(eligible[user_id], Ineligible):
                continue
            language, topics = language_for_locale(row.locale), synonyms.topics(row.goals)
            cohort.append(Mentee(user_id, row.function_area, topics, language, row.tz, is_newcomer(row.joined_at, now)))
        return cohort

    def send(self, round_id: int, by: str) -> Sent:
        """The round's proposals, once (whoever clicks, however often): each still valid asked of both through the
        outbox; those no longer valid (someone paired, full, gone, or proposed by another round) dropped."""
        now = self._clock()
        try:
            with self._uow() as uow:
                session = uow.session
                if get_round(session, round_id) is None:
                    return Sent(SendOutcome.NOT_FOUND)
                if not mark_round_sent(session, round_id, now):
                    return Sent(SendOutcome.ALREADY)
                drafts = draft_proposals(session, round_id)
                still_valid = self._still_valid(session, drafts)
                opened, dropped, letters = [], [], []
                for proposal, mentor in zip(drafts, still_valid, strict=True):
                    proposal_id = proposal.id or 0
                    if mentor is None:
                        dropped.append(proposal)
                        continue
                    opened.append((proposal_id, request_expires_at(now, zone_of(mentor.tz), self._working_days)))
                    for user_id in (proposal.mentee_id, proposal.mentor_id):
                        key = proposal_key(proposal_id, user_id)
                        letters.append(PROPOSING.letter(user_id, Proposed(proposal_id), unique_key=key))
                open_proposals(session, opened)
                drop_proposals(session, [proposal.id or 0 for proposal in dropped], now)
                enqueue_all(session, letters, now)
                record_in(session, now, by, "round.send", f"{round_id}: {len(opened)} sent, {len(dropped)} dropped")
                uow.commit()
        except IntegrityError:  # another round proposed one of these mentees a moment ago: HR sends again
            log.info("a round's sending met another's at the same moment; nothing was sent")
            return Sent(SendOutcome.BUSY)
        return Sent(SendOutcome.SENT, len(opened), tuple((p.mentee_id, p.mentor_id) for p in dropped))

    def _still_valid(self, session: Session, drafts: Sequence[RoundProposal]) -> list[MentorRow | None]:
        """Each draft's mentor if the pair may still be proposed now: the mentee still eligible (find's rule) and in
        no open proposal, the mentor still in the pool with a place not promised, and nothing ruling the two out."""
        mentee_ids = [proposal.mentee_id for proposal in drafts]
        proposed = mentees_in_open_proposals(session)
        promised = dict(promised_places(session))
        excluded = excluded_mentors(session, mentee_ids)
        for mentee_id, mentors in proposed_before(session, mentee_ids).items():
            excluded[mentee_id] |= mentors
        still_here = mentee_rows(session, mentee_ids)
        eligible = eligibility_of(session, mentee_ids)
        pool = {row.user_id: row for row in open_mentor_rows(session)}
        valid: list[MentorRow | None] = []
        for proposal in drafts:
            mentee, mentor = proposal.mentee_id, pool.get(proposal.mentor_id)
            ok = (
                mentor is not None
                and mentee in still_here
                and mentee not in proposed
                and mentor.user_id not in excluded.get(mentee, ())
                and mentor.taken + promised.get(mentor.user_id, 0) < mentor.capacity
                and not isinstance(eligible[mentee], Ineligible)
            )
            if ok and mentor is not None:
                proposed.add(mentee)
                promised[mentor.user_id] = promised.get(mentor.user_id, 0) + 1
            valid.append(mentor if ok else None)
        return valid

    # -- the two people's answers --------------------------------------------------------------------------

    def view(self, proposal_id: int) -> ProposalView | None:
        with self._uow() as uow:
            row = get_proposal(uow.session, proposal_id)
            return _view(row) if row is not None else None

    def answer(self, proposal_id: int, by: str, accept: bool) -> tuple[ProposalAnswer, ProposalView | None]:
        """One side's answer; when both accepted, the pairing starts exactly as an accepted request's does."""
        now = self._clock()
        with self._uow() as uow:
            session = uow.session
            first = get_proposal(session, proposal_id)
            if first is None:
                return ProposalAnswer.NOT_FOUND, None
            if by not in (first.mentee_id, first.mentor_id):
                return ProposalAnswer.NOT_YOURS, None
            for user_id in sorted({first.mentee_id, first.mentor_id}):  # answers for these two take turns
                hold_profile(session, user_id)
            session.expire_all()
            row = get_proposal(session, proposal_id)
            if row is None:
                return ProposalAnswer.NOT_FOUND, None
            view = _view(row)
            if row.status != ProposalStatus.OPEN.value:
                return ProposalAnswer.CLOSED, view
            side = "mentee" if by == row.mentee_id else "mentor"
            news = News(session, now)
            if not accept:
                if not close_proposal(session, proposal_id, ProposalStatus.DECLINED, now):
                    return ProposalAnswer.CLOSED, view
                other = view.other(by)
                news.tell(
                    other, Notice("round.declined.other", {"other": Who(by)}), mentors=int(other == row.mentee_id)
                )
                news.refresh(by, other)
                uow.commit()
                return ProposalAnswer.DECLINED, view
            if not answer_proposal(session, proposal_id, side, ACCEPTED, now):
                return ProposalAnswer.ALREADY, view
            session.expire_all()
            row = get_proposal(session, proposal_id)
            if row is None or not (row.mentee_answer == ACCEPTED and row.mentor_answer == ACCEPTED):
                news.tell(view.other(by), Notice("round.accepted.other", {"other": Who(by)}))
                uow.commit()
                return ProposalAnswer.WAITING, view
            answer = self._start(session, news, row, now)
            uow.commit()
            return answer, view

    def _start(self, session: Session, news: News, row: RoundProposal, now: datetime) -> ProposalAnswer:
        mentee, mentor = row.mentee_id, row.mentor_id
        profile = get_profile(session, mentor)
        full = profile is None or taken_slots(session, mentor) >= profile.capacity
        if has_mentor(session, mentee) or ever_paired(session, mentor, mentee) or full:
            close_proposal(session, row.id or 0, ProposalStatus.DROPPED, now)
            for user, other in ((mentee, mentor), (mentor, mentee)):
                news.tell(user, Notice("round.no_room", {"other": Who(other)}), mentors=int(user == mentee))
            news.refresh(mentee, mentor)
            return ProposalAnswer.NO_ROOM
        close_proposal(session, row.id or 0, ProposalStatus.ACCEPTED, now)
        request = add_accepted_request(session, mentee, mentor, now)
        remember_request(session, row.id or 0, request.id or 0)
        withdrawn = withdraw_pending_requests(session, mentee, now)
        pairing = start_pairing(session, request, now)
        started = Started(pairing.id or 0, mentor, mentee, now.date(), now, request.id or 0, bool(withdrawn))
        self._lifecycle.started(session, news, started)  # the rhythm, the evaluations, then the introduction
        ids = Request(request.id or 0, mentee, mentor)
        handshake.accepted(news, ids, [Request(r.id or 0, r.mentee_id, r.mentor_id) for r in withdrawn])
        return ProposalAnswer.STARTED

    # -- expiry, by the tick -------------------------------------------------------------------------------

    def forget_unsent(self) -> int:
        """Run by the tick: previews older than UNSENT_KEPT that nobody sent, deleted; how many."""
        with self._uow() as uow:
            forgotten = forget_unsent_rounds(uow.session, self._clock() - UNSENT_KEPT)
            uow.commit()
        if forgotten:
            log.info("%s matching round previews deleted, unsent after %s days", forgotten, UNSENT_KEPT.days)
        return forgotten

    def expire_due(self) -> int:
        """Open proposals whose three working days ran out: closed, both told and free for the next round."""
        total = 0
        while True:
            now = self._clock()
            with self._uow() as uow:
                due = due_proposals(uow.session, now, PROPOSALS_PER_COMMIT)
                news = News(uow.session, now)
                expired = 0
                for row in due:
                    if close_proposal(uow.session, row.id or 0, ProposalStatus.EXPIRED, now):
                        expired += 1
                        for user, other in ((row.mentee_id, row.mentor_id), (row.mentor_id, row.mentee_id)):
                            notice = Notice("round.expired", {"other": Who(other)})
                            news.tell(user, notice, mentors=int(user == row.mentee_id))
                        news.refresh(row.mentee_id, row.mentor_id)
                uow.commit()
            total += expired
            if len(due) < PROPOSALS_PER_COMMIT:
                break
        if total:
            log.info("%s round proposals expired unanswered", total)
        return total


def drop_proposals_on_start(session: Session, news: News, started: Started) -> None:
    """A pairing started for a mentee (a request accepted, or another way): their open proposal is moot, dropped,
    and its mentor told (a subscriber of bot.lifecycle's start)."""
    for row in open_proposals_of(session, started.mentee_id):
        if row.mentee_id == started.mentee_id and close_proposal(
            session, row.id or 0, ProposalStatus.DROPPED, started.now
        ):
            news.tell(row.mentor_id, Notice("round.no_room", {"other": Who(row.mentee_id)}))
            news.refresh(row.mentor_id)


def withdraw_proposals_of_leaver(session: Session, news: News, user_id: str, now: datetime) -> int:
    """Someone left (a subscriber of bot.departures): their open proposals are dropped, the other told and free for
    the next round; how many."""
    dropped = 0
    for row in open_proposals_of(session, user_id):
        if close_proposal(session, row.id or 0, ProposalStatus.DROPPED, now):
            other = row.mentor_id if user_id == row.mentee_id else row.mentee_id
            news.tell(other, Notice("round.no_room", {"other": Who(user_id)}), mentors=int(other == row.mentee_id))
            news.refresh(other)
            dropped += 1
    return dropped


def _reasons_json(reasons: Sequence[Phrase]) -> str:
    return json.dumps([phrase_to_json(reason) for reason in reasons])


def _view(row: RoundProposal) -> ProposalView:
    reasons = tuple(phrase_from_json(reason) for reason in json.loads(row.reasons or "[]"))
    is_open = row.status == ProposalStatus.OPEN.value
    return ProposalView(row.id or 0, row.mentee_id, row.mentor_id, reasons, is_open, row.expires_at)
