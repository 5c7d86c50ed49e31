"""The pool's scores for many mentees at once: bot.matching.score's terms, in its order, as array arithmetic.

Equal to the reference scorer to the thousandth for every term (tests/bot/pool/test_scoring.py holds it
to that on random profiles). Only the mentees' own concepts are looked up (the pool's concept index),
so a find costs a few array operations over the mentors, not a loop over them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from bot.matching import WEIGHTS, Mentee, Reason, Suggestion, Weights, hours_points, score, working_overlap
from bot.pool.snapshot import MenteeVector, MentorPool

FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]


def zone_points(pool: MentorPool, tz: str, weights: Weights = WEIGHTS) -> FloatArray:
    """The working-hours term for someone in `tz` against each of the pool's zones."""
    overlaps = (working_overlap(tz, zone, pool.hours, pool.on) for zone in pool.zones)
    return np.array([hours_points(overlap, weights) for overlap in overlaps], dtype=np.float64)


@dataclass(frozen=True)
class Scored:
    """Scores (rounded to the thousandth, as bot.matching's) and find's relevance, mentees by mentors."""

    scores: FloatArray
    relevant: BoolArray  # same area, or at least one shared concept


def score_all(pool: MentorPool, mentees: Sequence[Mentee], weights: Weights = WEIGHTS) -> Scored:
    vectors = [pool.mentee_vector(mentee) for mentee in mentees]
    shape = (len(vectors), len(pool))
    shared = np.zeros(shape, dtype=np.int64)
    for row, vector in enumerate(vectors):
        for concept in vector.concepts:
            shared[row, pool.mentors_offering(int(concept))] += 1
    areas = np.array([v.area for v in vectors], dtype=np.int64)[:, None]
    same_area = pool.area[None, :] == areas
    languages = np.array([v.language for v in vectors], dtype=np.int64)[:, None]
    # The terms in bot.matching.score's order: float addition is exact to the thousandth only in the same order.
    total = np.zeros(shape, dtype=np.float64)
    total += np.where(same_area, weights.same_area, 0.0)
    total += weights.per_shared_topic * np.minimum(shared, weights.max_shared_topics)
    total += np.where(pool.language[None, :] == languages, weights.same_language, 0.0)
    total += _hours(pool, vectors)
    free = np.clip(pool.free, 0, weights.max_free_slots)
    total += np.where(pool.free > 0, weights.per_free_slot * free, 0.0)[None, :]
    newcomers = np.array([v.newcomer for v in vectors], dtype=np.bool_)[:, None]
    total += np.where(newcomers & pool.likes_newcomers[None, :], weights.newcomer, 0.0)
    return Scored(np.round(total, 3), same_area | (shared > 0))


def scores_for_one(pool: MentorPool, mentee: Mentee, weights: Weights = WEIGHTS) -> Scored:
    """`score_all` for one mentee (find's case), as flat arrays: fewer, smaller numpy calls, the same numbers.

    Each term is a product (a yes/no times its weight is that weight or 0.0, as `np.where` gives) added in
    place, in bot.matching.score's order."""
    vector = pool.mentee_vector(mentee)
    offering = [pool.mentors_offering(int(concept)) for concept in vector.concepts]
    shared = np.bincount(np.concatenate(offering), minlength=len(pool)) if offering else np.zeros(len(pool), np.int64)
    same_area = pool.area == vector.area
    total: FloatArray = same_area * weights.same_area
    total += np.minimum(shared, weights.max_shared_topics) * weights.per_shared_topic
    total += (pool.language == vector.language) * weights.same_language
    if len(pool.zones):
        total += vector.zone_points[pool.zone]
    total += np.clip(pool.free, 0, weights.max_free_slots) * weights.per_free_slot
    if vector.newcomer:
        total += pool.likes_newcomers * weights.newcomer
    np.round(total, 3, out=total)
    return Scored(total[None, :], (same_area | (shared > 0))[None, :])


def _hours(pool: MentorPool, vectors: Sequence[MenteeVector]) -> FloatArray:
    if not vectors:
        return np.zeros((0, len(pool)), dtype=np.float64)
    by_zone = np.stack([vector.zone_points for vector in vectors]) if pool.zones else np.zeros((len(vectors), 0))
    return by_zone[:, pool.zone] if len(pool) else np.zeros((len(vectors), 0))


def score_matrix(pool: MentorPool, mentees: Sequence[Mentee], weights: Weights = WEIGHTS) -> FloatArray:
    """Every mentee's score for every mentor in the pool, shape (mentees, mentors): bot.matching.score's number.

    Defined for every pair (nothing is NaN): who is relevant is `relevance_mask`, who is ruled out is
    storage.matching.excluded_mentors (and the pool itself: only mentors with a place free).
    """
    return score_all(pool, mentees, weights).scores


def relevance_mask(pool: MentorPool, mentees: Sequence[Mentee]) -> BoolArray:
    """Find's "relevant" rule, mentees by mentors: the same function area, or at least one shared concept."""
    return score_all(pool, mentees).relevant


def reasons_for(mentee: Mentee, mentor_index: int, pool: MentorPool) -> tuple[Reason, ...]:
    """Why this mentor fits, in words (bot.matching's reasons, naming what each of them wrote)."""
    return suggestion_for(mentee, mentor_index, pool).reasons


def suggestion_for(mentee: Mentee, mentor_index: int, pool: MentorPool) -> Suggestion:
    return score(mentee, pool.mentors[mentor_index], pool.hours, pool.on)


def best_for(pool: MentorPool, mentee: Mentee, excluded: Collection[str], limit: int = 3) -> list[Suggestion]:
    """bot.matching.best_mentors over the relevant, not excluded mentors: the `limit` best, best first.

    Ties go to the mentor with more room, then by user id (the pool is sorted by it). Only mentors
    scoring at least the `limit`-th best are sorted, so a find sorts a handful, not the pool.
    """
    if not len(pool) or limit < 1:
        return []
    scored = scores_for_one(pool, mentee)
    scores, open_ = scored.scores[0], scored.relevant[0].copy()
    for user_id in excluded:
        index = pool.index_of.get(user_id)
        if index is not None:
            open_[index] = False
    candidates = np.flatnonzero(open_)
    if not len(candidates):
        return []
    if len(candidates) > limit:
        kth = np.partition(scores[candidates], len(candidates) - limit)[len(candidates) - limit]
        candidates = candidates[scores[candidates] >= kth]
    order = np.lexsort((candidates, -pool.free[candidates], -scores[candidates]))
    return [suggestion_for(mentee, int(i), pool) for i in candidates[order][:limit]]
