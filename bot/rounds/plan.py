"""A round's plan, pure: who is proposed to whom, why, who is left unmatched and why, against the greedy baseline.

Plain values in (the mentor pool as bot.pool snapshots it, the cohort's mentees in waiting order, the places
already promised in open proposals, who may not be proposed to whom), a `Plan` out. The scores are the pool's
(bot.pool.scoring: the very numbers `/mentor find` ranks by); no session, no clock: bot/rounds/service.py reads
the cohort and stores the plan.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from numpy.typing import NDArray

from bot.matching import Mentee, Reason
from bot.pool.scoring import reasons_for, score_all
from bot.pool.snapshot import MentorPool
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
    mentors_with_room: int


def plan_round(
    pool: MentorPool,
    mentees: Sequence[Mentee],
    promised: Mapping[str, int],
    excluded: Mapping[str, Set[str]],
    full: MentorPool | None = None,
) -> Plan:
    """The assignment with the largest total score (bot/rounds/solve.py), each mentor within their places left.

    `pool`: the open mentors with a place; `promised`: places in open proposals, per mentor; `excluded`: per mentee,
    the mentors never proposed to them; `full`: the mentors with no place left, only to say why someone is unmatched.
    """
    promised_places = np.array([promised.get(user_id, 0) for user_id in pool.mentor_ids], dtype=np.int64)
    free: NDArray[np.int64] = np.maximum(pool.free - promised_places, 0) if len(pool) else np.zeros(0, np.int64)
    if not mentees:
        return Plan((), (), 0.0, 0.0, int((free > 0).sum()))
    scored = score_all(pool, mentees)
    allowed = scored.relevant.copy()
    for row, mentee in enumerate(mentees):
        columns = [pool.index_of[m] for m in excluded.get(mentee.user_id, ()) if m in pool.index_of]
        allowed[row, columns] = False
    best = best_assignment(scored.scores, allowed, free)
    greedy = greedy_assignment(scored.scores, allowed, free)
    pairs = tuple(
        ProposedPair(
            mentees[row].user_id,
            pool.mentor_ids[column],
            float(scored.scores[row, column]),
            reasons_for(mentees[row], column, pool),
        )
        for row, column in best.pairs
    )
    fits_a_full_one: NDArray[np.bool_] = np.zeros(len(mentees), dtype=bool)
    if full is not None and len(full):
        fits_a_full_one = np.asarray(score_all(full, mentees).relevant.any(axis=1), dtype=bool)
    unmatched = tuple(
        (mentee.user_id, _why(scored.relevant[row], allowed[row], free, bool(fits_a_full_one[row])))
        for row, mentee in enumerate(mentees)
        if best.mentor_of[row] < 0
    )
    return Plan(pairs, unmatched, round(best.total, 3), round(greedy.total, 3), int((free > 0).sum()))


def _why(
    relevant: NDArray[np.bool_], allowed: NDArray[np.bool_], free: NDArray[np.int64], fits_a_full_one: bool
) -> Unmatched:
    if allowed.any() and (free[allowed] > 0).any():
        return Unmatched.OUTMATCHED
    if (allowed.any() and not (free[allowed] > 0).any()) or (not relevant.any() and fits_a_full_one):
        return Unmatched.ALL_FULL
    if relevant.any():
        return Unmatched.ONLY_DECLINED
    return Unmatched.NO_MENTOR
