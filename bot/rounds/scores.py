"""The round's score matrix: bot.matching's score for every mentee and mentor at once, with numpy.

TEMPORARY until the `pool` package lands (its `score_matrix`/`relevance_mask` replace this module): the same
terms as `bot.matching.score`, added up over whole arrays instead of pair by pair, so a round of 10,000
mentees by 3,000 mentors is built in seconds. A test holds it equal to `bot.matching.score` on random profiles.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

import numpy as np
from numpy.typing import NDArray
from scipy import sparse

from bot.matching import WEIGHTS, Mentee, Mentor, Weights, hours_points, working_overlap


def _codes(values: Sequence[str], into: dict[str, int]) -> NDArray[np.int64]:
    return np.array([into.setdefault(value, len(into)) for value in values], dtype=np.int64)


def _incidence(word_sets: Sequence[frozenset[str]], vocabulary: dict[str, int], *, grow: bool) -> sparse.csr_matrix:
    """One row per set, one column per known word (`grow`: unknown words become known)."""
    rows, cols = [], []
    for row, words in enumerate(word_sets):
        for word in words:
            column = vocabulary.setdefault(word, len(vocabulary)) if grow else vocabulary.get(word)
            if column is not None:
                rows.append(row)
                cols.append(column)
    data = np.ones(len(rows), dtype=np.int32)
    return sparse.csr_matrix((data, (rows, cols)), shape=(len(word_sets), max(len(vocabulary), 1)))


def shared_counts(mentees: Sequence[Mentee], mentors: Sequence[Mentor]) -> NDArray[np.int32]:
    """How many normalised words each mentee's goals share with each mentor's skills."""
    vocabulary: dict[str, int] = {}
    offered = _incidence([m.skill_words for m in mentors], vocabulary, grow=True)
    wanted = _incidence([m.goal_words for m in mentees], vocabulary, grow=False)
    return np.asarray((wanted @ offered.T).toarray(), dtype=np.int32)


def score_matrix(
    mentees: Sequence[Mentee],
    mentors: Sequence[Mentor],
    hours: tuple[time, time],
    on: date,
    weights: Weights = WEIGHTS,
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Every pair's score (mentees by mentors, as `bot.matching.score` gives it, with each mentor's `free_slots`)
    and whether the pair is relevant at all (find's rule: the same area, or a shared word)."""
    areas: dict[str, int] = {}
    mentor_area, mentee_area = (
        _codes([m.function_area for m in mentors], areas),
        _codes([m.function_area for m in mentees], areas),
    )
    same_area = mentee_area[:, np.newaxis] == mentor_area[np.newaxis, :]
    shared = shared_counts(mentees, mentors)
    languages: dict[str, int] = {}
    mentor_lang, mentee_lang = (
        _codes([m.language for m in mentors], languages),
        _codes([m.language for m in mentees], languages),
    )
    zones: dict[str, int] = {}
    mentor_zone, mentee_zone = _codes([m.tz for m in mentors], zones), _codes([m.tz for m in mentees], zones)
    names = list(zones)
    by_zones = np.array(
        [[hours_points(working_overlap(a, b, hours, on), weights) for b in names] for a in names], dtype=np.float64
    ).reshape(len(names), len(names))
    free = np.array([m.free_slots for m in mentors], dtype=np.int64)
    room = np.where(free > 0, weights.per_free_slot * np.minimum(free, weights.max_free_slots), 0.0)
    scores: NDArray[np.float64] = np.where(same_area, weights.same_area, 0.0).astype(np.float64)
    scores += weights.per_shared_topic * np.minimum(shared, weights.max_shared_topics)
    scores += np.where(mentee_lang[:, np.newaxis] == mentor_lang[np.newaxis, :], weights.same_language, 0.0)
    if names:
        scores += by_zones[mentee_zone[:, np.newaxis], mentor_zone[np.newaxis, :]]
    scores += room[np.newaxis, :]
    rounded: NDArray[np.float64] = np.round(scores, 3)
    relevant: NDArray[np.bool_] = same_area | (shared > 0)
    return rounded, relevant
