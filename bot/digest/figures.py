"""The HR digest's figures: plain counts of one moment, the week's digest, and what changed since last week.

Pure: counts in (bot.digest.read reads them), values out. Nothing private is here: no notes, no decline
reasons, no comments outside a feedback release; people only as Slack ids, shown as mentions.

What the figures mean (bot.digest.read counts them so):
- *this week*: the seven days before the moment the figures are taken (`Figures.since` to `Figures.at`), so two
  digests a week apart cover every day once, whenever they are posted.
- *participants*: profiles of people still in the workspace; *new profiles*: first saved this week.
- *waiting mentee*: a mentee (or "both") with no active or paused pairing as the mentee; waiting since their
  profile was saved or their last pairing ended, whichever is later. A stalled pairing's mentee is counted with
  the stalled pairings, not here.
- *stalled*: an active or paused pairing whose rhythm went quiet three periods in a row (bot.checkins.quiet);
  the pairing states in the chart are disjoint: active, paused, stalled (either), ended.
- *completion rate*: a week's rate is the share of the pairings due a check-in at the week's end that had one
  logged within their rhythm's length before it (7 days weekly, 14 biweekly, 31 monthly). Due: active at the
  week's end, not paused now (for the latest week), and under way for at least one rhythm length. The data keeps
  a check-in per period met, but not when a period without one ended, so "met within their rhythm" is what can be
  counted for any past week. A pause before today is not known afterwards, so such a week counts as missed.
  The rate over four weeks adds up the four weeks' due and met pairings.
- *knowledge sessions held*: sessions that started this week and were not cancelled; *seats taken*: at them.
- *capacity used*: places taken (active and paused pairings of mentors still here) over places offered (the
  capacity of every mentor profile of someone still here, open or not).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from bot.feedback.release import Release

WEEKS_CHARTED = 12
WEEKS_RATED = 4  # the completion rate HR reads is over the last four weeks


class PairingState(StrEnum):
    """A pairing's state as the chart shows it: disjoint, so the bars add up to every pairing."""

    ACTIVE = "active"
    PAUSED = "paused"
    STALLED = "stalled"
    ENDED = "ended"


@dataclass(frozen=True)
class Rate:
    """Met out of due; no rate when nothing was due (a young programme), never a 0 % nobody earned."""

    met: int
    due: int

    @property
    def value(self) -> float | None:
        return self.met / self.due if self.due else None


@dataclass(frozen=True)
class WeekRate:
    ends: date  # the last day of the week, in HR's time zone
    rate: Rate


@dataclass(frozen=True)
class StalledPairing:
    pairing_id: int
    mentor_id: str
    mentee_id: str
    since: datetime


@dataclass(frozen=True)
class WaitingMentee:
    user_id: str
    since: datetime


@dataclass(frozen=True)
class UnmetSkill:
    """A word at least k mentees have among their goals that no mentor offers."""

    word: str
    mentees: int


@dataclass(frozen=True)
class Figures:
    at: datetime
    since: datetime
    participants: int = 0
    new_profiles: int = 0
    mentees_waiting: int = 0
    longest_wait_since: datetime | None = None
    requests_sent: int = 0
    requests_accepted: int = 0
    requests_declined: int = 0
    requests_expired: int = 0
    pairings_formed: int = 0
    pairings_ended: int = 0  # this week
    active: int = 0  # the states now, disjoint (PairingState)
    paused: int = 0
    stalled: int = 0
    ended: int = 0
    checkins: int = 0  # logged this week
    checkins_ever: int = 0
    completion: Rate = field(default_factory=lambda: Rate(0, 0))  # over the last WEEKS_RATED weeks
    places_taken: int = 0
    places_offered: int = 0
    weekly: tuple[WeekRate, ...] = ()  # oldest first, WEEKS_CHARTED of them
    unmet_skills: tuple[UnmetSkill, ...] = ()
    asked_by_at_least: int = 0  # the k a skill needs to be listed among the unmet
    stalled_pairings: tuple[StalledPairing, ...] = ()  # named, the longest stalled first
    waiting_longest: tuple[WaitingMentee, ...] = ()  # named, the longest waiting first
    sessions_held: int = 0  # knowledge sessions that started this week, not cancelled (bot.knowledge)
    session_seats_taken: int = 0  # the seats taken at those sessions

    @property
    def by_state(self) -> dict[PairingState, int]:
        return {
            PairingState.ACTIVE: self.active,
            PairingState.PAUSED: self.paused,
            PairingState.STALLED: self.stalled,
            PairingState.ENDED: self.ended,
        }

    @property
    def capacity_used(self) -> Rate:
        return Rate(self.places_taken, self.places_offered)

    @property
    def young(self) -> bool:
        """Nothing to rate yet: no pairing has been under way long enough, or none ever logged a check-in."""
        return self.checkins_ever == 0 and not any(week.rate.due for week in self.weekly)


# -- week over week --------------------------------------------------------------------------------------------

COUNTED = (
    "participants",
    "new_profiles",
    "mentees_waiting",
    "requests_sent",
    "requests_accepted",
    "requests_declined",
    "requests_expired",
    "pairings_formed",
    "pairings_ended",
    "active",
    "paused",
    "stalled",
    "ended",
    "checkins",
    "places_taken",
    "places_offered",
)


@dataclass(frozen=True)
class Changes:
    """Since last week: each count's difference, and the rates' in whole percentage points (None: not comparable)."""

    counts: dict[str, int] = field(default_factory=dict)
    completion_points: int | None = None
    capacity_points: int | None = None

    def of(self, name: str) -> int | None:
        return self.counts.get(name)


def changes(now: Figures, last: Figures | None) -> Changes:
    """What changed since `last` (none at all on the first digest)."""
    if last is None:
        return Changes()
    counts = {name: getattr(now, name) - getattr(last, name) for name in COUNTED}
    return Changes(
        counts,
        _points(now.completion, last.completion),
        _points(now.capacity_used, last.capacity_used),
    )


def _points(now: Rate, last: Rate) -> int | None:
    if now.value is None or last.value is None:
        return None
    return round(now.value * 100) - round(last.value * 100)


@dataclass(frozen=True)
class Digest:
    """One week's digest: the figures now, last week's (None the first time), and the feedback release."""

    week: str  # ISO week, `YYYY-Www`
    now: Figures
    last: Figures | None = None
    release: Release | None = None

    @property
    def changes(self) -> Changes:
        return changes(self.now, self.last)


# -- to and from JSON (last week's figures are kept to compare with) -----------------------------------------


def figures_to_json(figures: Figures) -> dict[str, Any]:
    return {f.name: _to_json(getattr(figures, f.name)) for f in fields(Figures)}


def _to_json(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if isinstance(value, Rate | WeekRate | StalledPairing | WaitingMentee | UnmetSkill):
        return {f.name: _to_json(getattr(value, f.name)) for f in fields(value)}
    return value


def figures_from_json(data: dict[str, Any]) -> Figures:
    """Figures as `figures_to_json` wrote them; raises KeyError, TypeError or ValueError for anything else."""

    def when(value: str | None) -> datetime | None:
        return datetime.fromisoformat(value) if value is not None else None

    def rate(value: dict[str, Any]) -> Rate:
        return Rate(int(value["met"]), int(value["due"]))

    return Figures(
        at=datetime.fromisoformat(data["at"]),
        since=datetime.fromisoformat(data["since"]),
        **{name: int(data[name]) for name in (*COUNTED, "checkins_ever", "asked_by_at_least")},
        # Figures kept before knowledge sessions were counted have none: 0.
        sessions_held=int(data.get("sessions_held", 0)),
        session_seats_taken=int(data.get("session_seats_taken", 0)),
        longest_wait_since=when(data["longest_wait_since"]),
        completion=rate(data["completion"]),
        weekly=tuple(WeekRate(date.fromisoformat(w["ends"]), rate(w["rate"])) for w in data["weekly"]),
        unmet_skills=tuple(UnmetSkill(str(s["word"]), int(s["mentees"])) for s in data["unmet_skills"]),
        stalled_pairings=tuple(
            StalledPairing(int(s["pairing_id"]), str(s["mentor_id"]), str(s["mentee_id"]), _at(s["since"]))
            for s in data["stalled_pairings"]
        ),
        waiting_longest=tuple(WaitingMentee(str(w["user_id"]), _at(w["since"])) for w in data["waiting_longest"]),
    )


def _at(value: str) -> datetime:
    return datetime.fromisoformat(value)
