"""Pairings: what a person is part of, and (with the handshake) how a request becomes a pairing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot import handshake
from bot.checkins.rules import WorkingDays, request_expires_at, zone_of
from bot.delivery.letters import News, Request
from bot.eligibility import Ineligible, mentee_eligibility
from bot.lifecycle import Lifecycle, Started
from bot.profiles import ProfileData, ProfileService
from bot.text import clip
from storage.matching import open_mentor, taken_slots
from storage.models import Pairing, PairingRequest, PairingStatus
from storage.models import RequestStatus as RequestStatus  # a request's state, for handlers: through the domain
from storage.pairings import (
    add_request,
    close_request,
    ever_paired,
    get_pairing,
    get_request,
    has_mentor,
    has_pending_request,
    hold_profile,
    pairings_of,
    pending_requests_of,
    remember_request_message,
    start_pairing,
    withdraw_pending_requests,
)
from storage.people import DEFAULT_ZONE, get_person
from storage.profiles import get_profile
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class PairingView:
    """A pairing seen from one side: who the other person is, and whether I mentor them."""

    pairing_id: int
    other_id: str
    i_mentor: bool
    status: PairingStatus
    since: datetime

    @property
    def active(self) -> bool:
        return self.status is PairingStatus.ACTIVE


@dataclass(frozen=True)
class RequestView:
    request_id: int
    other_id: str
    i_mentor: bool  # True: someone asked me; False: I asked them
    sent_at: datetime


@dataclass(frozen=True)
class Overview:
    profile: ProfileData | None
    pairings: tuple[PairingView, ...]
    requests: tuple[RequestView, ...]
    free_slots: int

    @property
    def has_mentor(self) -> bool:
        return any(not pairing.i_mentor and pairing.status is not PairingStatus.ENDED for pairing in self.pairings)


MAX_NOTE = 300  # a note, not a letter: what the mentor reads before deciding
MAX_REASON = 500


class Asked(StrEnum):
    """What became of a mentee asking a mentor (who may ask at all is bot.eligibility's rule)."""

    SENT = "sent"
    ALREADY_PENDING = "already_pending"
    NOT_AVAILABLE = "not_available"  # paused, full, gone, declined them, paired before, or not a mentor


class Answered(StrEnum):
    """What became of a mentor's answer."""

    OPEN = "open"  # still waiting for this person's answer (before they give it)
    DONE = "done"  # answered now, by this call
    NO_ROOM = "no_room"  # the last slot went to another mentee a moment before
    CLOSED = "closed"  # answered, withdrawn or expired before: nothing changed
    NOT_YOURS = "not_yours"
    NOT_FOUND = "not_found"


@dataclass(frozen=True)
class RequestInfo:
    request_id: int
    mentee_id: str
    mentor_id: str
    status: RequestStatus
    note: str
    dm_channel: str
    dm_ts: str

    @classmethod
    def of(cls, row: PairingRequest) -> RequestInfo:
        return cls(
            row.id or 0, row.mentee_id, row.mentor_id, RequestStatus(row.status), row.note, row.dm_channel, row.dm_ts
        )


@dataclass(frozen=True)
class AskResult:
    asked: Asked | Ineligible
    request: RequestInfo | None = None
    mentee: ProfileData | None = None


@dataclass(frozen=True)
class AnswerResult:
    answered: Answered
    request: RequestInfo | None = None
    pairing_id: int | None = None
    withdrawn: tuple[RequestInfo, ...] = ()  # the mentee's requests to others, closed by this pairing


class PairingService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        profiles: ProfileService,
        clock: Callable[[], datetime],
        lifecycle: Lifecycle,
        working_days: WorkingDays | None = None,
    ):
        self._uow = uow
        self._profiles = profiles
        self._clock = clock
        self._lifecycle = lifecycle  # what starts with a pairing (its rhythm, its evaluations) subscribes there
        self._working_days = working_days or WorkingDays()  # a request waits three of the mentor's

    def ask(self, mentee_id: str, mentor_id: str, note: str) -> AskResult:
        """A pending request from mentee to mentor, if the mentee may ask and the mentor be asked now."""
        with self._uow() as uow:
            hold_profile(uow.session, mentee_id)  # first: an ask and an accept for this mentee take turns
            mentee = mentee_eligibility(uow.session, mentee_id)
            if isinstance(mentee, Ineligible):
                return AskResult(mentee)
            if has_pending_request(uow.session, mentee_id, mentor_id):
                return AskResult(Asked.ALREADY_PENDING, mentee=mentee)
            if open_mentor(uow.session, mentee_id, mentor_id) is None:
                return AskResult(Asked.NOT_AVAILABLE, mentee=mentee)
            now = self._clock()
            try:
                expires_at = self._expires_at(uow.session, mentor_id, now)
                row = add_request(uow.session, mentee_id, mentor_id, clip(note.strip(), MAX_NOTE), now, expires_at)
                handshake.asked(News(uow.session, now), _ids(row))
                uow.commit()
            except IntegrityError:  # the same request, sent twice at once: the other one stands
                return AskResult(Asked.ALREADY_PENDING, mentee=mentee)
            return AskResult(Asked.SENT, RequestInfo.of(row), mentee)

    def _expires_at(self, session: Session, mentor_id: str, now: datetime) -> datetime:
        """Three working days on the mentor's own clock (UTC for someone Slack never told us about)."""
        mentor = get_person(session, mentor_id)
        return request_expires_at(now, zone_of(mentor.tz if mentor else DEFAULT_ZONE), self._working_days)

    def record_copy_location(self, request_id: int, clicked_by: str, channel: str, ts: str) -> None:
        """A click on the mentor's copy shows where it is (when its delivery was never confirmed).

        Recorded only when the mentor clicked, and only if not known yet: the first place learnt stands.
        """
        with self._uow() as uow:
            remember_request_message(uow.session, request_id, clicked_by, channel, ts)
            uow.commit()

    def accept(self, request_id: int, by: str) -> AnswerResult:
        """Pair them, exactly once, while the mentor has a place and the mentee no mentor yet."""
        now = self._clock()
        with self._uow() as uow:
            first_look = _check_answer(get_request(uow.session, request_id), by)
            if first_look.answered is not Answered.OPEN or first_look.request is None:
                return first_look
            # Both people, always in the same order: concurrent answers take turns instead of deadlocking.
            for user_id in sorted({first_look.request.mentor_id, first_look.request.mentee_id}):
                hold_profile(uow.session, user_id)
            uow.session.expire_all()  # what others committed while we waited
            row = get_request(uow.session, request_id)
            checked = _check_answer(row, by)
            if checked.answered is not Answered.OPEN or row is None or checked.request is None:
                return checked
            status = _outcome_of_accepting(uow.session, row)
            if not close_request(uow.session, request_id, status, now):
                return AnswerResult(Answered.CLOSED, self._reread(uow, request_id))
            pairing = start_pairing(uow.session, row, now) if status is RequestStatus.ACCEPTED else None
            withdrawn = withdraw_pending_requests(uow.session, row.mentee_id, now) if pairing else []
            news = News(uow.session, now)
            if pairing is not None:
                started = Started(
                    pairing.id or 0, row.mentor_id, row.mentee_id, now.date(), now, request_id, bool(withdrawn)
                )
                self._lifecycle.started(uow.session, news, started)  # what follows a start, and its news
                handshake.accepted(news, _ids(row), [_ids(other) for other in withdrawn])
            elif status is RequestStatus.NO_ROOM:
                handshake.no_room(news, _ids(row))
            uow.commit()
        request = replace(checked.request, status=status)
        if pairing is None:
            return AnswerResult(Answered.NO_ROOM if status is RequestStatus.NO_ROOM else Answered.CLOSED, request)
        others = tuple(replace(RequestInfo.of(r), status=RequestStatus.WITHDRAWN) for r in withdrawn)
        return AnswerResult(Answered.DONE, request, pairing.id, others)

    def decline(self, request_id: int, by: str, reason: str) -> AnswerResult:
        return self._close(request_id, by, RequestStatus.DECLINED, clip(reason.strip(), MAX_REASON))

    def withdraw(self, request_id: int, by: str) -> AnswerResult:
        """The mentee takes their request back, while it still waits for an answer."""
        return self._close(request_id, by, RequestStatus.WITHDRAWN)

    def _close(self, request_id: int, by: str, status: RequestStatus, reason: str = "") -> AnswerResult:
        """Close a waiting request: a decline by its mentor, a withdrawal by its mentee."""
        by_mentee = status is RequestStatus.WITHDRAWN
        now = self._clock()
        with self._uow() as uow:
            row = get_request(uow.session, request_id)
            checked = _check_answer(row, by, by_mentee=by_mentee)
            if checked.answered is not Answered.OPEN or checked.request is None or row is None:
                return checked
            if not close_request(uow.session, request_id, status, now, reason):
                return AnswerResult(Answered.CLOSED, self._reread(uow, request_id))
            tell = handshake.withdrawn if by_mentee else handshake.declined
            tell(News(uow.session, now), _ids(row))
            uow.commit()
            return AnswerResult(Answered.DONE, replace(checked.request, status=status))

    def request_info(self, request_id: int) -> RequestInfo | None:
        with self._uow() as uow:
            row = get_request(uow.session, request_id)
            return RequestInfo.of(row) if row is not None else None

    def channel_of(self, pairing_id: int) -> str:
        """The pair's group DM, once the introduction went there ("" before)."""
        with self._uow() as uow:
            pairing = get_pairing(uow.session, pairing_id)
            return pairing.channel_id if pairing is not None else ""

    def check_answer(self, request_id: int, by: str) -> AnswerResult:
        """OPEN when `by` may still answer this request (before showing them the decline dialog)."""
        with self._uow() as uow:
            return _check_answer(get_request(uow.session, request_id), by)

    def _reread(self, uow: UnitOfWork, request_id: int) -> RequestInfo | None:
        uow.session.expire_all()
        row = get_request(uow.session, request_id)
        return RequestInfo.of(row) if row is not None else None

    def overview(self, user_id: str) -> Overview:
        profile = self._profiles.get(user_id)
        with self._uow() as uow:
            pairings = tuple(_pairing_view(p, user_id) for p in pairings_of(uow.session, user_id))
            requests = tuple(_request_view(r, user_id) for r in pending_requests_of(uow.session, user_id))
            taken = taken_slots(uow.session, user_id)
        free = max(profile.capacity - taken, 0) if profile is not None and profile.role.mentors else 0
        return Overview(profile, pairings, requests, free)


def withdraw_requests_of_leaver(session: Session, news: News, user_id: str, now: datetime) -> int:
    """Someone left (a subscriber of bot.departures): their requests waiting for an answer are withdrawn, the other
    side told; how many."""
    withdrawn = 0
    for request in pending_requests_of(session, user_id):
        if close_request(session, request.id or 0, RequestStatus.WITHDRAWN, now):
            handshake.left(news, _ids(request), user_id)
            withdrawn += 1
    return withdrawn


def _pairing_view(pairing: Pairing, user_id: str) -> PairingView:
    i_mentor = pairing.mentor_id == user_id
    other = pairing.mentee_id if i_mentor else pairing.mentor_id
    return PairingView(pairing.id or 0, other, i_mentor, PairingStatus(pairing.status), pairing.started_at)


def _request_view(request: PairingRequest, user_id: str) -> RequestView:
    i_mentor = request.mentor_id == user_id
    other = request.mentee_id if i_mentor else request.mentor_id
    return RequestView(request.id or 0, other, i_mentor, request.created_at)


def _outcome_of_accepting(session: Session, request: PairingRequest) -> RequestStatus:
    """Accepted, unless the mentor's places are full, or the mentee has a mentor (or this one) already."""
    if has_mentor(session, request.mentee_id) or ever_paired(session, request.mentor_id, request.mentee_id):
        return RequestStatus.WITHDRAWN
    profile = get_profile(session, request.mentor_id)
    if profile is None or taken_slots(session, request.mentor_id) >= profile.capacity:
        return RequestStatus.NO_ROOM
    return RequestStatus.ACCEPTED


def _check_answer(row: PairingRequest | None, by: str, *, by_mentee: bool = False) -> AnswerResult:
    """Whether `by` may still close this request, from their side of it."""
    if row is None:
        return AnswerResult(Answered.NOT_FOUND)
    request = RequestInfo.of(row)
    if (row.mentee_id if by_mentee else row.mentor_id) != by:
        return AnswerResult(Answered.NOT_YOURS, request)
    if request.status is not RequestStatus.PENDING:
        return AnswerResult(Answered.CLOSED, request)
    return AnswerResult(Answered.OPEN, request)


def _ids(row: PairingRequest) -> Request:
    return Request(row.id or 0, row.mentee_id, row.mentor_id)
