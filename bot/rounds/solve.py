"""The round's assignment: mentees to mentor places, the largest total score under each mentor's capacity.

Pure: a score matrix (mentees by mentors), a mask of the pairs allowed, and each mentor's free places in;
who goes to whom out. `best_assignment` solves it exactly with `scipy.optimize.linear_sum_assignment` over
mentor places (a mentor with three free places is three columns); `greedy_assignment` is the baseline the
preview shows beside it (mentees in waiting order, each taking their best mentor with room left).

Rounds of more than `DENSE_UP_TO` mentees are solved over the allowed edges only (a sparse maximum-weight
matching), still exactly: at 10,000 mentees by 3,000 mentors that is 21 million mentee-place edges, 9.5 s
and 2.4 GiB at peak (bench/rounds.py). Only a round beyond `EXACT_UP_TO_EDGES` is pruned before solving
(`candidates_per_mentee`), to bound memory: each mentee keeps their best mentors' places. An optimum of the
pruned problem is an optimum of the whole whenever no mentee would have wanted a mentor beyond their top K;
that held in every measured case, but is not guaranteed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

# Beyond this many mentees the problem is solved over its allowed edges only (dense below: exact, cheap).
DENSE_UP_TO = 1500
# Beyond this many mentee-place edges (about 110 bytes each at the solver's peak) each mentee keeps only their
# best CANDIDATES_PER_MENTEE mentors: exact up to it, memory bounded past it.
EXACT_UP_TO_EDGES = 30_000_000
CANDIDATES_PER_MENTEE = 24


@dataclass(frozen=True)
class Assignment:
    """Which mentor each mentee got (-1: none), and the total score of the pairs made."""

    mentor_of: NDArray[np.int64]  # one per mentee: a mentor's column, or -1
    total: float

    @property
    def pairs(self) -> list[tuple[int, int]]:
        return [(int(mentee), int(mentor)) for mentee, mentor in enumerate(self.mentor_of) if mentor >= 0]


def _checked(
    scores: NDArray[np.floating], allowed: NDArray[np.bool_], free: NDArray[np.integer]
) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]]:
    as_floats: NDArray[np.float64] = np.asarray(scores, dtype=np.float64)
    as_bools: NDArray[np.bool_] = np.asarray(allowed, dtype=bool) & np.isfinite(as_floats)
    places: NDArray[np.int64] = np.maximum(np.asarray(free, dtype=np.int64), 0)
    if as_floats.ndim != 2 or as_bools.shape != as_floats.shape or places.shape != (as_floats.shape[1],):
        raise ValueError("scores and allowed are mentees by mentors, free one per mentor")
    return as_floats, as_bools, places


def total_of(scores: NDArray[np.floating], mentor_of: NDArray[np.int64]) -> float:
    rows = np.flatnonzero(mentor_of >= 0)
    return float(np.asarray(scores, dtype=np.float64)[rows, mentor_of[rows]].sum()) if rows.size else 0.0


def best_assignment(
    scores: NDArray[np.floating],
    allowed: NDArray[np.bool_],
    free: NDArray[np.integer],
    candidates_per_mentee: int | None = None,
    *,
    sparse: bool | None = None,
) -> Assignment:
    """The assignment with the largest total score: each mentee at most one mentor, no mentor over `free`,
    never a pair `allowed` rules out. Scores are assumed ≥ 0 (every allowed pair is worth making).

    `candidates_per_mentee`: keep only each mentee's best K mentors (None: all, unless the round has more
    than `EXACT_UP_TO_EDGES` mentee-place edges, then `CANDIDATES_PER_MENTEE`). `sparse`: solve over the
    allowed edges only (None: when the round has more than `DENSE_UP_TO` mentees).
    """
    scores, allowed, free = _checked(scores, allowed, free)
    n_mentees, n_mentors = scores.shape
    mentor_of = np.full(n_mentees, -1, dtype=np.int64)
    allowed = allowed & (free > 0)[np.newaxis, :]
    if n_mentees == 0 or not allowed.any():
        return Assignment(mentor_of, 0.0)
    big = n_mentees > DENSE_UP_TO
    k = candidates_per_mentee
    if k is None and place_edges(allowed, free) > EXACT_UP_TO_EDGES:
        k = CANDIDATES_PER_MENTEE
    if k is not None and k < n_mentors:
        allowed = allowed & _top_k(np.where(allowed, scores, -np.inf), k)
    rows = np.flatnonzero(allowed.any(axis=1))  # a mentee with no allowed mentor needs no row
    cols = np.flatnonzero(allowed.any(axis=0))  # nor a mentor nobody may have a column
    sub_scores, sub_allowed = scores[np.ix_(rows, cols)], allowed[np.ix_(rows, cols)]
    # A mentor needs no more places than mentees who may have them.
    places = np.minimum(free[cols], sub_allowed.sum(axis=0))
    solve = _solve_sparse if (big if sparse is None else sparse) else _solve_dense
    sub_rows, sub_cols = solve(sub_scores, sub_allowed, places)
    mentor_of[rows[sub_rows]] = cols[sub_cols]
    return Assignment(mentor_of, total_of(scores, mentor_of))


def place_edges(allowed: NDArray[np.bool_], free: NDArray[np.int64]) -> int:
    """How many mentee-place edges the solver would hold: each allowed pair once per place the mentor can give."""
    takers = allowed.sum(axis=0)
    return int(takers @ np.minimum(free, takers))


def _solve_dense(
    scores: NDArray[np.float64], allowed: NDArray[np.bool_], places: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """`linear_sum_assignment` over every mentor place: the pairs made, as (rows, columns)."""
    from scipy.optimize import linear_sum_assignment  # here, not at the top: scipy costs every process 0.4 s to import

    slot_mentor = np.repeat(np.arange(places.size), places)  # each place's mentor (a column)
    # A disallowed pair costs what leaving both unassigned costs (nothing), and is dropped after. Not a large
    # cost: the solver assigns as many rows as it can, and a large cost would make it prefer more pairs to
    # better ones (A–X worth 10 given up for A–Y and B–X worth 1).
    cost = np.where(allowed, -scores, 0.0)[:, slot_mentor]
    row_ind, slot_ind = linear_sum_assignment(cost)
    mentors = slot_mentor[slot_ind]
    kept = allowed[row_ind, mentors]
    return row_ind[kept].astype(np.int64), mentors[kept].astype(np.int64)


def _solve_sparse(
    scores: NDArray[np.float64], allowed: NDArray[np.bool_], places: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """A maximum-weight matching over the allowed edges only (scipy's sparse LAPJV), mentor places as columns.

    Each mentee also has a place of their own, "nobody", so a full matching of the mentees always exists and
    leaving someone unmatched is a choice the optimum can make. Every weight is the score plus one (a sparse
    matrix can't hold a zero weight); each mentee is matched exactly once, so the shift changes no optimum.
    """
    from scipy.sparse import csr_matrix  # here, not at the top: scipy costs every process 0.4 s to import
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    n_rows = scores.shape[0]
    edge_rows, edge_cols = np.nonzero(allowed)
    weights = scores[edge_rows, edge_cols] + 1.0
    repeats = places[edge_cols]  # an edge to a mentor is an edge to each of their places
    first_place = np.concatenate(([0], np.cumsum(places)[:-1]))
    n_places = int(places.sum())
    starts = np.cumsum(repeats) - repeats
    offsets = np.arange(int(repeats.sum())) - np.repeat(starts, repeats)
    rows = np.concatenate((np.repeat(edge_rows, repeats), np.arange(n_rows)))
    columns = np.concatenate((np.repeat(first_place[edge_cols], repeats) + offsets, n_places + np.arange(n_rows)))
    data = np.concatenate((np.repeat(weights, repeats), np.ones(n_rows)))
    graph = csr_matrix((data, (rows, columns)), shape=(n_rows, n_places + n_rows))
    row_ind, col_ind = min_weight_full_bipartite_matching(graph, maximize=True)
    real = col_ind < n_places
    place_mentor = np.repeat(np.arange(places.size), places)
    return row_ind[real].astype(np.int64), place_mentor[col_ind[real]].astype(np.int64)


def _top_k(scores: NDArray[np.float64], k: int) -> NDArray[np.bool_]:
    """Each row's k highest entries (ties broken by column), as a mask."""
    keep = np.zeros(scores.shape, dtype=bool)
    best = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    np.put_along_axis(keep, best, True, axis=1)
    return keep


def greedy_assignment(
    scores: NDArray[np.floating], allowed: NDArray[np.bool_], free: NDArray[np.integer], order: Sequence[int] = ()
) -> Assignment:
    """Mentees in `order` (default: as given, the longest waiting first), each taking their best mentor with a
    place left: what pairing one at a time would give."""
    scores, allowed, free = _checked(scores, allowed, free)
    left = free.copy()
    mentor_of = np.full(scores.shape[0], -1, dtype=np.int64)
    masked = np.where(allowed, scores, -np.inf)
    for mentee in order or range(scores.shape[0]):
        row = np.where(left > 0, masked[mentee], -np.inf)
        best = int(np.argmax(row)) if row.size else 0
        if row.size and np.isfinite(row[best]):
            mentor_of[mentee] = best
            left[best] -= 1
    return Assignment(mentor_of, total_of(scores, mentor_of))
