"""The round's solver: the best total score under capacity, never a masked pair, never worse than greedy."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.typing import NDArray

from bot.rounds import solve
from bot.rounds.solve import best_assignment, greedy_assignment, place_edges, total_of


@st.composite
def instances(draw: st.DrawFn) -> tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]]:
    n_mentees = draw(st.integers(0, 7))
    n_mentors = draw(st.integers(1, 7))
    cells = n_mentees * n_mentors
    scores = draw(st.lists(st.integers(0, 20), min_size=cells, max_size=cells))
    allowed = draw(st.lists(st.booleans(), min_size=cells, max_size=cells))
    free = draw(st.lists(st.integers(0, 3), min_size=n_mentors, max_size=n_mentors))
    shape = (n_mentees, n_mentors)
    return (
        np.array(scores, dtype=np.float64).reshape(shape) / 2,
        np.array(allowed, dtype=bool).reshape(shape),
        np.array(free, dtype=np.int64),
    )


def brute_force(scores: NDArray[np.float64], allowed: NDArray[np.bool_], free: NDArray[np.int64]) -> float:
    """Every way to give each mentee one allowed mentor or none, within capacity: the best total."""
    options = [[-1, *np.flatnonzero(allowed[i]).tolist()] for i in range(scores.shape[0])]
    best = 0.0
    for choice in itertools.product(*options):
        taken = np.bincount([c for c in choice if c >= 0], minlength=len(free))
        if (taken <= free).all():
            best = max(best, sum(scores[i, c] for i, c in enumerate(choice) if c >= 0))
    return best


def valid(mentor_of: NDArray[np.int64], allowed: NDArray[np.bool_], free: NDArray[np.int64]) -> bool:
    pairs = [(i, int(m)) for i, m in enumerate(mentor_of) if m >= 0]
    taken = np.bincount([m for _, m in pairs], minlength=len(free))
    return all(allowed[i, m] for i, m in pairs) and bool((taken <= free).all())


@settings(max_examples=300, deadline=None)
@given(instances())
def test_the_assignment_is_a_brute_force_optimum(
    instance: tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]],
) -> None:
    scores, allowed, free = instance
    best = brute_force(scores, allowed, free)
    for sparse in (False, True):
        assignment = best_assignment(scores, allowed, free, sparse=sparse)
        assert assignment.total == best
        assert assignment.total == total_of(scores, assignment.mentor_of)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_no_mentor_is_over_capacity_and_no_masked_pair_is_made(
    instance: tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]],
) -> None:
    scores, allowed, free = instance
    assert valid(best_assignment(scores, allowed, free).mentor_of, allowed, free)
    assert valid(best_assignment(scores, allowed, free, sparse=True).mentor_of, allowed, free)
    assert valid(greedy_assignment(scores, allowed, free).mentor_of, allowed, free)


@settings(max_examples=300, deadline=None)
@given(instances())
def test_the_assignment_scores_at_least_greedy(
    instance: tuple[NDArray[np.float64], NDArray[np.bool_], NDArray[np.int64]],
) -> None:
    scores, allowed, free = instance
    assert best_assignment(scores, allowed, free).total >= greedy_assignment(scores, allowed, free).total


def test_fewer_better_pairs_beat_more_worse_ones() -> None:
    # A–X is worth 10; A–Y and B–X together 1. Pairing more people is not the aim: the total is.
    scores = np.array([[10.0, 0.5], [0.5, 0.0]])
    allowed = np.array([[True, True], [True, False]])
    assignment = best_assignment(scores, allowed, np.array([1, 1]))
    assert assignment.pairs == [(0, 0)]
    assert assignment.total == 10.0


def test_greedy_gives_the_first_mentee_the_best_mentor() -> None:
    scores = np.array([[5.0, 4.0], [5.0, 0.0]])
    allowed = np.ones((2, 2), dtype=bool)
    assert greedy_assignment(scores, allowed, np.array([1, 1])).pairs == [(0, 0), (1, 1)]
    assert best_assignment(scores, allowed, np.array([1, 1])).pairs == [(0, 1), (1, 0)]


def test_pruned_rounds_keep_capacity_and_mask() -> None:
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 12, size=(300, 80)).astype(np.float64)
    allowed = rng.random((300, 80)) < 0.3
    free = rng.integers(1, 5, size=80)
    pruned = best_assignment(scores, allowed, free, candidates_per_mentee=8)
    assert valid(pruned.mentor_of, allowed, free)
    assert pruned.total >= greedy_assignment(scores, allowed, free).total
    exact = best_assignment(scores, allowed, free, candidates_per_mentee=None)
    assert pruned.total <= exact.total
    assert best_assignment(scores, allowed, free, sparse=True).total == exact.total


def test_a_big_round_is_exact_and_only_one_over_the_edge_budget_is_pruned(monkeypatch: pytest.MonkeyPatch) -> None:
    rng = np.random.default_rng(11)
    scores = rng.integers(0, 12, size=(60, 30)).astype(np.float64)
    allowed = rng.random((60, 30)) < 0.5
    free = rng.integers(1, 4, size=30)
    exact = best_assignment(scores, allowed, free, candidates_per_mentee=None, sparse=False).total
    monkeypatch.setattr(solve, "DENSE_UP_TO", 10)  # "big": solved sparse
    assert best_assignment(scores, allowed, free).total == exact
    monkeypatch.setattr(solve, "EXACT_UP_TO_EDGES", place_edges(allowed, free) - 1)  # over the budget: pruned
    monkeypatch.setattr(solve, "CANDIDATES_PER_MENTEE", 2)
    pruned = best_assignment(scores, allowed, free)
    assert valid(pruned.mentor_of, allowed, free)
    assert pruned.total < exact  # two mentors each is too few here: what pruning can cost
