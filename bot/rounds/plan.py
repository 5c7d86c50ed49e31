"""A round's plan, pure: who is proposed to whom, why, who is left unmatched and why, against the greedy baseline.

Plain values in (the cohort's mentees in waiting order, the mentors with their places left, who may not be
proposed to whom), a `Plan` out. No session, no clock: bot/rounds/service.py reads the cohort and stores the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from datetime import date, time
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from bot.matching import Mentee, Mentor, Reason, score
from bot.rounds.scores import score_matrix
from bot.rounds.solve import best_assignment, greedy_assignment


class Unmatched(StrEnum):
    """Why a waiting mentee gets no proposal in this round."""

    NO_MENTOR = "no_mentor"  # no mentor in their area, nor one sharing a goal
    ONLY_DECLINED = "only_declined"  # the mentors who fit declined them, were declined, or were paired with them
    ALL_FULL = "all_full"  # every mentor who fits has no place left (or one promised in an open proposal)
    OUTMATCHED = "outmatched"  # the places of the mentors who fit went to mentees they fit better


@dataclass(frozen=True)
class ProposedPair:
    mentee_id: str
    mentor_id: str
    score: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Plan:
    pairs: tuple[ProposedPair, ...]  # in the mentees' waiting order
    unmatched: tuple[tuple[str, Unmatched], ...]
    total: float
    greedy_total: float


def plan_round(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    excluded: Mapping[str, Set[str]],
    hours: tuple[time, time],
    on: date,
) -> Plan:
    """The assignment with the largest total score (bot/rounds/solve.py), each mentor within `free_slots`."""
    if not mentees or not mentors:
        return Plan((), tuple((m.user_id, Unmatched.NO_MENTOR) for m in mentees), 0.0, 0.0)
    scores, relevant = score_matrix(mentees, mentors, hours, on)
    ids = {mentor.user_id: column for column, mentor in enumerate(mentors)}
    allowed_by_people = np.ones(relevant.shape, dtype=bool)
    for row, mentee in enumerate(mentees):
        allowed_by_people[row, [ids[m] for m in excluded.get(mentee.user_id, ()) if m in ids]] = False
        if mentee.user_id in ids:  # nobody mentors themselves
            allowed_by_people[row, ids[mentee.user_id]] = False
    free = np.array([mentor.free_slots for mentor in mentors], dtype=np.int64)
    allowed = relevant & allowed_by_people
    best = best_assignment(scores, allowed, free)
    greedy = greedy_assignment(scores, allowed, free)
    pairs = tuple(
        ProposedPair(
            mentees[row].user_id,
            mentors[column].user_id,
            float(scores[row, column]),
            score(mentees[row], mentors[column], hours, on).reasons,
        )
        for row, column in best.pairs
    )
    unmatched = tuple(
        (mentee.user_id, _why(relevant[row], allowed[row], free))
        for row, mentee in enumerate(mentees)
        if best.mentor_of[row] < 0
    )
    return Plan(pairs, unmatched, round(best.total, 3), round(greedy.total, 3))


def _why(relevant: NDArray[np.bool_], allowed: NDArray[np.bool_], free: NDArray[np.int64]) -> Unmatched:
    if not relevant.any():
        return Unmatched.NO_MENTOR
    if not allowed.any():
        return Unmatched.ONLY_DECLINED
    if not (free[allowed] > 0).any():
        return Unmatched.ALL_FULL
    return Unmatched.OUTMATCHED
