"""A pairing's lifecycle: its transitions (start, pause, resume, end) and the news each of them sends, in one place.

A pairing starts when a mentor accepts (bot/pairings.py); what follows is each feature's, subscribed to the
start by the composition root (`Lifecycle.on_start`): the check-in rhythm begins, the evaluations are
planned, the mentee's stalled pairing ends; then the start's news, the pair's introduction. The handshake
does not call those features itself.

Either of them pauses it (bot/checkins/service.py); the tick resumes it when the pause runs out
(bot/checkins/planner.py). It ends when either of them ends it, when its mentee is accepted by a new mentor while
it is stalled (bot/checkins/quiet.py), when one of them leaves (a subscriber of bot/departures.py), or when an
evaluation closes it (bot/evaluations.py). Whoever asks, the transition is written here, in the caller's unit of
work: the status, the letters it makes moot (the registry of kinds says which), and the news, rendered from
the transition's value (`EndReason` for an end) by the pure functions below.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from bot.delivery.kinds import KINDS, Cancels
from bot.delivery.letters import News, Notice, Request, Told
from bot.i18n import Who
from storage.checkins import hold_rhythm, save_rhythm, set_pairing_status, set_pairings_status
from storage.models import PairingStatus
from storage.outbox import cancel_about_pairing
from storage.pairings import pairings_of

CURRENT = (PairingStatus.ACTIVE, PairingStatus.PAUSED)  # the states a pairing can end from


@dataclass(frozen=True)
class Pair:
    """Which pairing, and its two people."""

    pairing_id: int
    mentor_id: str
    mentee_id: str

    def other(self, user_id: str) -> str:
        return self.mentee_id if user_id == self.mentor_id else self.mentor_id


# -- why a pairing ended: the news is rendered from it ---------------------------------------------------


@dataclass(frozen=True)
class EndedBy:
    """One of them ended it (`/mentor end`, the button on a prompt)."""

    user_id: str


@dataclass(frozen=True)
class Superseded:
    """The mentee's new mentor accepted while this pairing was stalled: one mentor at a time."""


@dataclass(frozen=True)
class Left:
    """One of them left the workspace (deactivated, deleted, turned into a bot)."""

    user_id: str


@dataclass(frozen=True)
class Closed:
    """Both answered the end-of-programme evaluation, and not both chose to continue."""


@dataclass(frozen=True)
class Erased:
    """One of them had everything of theirs erased (`/mentor privacy delete`): the partner is told without a name."""

    user_id: str


@dataclass(frozen=True)
class EndedByHR:
    """An HR admin ended a stalled pairing (`/mentor admin stalled`): both are told kindly, with thanks."""


EndReason = EndedBy | Superseded | Left | Closed | Erased | EndedByHR


@dataclass(frozen=True)
class Paused:
    """One of them paused it until a day (both local dates, `until` shown as they chose it)."""

    pair: Pair
    by: str
    until: date


@dataclass(frozen=True)
class Resumed:
    """A pause ran out: each of them is told at their own prompt time that day."""

    pair: Pair
    mentee_at: datetime
    mentor_at: datetime


# -- what each transition tells whom (pure) ---------------------------------------------------------------


def end_news(pair: Pair, reason: EndReason) -> tuple[Told, ...]:
    """Who is told what when the pairing ends for `reason` (never the one who left: they are gone)."""
    match reason:
        case EndedBy(user_id=by):
            other = pair.other(by)
            return (
                Told(other, Notice("checkin.ended.partner", {"other": Who(by)})),
                Told(by, Notice("checkin.ended.you", {"other": Who(other)})),
            )
        case Superseded():
            return (
                Told(pair.mentor_id, Notice("checkin.stalled.ended.mentor", {"mentee": Who(pair.mentee_id)})),
                Told(pair.mentee_id, Notice("checkin.stalled.ended.mentee", {"mentor": Who(pair.mentor_id)})),
            )
        case Left(user_id=leaver) if leaver == pair.mentor_id:  # the mentee is shown a mentor who could fit
            return (Told(pair.mentee_id, Notice("left.pairing.mentee", {"mentor": Who(leaver)}), mentors=1),)
        case Left(user_id=leaver):
            return (Told(pair.mentor_id, Notice("left.pairing.mentor", {"mentee": Who(leaver)})),)
        case Erased(user_id=gone):  # nothing in the letter names them: it outlives their erasure
            other, more = pair.other(gone), int(gone == pair.mentor_id)  # a mentee is shown a mentor who could fit
            return (Told(other, Notice("privacy.erased.partner"), mentors=more),)
        case Closed():  # without saying who chose what
            return tuple(
                Told(user, Notice("evaluation.closed", {"other": Who(pair.other(user))}))
                for user in (pair.mentee_id, pair.mentor_id)
            )
        case EndedByHR():  # without naming the HR admin: it was HR's call, not a person's against them
            return tuple(
                Told(user, Notice("hr.ended", {"other": Who(pair.other(user))}))
                for user in (pair.mentee_id, pair.mentor_id)
            )


def end_homes(pair: Pair, reason: EndReason) -> tuple[str, ...]:
    """Whose App Home shows the end: both of them, the one who ended it first; never one who left."""
    match reason:
        case EndedBy(user_id=by):
            return (by, pair.other(by))
        case Left(user_id=leaver) | Erased(user_id=leaver):
            return (pair.other(leaver),)
        case Superseded() | Closed() | EndedByHR():
            return (pair.mentor_id, pair.mentee_id)


def pause_news(paused: Paused) -> tuple[Told, ...]:
    notice = Notice("checkin.paused.partner", {"other": Who(paused.by), "until": paused.until.isoformat()})
    return (Told(paused.pair.other(paused.by), notice),)


def resume_news(resumed: Resumed) -> tuple[Told, ...]:
    pair = resumed.pair
    return (
        Told(pair.mentee_id, Notice("checkin.resumed", {"other": Who(pair.mentor_id)}), at=resumed.mentee_at),
        Told(pair.mentor_id, Notice("checkin.resumed", {"other": Who(pair.mentee_id)}), at=resumed.mentor_at),
    )


# -- the transitions, in the caller's unit of work -------------------------------------------------------


def end(session: Session, news: News, pair: Pair, reason: EndReason, now: datetime) -> bool:
    """The pairing ends, if still current: nothing more is planned, what its end makes moot is cancelled, and
    each of them is told why.

    False when it had ended already (a second click, the partner's at the same moment): nothing changes,
    and nobody is told. Which waiting letters are moot, the registry of kinds says.
    """
    hold_rhythm(session, pair.pairing_id)  # the rhythm before the pairing, as every check-in answer takes them
    ended = (set_pairing_status(session, pair.pairing_id, old, PairingStatus.ENDED, ended_at=now) for old in CURRENT)
    if not any(ended):
        return False
    save_rhythm(session, pair.pairing_id, next_plan_at=None, paused_until=None)
    cancel_about_pairing(session, KINDS.pairing_rows_cancelled_by(Cancels.PAIRING_ENDS), pair.pairing_id, now)
    news.tell_each(end_news(pair, reason))
    news.refresh(*end_homes(pair, reason))
    return True


def end_pairings_of_leaver(session: Session, news: News, user_id: str, now: datetime) -> int:
    """Someone left (bot/departures.py): their current pairings end, each partner told; how many ended."""
    current = [p for p in pairings_of(session, user_id) if PairingStatus(p.status) in CURRENT]
    return sum(end(session, news, Pair(p.id or 0, p.mentor_id, p.mentee_id), Left(user_id), now) for p in current)


def pause(session: Session, news: News, paused: Paused, now: datetime) -> bool:
    """Active to paused: the letters a pause makes moot are cancelled, the partner told. False if not active."""
    pairing_id = paused.pair.pairing_id
    if not set_pairing_status(session, pairing_id, PairingStatus.ACTIVE, PairingStatus.PAUSED):
        return False
    cancel_about_pairing(session, KINDS.pairing_rows_cancelled_by(Cancels.PAIRING_PAUSES), pairing_id, now)
    news.tell_each(pause_news(paused))
    news.refresh(paused.by, paused.pair.other(paused.by))
    return True


def resume(session: Session, news: News, resumed: Sequence[Resumed]) -> set[int]:
    """Paused to active, many at once (the tick's batch), both told: the pairings resumed (not those ended since)."""
    done = set_pairings_status(
        session, [r.pair.pairing_id for r in resumed], PairingStatus.PAUSED, PairingStatus.ACTIVE
    )
    resumed = [r for r in resumed if r.pair.pairing_id in done]
    news.tell_each([told for r in resumed for told in resume_news(r)])
    news.refresh(*(user_id for r in resumed for user_id in (r.pair.mentee_id, r.pair.mentor_id)))
    return done


# -- a start, and the features that follow it --------------------------------------------------------------


@dataclass(frozen=True)
class Started:
    """A pairing that has just started (the request accepted), in the accept's unit of work."""

    pairing_id: int
    mentor_id: str
    mentee_id: str
    today: date
    now: datetime
    request_id: int = 0  # the request accepted (its introduction goes out in that request's order)
    others_withdrawn: bool = False  # the mentee's requests to others, closed by this start


# What a feature does when a pairing starts: in the accept's session, writing its news with the accept's `News`.
OnStart = Callable[[Session, News, Started], None]


class Lifecycle:
    """The transitions features subscribe to, in the order they subscribed."""

    def __init__(self) -> None:
        self._on_start: list[OnStart] = []

    def on_start(self, subscriber: OnStart) -> None:
        self._on_start.append(subscriber)

    def started(self, session: Session, news: News, started: Started) -> None:
        """What follows a start, then its news: the pair's group DM, opened, with their introduction in it."""
        for subscriber in self._on_start:
            subscriber(session, news, started)
        request = Request(started.request_id, started.mentee_id, started.mentor_id)
        news.introduce(request, started.pairing_id, others_withdrawn=started.others_withdrawn)
