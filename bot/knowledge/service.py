"""Knowledge sessions: a mentor offers one, people take its seats or wait for one, the host may cancel it.

Every change to a session's seats takes the session's row lock first (storage/knowledge.py), then decides from
what is committed: two clicks for the last seat at one instant are taken in turn, and exactly one gets it;
the other is put on the waiting list and told so. A seat is one row per session and person (a unique
constraint), so a double click never takes two. What the change means to others (the announcement updated,
an invite, the first on the waiting list told) is written to the outbox in the same transaction.

Someone who leaves the company or erases their data gives up their seats, and their sessions to come are
cancelled, by the same steps (`give_up_seats_of_leaver`): nobody keeps a seat that no one will sit in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.delivery.letters import News as Letters
from bot.delivery.outbox import Letter, enqueue, enqueue_all
from bot.knowledge.kinds import (
    ANNOUNCING,
    INVITING,
    TELLING,
    UPDATING,
    News,
    SessionChange,
    SessionNews,
    SessionRef,
    news_key,
    order_key,
)
from bot.knowledge.rules import REMIND_BEFORE, SEATS_KEPT, Field, OfferForm, can_join, check_offer, reminder_window
from bot.profiles import ProfileService
from storage.knowledge import (
    add_knowledge_session,
    add_seat,
    attendees_to_remind,
    cancel_knowledge_session,
    first_waiting,
    forget_seats_of_sessions_before,
    free_seat,
    get_knowledge_session,
    lock_knowledge_session,
    next_start_after,
    promote,
    record_announcement,
    remove_seat,
    seat_of,
    seats_of_session,
    sessions_joined,
    take_seat_if_free,
    upcoming_sessions,
    upcoming_sessions_of,
    waiting_count,
    waiting_place,
)
from storage.models import KnowledgeSession, SeatStatus
from storage.uow import UnitOfWork

HOME_SHOWN = 5  # sessions on the App Home, per list


@dataclass(frozen=True)
class SessionView:
    """A knowledge session as the handlers show it."""

    id: int
    host_id: str
    title: str
    learn: str
    starts_at: datetime
    minutes: int
    seats: int
    taken: int
    channel: str
    announce_ts: str
    host_tz: str
    cancelled: bool
    changes: int
    waiting: int = 0  # on the waiting list (counted only where shown: the announcement)

    @classmethod
    def of(cls, row: KnowledgeSession, waiting: int = 0) -> SessionView:
        return cls(
            row.id or 0,
            row.host_id,
            row.title,
            row.learn,
            row.starts_at,
            row.minutes,
            row.seats,
            row.taken,
            row.channel,
            row.announce_ts,
            row.host_tz,
            row.cancelled_at is not None,
            row.changes,
            waiting,
        )

    @property
    def seats_left(self) -> int:
        return max(self.seats - self.taken, 0)


@dataclass(frozen=True)
class Offered:
    session_id: int | None
    errors: dict[Field, str]


class JoinOutcome(StrEnum):
    SEATED = "seated"
    WAITING = "waiting"
    ALREADY_SEATED = "already_seated"
    ALREADY_WAITING = "already_waiting"
    HOST = "host"
    PAST = "past"
    CANCELLED = "cancelled"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Joined:
    outcome: JoinOutcome
    place: int = 0  # on the waiting list: 1 is next


class LeaveOutcome(StrEnum):
    LEFT = "left"
    LEFT_WAITING_LIST = "left_waiting_list"
    NOT_JOINED = "not_joined"
    PAST = "past"
    UNKNOWN = "unknown"


GIVEN_UP = frozenset({LeaveOutcome.LEFT, LeaveOutcome.LEFT_WAITING_LIST})  # a leave that changed something


class CancelOutcome(StrEnum):
    CANCELLED = "cancelled"
    ALREADY = "already"
    NOT_HOST = "not_host"
    PAST = "past"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Attendance:
    """Who is coming, for the host: seats and the waiting list, each in the order they joined."""

    session: SessionView
    attending: tuple[str, ...]
    waiting: tuple[str, ...]


@dataclass(frozen=True)
class HomeSessions:
    user_id: str
    upcoming: tuple[SessionView, ...] = ()
    joined: tuple[tuple[SessionView, bool], ...] = ()  # with True for a seat, False for the waiting list


class KnowledgeService:
    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        clock: Callable[[], datetime],
        profiles: ProfileService,
        can_post: Callable[[str], bool | None],
        zone_of: Callable[[str], str],
    ) -> None:
        """`can_post(channel)`: whether the bot may post there (None: Slack didn't say in time); `zone_of(user)`:
        a person's IANA zone, from the cache."""
        self._uow = uow
        self._clock = clock
        self._profiles = profiles
        self._can_post = can_post
        self._zone_of = zone_of

    # -- hosting ------------------------------------------------------------------------------------

    def may_host(self, user_id: str) -> bool:
        """Mentors (and those who both mentor and learn) host sessions."""
        profile = self._profiles.get(user_id)
        return profile is not None and profile.role.mentors

    def offer(self, host_id: str, form: OfferForm) -> Offered:
        """Check the dialog; a good offer is stored, and its announcement and the host's copy written."""
        now = self._clock()
        offer, errors = check_offer(form, now)
        if offer is not None and self._can_post(offer.channel) is False:
            errors = {Field.CHANNEL: "knowledge.error.not_in_channel"}
        if offer is None or errors:
            return Offered(None, errors)
        with self._uow() as uow:
            row = KnowledgeSession(
                host_id=host_id,
                title=offer.title,
                learn=offer.learn,
                starts_at=offer.starts_at,
                minutes=offer.minutes,
                seats=offer.seats,
                host_tz=self._zone_of(host_id),
                channel=offer.channel,
                created_at=now,
            )
            session_id = add_knowledge_session(uow.session, row)
            letters = [
                ANNOUNCING.letter(
                    offer.channel,
                    SessionRef(session_id),
                    unique_key=f"knowledge.announce:{session_id}",
                    order_key=order_key(session_id),
                ),
                _news(host_id, session_id, News.HOSTING),
            ]
            enqueue_all(uow.session, letters, now)
            uow.commit()
        return Offered(session_id, {})

    def cancel(self, session_id: int, user_id: str) -> CancelOutcome:
        """The host cancels: everyone with a seat or on the waiting list is told once, the announcement says so."""
        with self._uow() as uow:
            outcome = cancel_session(uow.session, session_id, user_id, self._clock())
            if outcome is CancelOutcome.CANCELLED:
                uow.commit()
        return outcome

    def attendance(self, session_id: int, user_id: str) -> Attendance | None:
        """Who is coming, for the host only (None for anyone else, or a session that isn't there)."""
        with self._uow() as uow:
            row = get_knowledge_session(uow.session, session_id)
            if row is None or row.host_id != user_id:
                return None
            seats = seats_of_session(uow.session, session_id)
            attending = tuple(seat.user_id for seat in seats if seat.status == SeatStatus.ATTENDING.value)
            waiting = tuple(seat.user_id for seat in seats if seat.status == SeatStatus.WAITING.value)
            return Attendance(SessionView.of(row), attending, waiting)

    # -- joining and leaving --------------------------------------------------------------------------

    def join(self, session_id: int, user_id: str) -> Joined:
        """A free seat, or else a place on the waiting list. A seat comes with an invite, and the announcement
        is updated."""
        now = self._clock()
        try:
            with self._uow() as uow:
                row = lock_knowledge_session(uow.session, session_id)
                refused = _join_refused(row, user_id, now)
                if refused is not None or row is None:
                    return Joined(refused or JoinOutcome.UNKNOWN)
                seat = seat_of(uow.session, session_id, user_id)
                if seat is not None:
                    seated = seat.status == SeatStatus.ATTENDING.value
                    return Joined(JoinOutcome.ALREADY_SEATED if seated else JoinOutcome.ALREADY_WAITING)
                if take_seat_if_free(uow.session, session_id):
                    seat_id = add_seat(uow.session, session_id, user_id, SeatStatus.ATTENDING, now)
                    enqueue_all(uow.session, [_invite(user_id, session_id, seat_id), _update(row)], now)
                    joined = Joined(JoinOutcome.SEATED)
                else:
                    seat_id = add_seat(uow.session, session_id, user_id, SeatStatus.WAITING, now)
                    joined = Joined(JoinOutcome.WAITING, waiting_place(uow.session, session_id, seat_id))
                    enqueue(uow.session, _update(row), now)  # one more on the waiting list
                uow.commit()
                return joined
        except IntegrityError:  # the same person's second click, committed in between: one seat is theirs
            return self._already(session_id, user_id)

    def leave(self, session_id: int, user_id: str) -> LeaveOutcome:
        """A seat given up goes to the first on the waiting list (told by DM, with an invite), else is free."""
        with self._uow() as uow:
            outcome = give_up_seat(uow.session, session_id, user_id, self._clock())
            if outcome in GIVEN_UP:
                uow.commit()
        return outcome

    def _already(self, session_id: int, user_id: str) -> Joined:
        with self._uow() as uow:
            seat = seat_of(uow.session, session_id, user_id)
        seated = seat is not None and seat.status == SeatStatus.ATTENDING.value
        return Joined(JoinOutcome.ALREADY_SEATED if seated else JoinOutcome.ALREADY_WAITING)

    # -- what the senders read and record ---------------------------------------------------------------

    def view(self, session_id: int) -> SessionView | None:
        with self._uow() as uow:
            row = get_knowledge_session(uow.session, session_id)
            return SessionView.of(row, waiting_count(uow.session, session_id)) if row is not None else None

    def seated(self, session_id: int, user_id: str) -> bool:
        with self._uow() as uow:
            seat = seat_of(uow.session, session_id, user_id)
            return seat is not None and seat.status == SeatStatus.ATTENDING.value

    def joined(self, session_id: int, user_id: str) -> bool:
        """A seat or a place on the waiting list (who a cancellation is for)."""
        with self._uow() as uow:
            return seat_of(uow.session, session_id, user_id) is not None

    def announced(self, session_id: int, ts: str) -> None:
        """The announcement is in its channel: its ts, so later changes update it."""
        with self._uow() as uow:
            record_announcement(uow.session, session_id, ts)
            uow.commit()

    def announce_refused(self, session_id: int, host_id: str) -> None:
        """The channel refused the announcement: the host is told once, by DM."""
        with self._uow() as uow:
            enqueue(uow.session, _news(host_id, session_id, News.REFUSED), self._clock())
            uow.commit()

    def home(self, user_id: str) -> HomeSessions:
        now = self._clock()
        with self._uow() as uow:
            upcoming = tuple(SessionView.of(row) for row in upcoming_sessions(uow.session, now, HOME_SHOWN))
            joined = tuple(
                (SessionView.of(row), status == SeatStatus.ATTENDING.value)
                for row, status in sessions_joined(uow.session, user_id, now, HOME_SHOWN)
            )
        return HomeSessions(user_id, upcoming, joined)

    # -- the tick -------------------------------------------------------------------------------------

    def plan_reminders(self) -> int:
        """A reminder for everyone with a seat in a session starting within the hour; keyed by session and person,
        so any number of ticks, in any number of processes, write each once. How many were written."""
        now = self._clock()
        start, until = reminder_window(now)
        with self._uow() as uow:
            due = attendees_to_remind(uow.session, start, until)
            written = enqueue_all(uow.session, [_news(user, sid, News.REMINDER) for sid, user in due], now)
            uow.commit()
        return written

    def next_reminder(self) -> datetime | None:
        """When the tick next has reminders to write: an hour before the next session it hasn't reminded of."""
        now = self._clock()
        with self._uow() as uow:
            start = next_start_after(uow.session, now + REMIND_BEFORE)
        return start - REMIND_BEFORE if start is not None else None

    def forget_old(self) -> int:
        """Who joined sessions that started more than SEATS_KEPT ago is deleted; how many seats."""
        with self._uow() as uow:
            forgotten = forget_seats_of_sessions_before(uow.session, self._clock() - SEATS_KEPT)
            uow.commit()
        return forgotten


# -- what the service and a leaver share: each in the caller's unit of work, under the session's row lock ----------


def give_up_seat(session: Session, session_id: int, user_id: str, now: datetime) -> LeaveOutcome:
    """`user_id`'s seat (or place on the waiting list) in a session not yet started, given up: a seat goes to the
    first on the waiting list (told by DM, with an invite), else is free; the announcement is updated. Only LEFT
    and LEFT_WAITING_LIST changed anything worth committing."""
    row = lock_knowledge_session(session, session_id)
    if row is None:
        return LeaveOutcome.UNKNOWN
    if row.starts_at <= now:
        return LeaveOutcome.PAST
    seat = seat_of(session, session_id, user_id)
    if seat is None:
        return LeaveOutcome.NOT_JOINED
    remove_seat(session, seat.id or 0)
    if seat.status == SeatStatus.WAITING.value:
        enqueue(session, _update(row), now)  # the waiting list is one shorter
        return LeaveOutcome.LEFT_WAITING_LIST
    letters = [_update(row)]
    next_in_line = first_waiting(session, session_id) if row.cancelled_at is None else None
    if next_in_line is None:
        free_seat(session, session_id)
    else:
        promote(session, next_in_line.id or 0)
        promoted = SessionNews(session_id, News.PROMOTED.value)
        key = f"knowledge.promoted:{next_in_line.id}"
        letters += [
            TELLING.letter(next_in_line.user_id, promoted, unique_key=key),
            _invite(next_in_line.user_id, session_id, next_in_line.id or 0),
        ]
    enqueue_all(session, letters, now)
    return LeaveOutcome.LEFT


def cancel_session(session: Session, session_id: int, user_id: str, now: datetime) -> CancelOutcome:
    """The host's session not yet started, cancelled: everyone with a seat or on the waiting list is told once (a
    letter keyed by session and person), the announcement says so. Only CANCELLED changed anything."""
    row = lock_knowledge_session(session, session_id)
    if row is None:
        return CancelOutcome.UNKNOWN
    if row.host_id != user_id:
        return CancelOutcome.NOT_HOST
    if row.cancelled_at is not None:
        return CancelOutcome.ALREADY
    if row.starts_at <= now:
        return CancelOutcome.PAST
    cancel_knowledge_session(session, session_id, now)
    told = [_news(seat.user_id, session_id, News.CANCELLED) for seat in seats_of_session(session, session_id)]
    enqueue_all(session, [*told, _update(row)], now)
    return CancelOutcome.CANCELLED


def give_up_seats_of_leaver(session: Session, news: Letters, user_id: str, now: datetime) -> int:
    """Someone left or erased their data (a subscriber of bot.departures; bot.privacy.erasure calls it too): in
    every session not yet started, their seat is given up as `leave` gives it up (the first waiting promoted and
    told) and their place on a waiting list goes; the sessions they host are cancelled as `cancel` cancels them.
    Sessions that have started keep their counts: they are the digest's history. How many seats, places and
    sessions; run again, it finds none and tells nobody anything twice."""
    del news  # knowledge sessions write their own letters, keyed so nobody hears anything twice
    done = 0
    for session_id, hosts in upcoming_sessions_of(session, user_id, now):  # ascending ids: one lock order
        if hosts:
            done += cancel_session(session, session_id, user_id, now) is CancelOutcome.CANCELLED
        else:
            done += give_up_seat(session, session_id, user_id, now) in GIVEN_UP
    return done


def _join_refused(row: KnowledgeSession | None, user_id: str, now: datetime) -> JoinOutcome | None:
    if row is None:
        return JoinOutcome.UNKNOWN
    if row.cancelled_at is not None:
        return JoinOutcome.CANCELLED
    if not can_join(row.starts_at, now):
        return JoinOutcome.PAST
    if row.host_id == user_id:
        return JoinOutcome.HOST
    return None


def _news(user_id: str, session_id: int, news: News) -> Letter:
    return TELLING.letter(user_id, SessionNews(session_id, news.value), unique_key=news_key(news, session_id, user_id))


def _invite(user_id: str, session_id: int, seat_id: int) -> Letter:
    return INVITING.letter(user_id, SessionRef(session_id), unique_key=f"knowledge.invite:{seat_id}")


def _update(row: KnowledgeSession) -> Letter:
    """The announcement as it stands after this change (the row's change count, bumped by the lock)."""
    session_id = row.id or 0
    return UPDATING.letter(
        row.channel,
        SessionChange(session_id, row.changes),
        unique_key=f"knowledge.update:{session_id}:{row.changes}",
        order_key=order_key(session_id),
    )
