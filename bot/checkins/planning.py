"""What the planner writes for one pairing at one moment: pure, from plain values.

A pairing's prompts for a period are written when the period opens (before its first day begins
anywhere): the pair's group nudge at its start, and each person's 'did you meet?' two working days
before its end. Each prompt is keyed by (kind, pairing, period, recipient), so planning twice
writes nothing new, and re-planning moves only what has not been sent.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from zoneinfo import ZoneInfo

from bot.checkins.rules import (
    Cadence,
    Schedule,
    ask_at,
    current_period,
    group_moment,
    local_today,
    opens_at,
    period_end,
)


class PromptKind(StrEnum):
    NUDGE = "checkin.nudge"  # 'time to catch up', in the pair's group DM
    ASK = "checkin.ask"  # 'did you meet?', in each person's DM
    QUIET = "checkin.quiet"  # after two periods without a check-in: pause, cadence or end? (bot.checkins.quiet)


GROUP = ""  # the recipient of a group nudge: the pair, not one person


@dataclass(frozen=True)
class Prompt:
    kind: PromptKind
    pairing_id: int
    period: int
    recipient: str
    due_at: datetime
    again: date | None = None  # 'remind me': asked again on this day

    @property
    def unique_key(self) -> str:
        key = f"{self.kind.value}:{self.pairing_id}:{self.period}"
        if self.recipient:
            key += f":{self.recipient}"
        return key + (f":{self.again.isoformat()}" if self.again else "")

    @staticmethod
    def period_of(unique_key: str) -> int:
        """The period a prompt's key (`kind:pairing:period[:recipient[:day]]`) is about."""
        return int(unique_key.split(":")[2])


@dataclass(frozen=True)
class PairClock:
    """A pairing's rhythm as the planner reads it."""

    pairing_id: int
    mentor_id: str
    mentee_id: str
    mentor_zone: ZoneInfo
    mentee_zone: ZoneInfo
    cadence: Cadence
    period: int
    period_start: date
    planned: int
    active: bool
    paused_until: date | None = None

    def zone_of(self, user_id: str) -> ZoneInfo:
        return self.mentor_zone if user_id == self.mentor_id else self.mentee_zone


@dataclass(frozen=True)
class Plan:
    period: int
    period_start: date
    prompts: tuple[Prompt, ...]
    next_plan_at: datetime | None  # None: nothing more to plan (the pairing ended)
    resumes: bool = False  # a pause ran out: the pairing is active again from `period_start`
    # Whole periods went by unplanned (the bot was down): nobody was asked in them, so the rhythm starts again
    # from today, as after a pause, and its nudge is the one catch-up prompt.
    restarts: bool = False

    @property
    def starts_afresh(self) -> bool:
        """No period before this one counts as quiet (bot.checkins.quiet)."""
        return self.resumes or self.restarts


def plan(pair: PairClock, schedule: Schedule, now: datetime) -> Plan:
    if not pair.active and pair.paused_until is None:
        return Plan(pair.period, pair.period_start, (), None)
    resumes = restarts = False
    start, number = pair.period_start, pair.period
    if not pair.active and pair.paused_until is not None:
        if opens_at(pair.paused_until) > now:
            return Plan(pair.period, pair.period_start, (), opens_at(pair.paused_until))
        start, number, resumes = pair.paused_until, pair.period + 1, True
    elif current_period(start, number, pair.cadence, now)[1] > pair.period + 1:
        start, number, restarts = max(today_for(pair, pair.mentee_id, now), start), pair.period + 1, True
    start, number = current_period(start, number, pair.cadence, now)
    fresh = resumes or restarts
    prompts = () if number == pair.planned and not fresh else period_prompts(pair, start, number, schedule, now)
    return Plan(number, start, prompts, opens_at(period_end(start, pair.cadence)), resumes, restarts)


def new_cadence(pair: PairClock, cadence: Cadence, start: date, schedule: Schedule, now: datetime) -> Plan:
    """A cadence changed on `start`: a new period begins that day, opened like any other (the pair's nudge, then
    both people's question two working days before it ends). No period before it counts as quiet.

    A change on the day the period under way began (a pair agreeing on their rhythm right after the
    introduction) gets no second opener that day: the news of the change is enough.
    """
    number = pair.period + 1
    prompts = period_prompts(replace(pair, cadence=cadence), start, number, schedule, now)
    if start == pair.period_start:
        prompts = tuple(p for p in prompts if p.kind is not PromptKind.NUDGE)
    return Plan(number, start, prompts, opens_at(period_end(start, cadence)), restarts=True)


def period_prompts(pair: PairClock, start: date, number: int, schedule: Schedule, now: datetime) -> tuple[Prompt, ...]:
    """The group nudge (not in the first period: the introduction is its nudge) and both people's question."""
    prompts = []
    if number > 0:
        at = group_moment(start, pair.mentee_zone, pair.mentor_zone, schedule, now)
        prompts.append(Prompt(PromptKind.NUDGE, pair.pairing_id, number, GROUP, at))
    for user_id in (pair.mentee_id, pair.mentor_id):
        at = ask_at(start, pair.cadence, pair.zone_of(user_id), schedule, now)
        prompts.append(Prompt(PromptKind.ASK, pair.pairing_id, number, user_id, at))
    return tuple(prompts)


def today_for(pair: PairClock, user_id: str, now: datetime) -> date:
    return local_today(now, pair.zone_of(user_id))
