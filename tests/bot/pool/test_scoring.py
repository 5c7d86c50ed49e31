"""The pool's vectorised scores equal bot.matching.score to the thousandth, for every term, on random profiles."""

from __future__ import annotations

from datetime import date, time

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.i18n import Language
from bot.matching import Mentee, best_mentors, score
from bot.pool.scoring import best_for, reasons_for, relevance_mask, score_all, score_matrix, scores_for_one
from bot.pool.snapshot import MentorPool, build_pool
from bot.synonyms.table import built_in
from storage.pool import MentorRow

HOURS = (time(9, 0), time(17, 0))
AREAS = ("Engineering", "Data", "Design")
# Words in and out of synonym groups, multi-word terms, both languages: concepts of every kind.
WORDS = ("Python", "k8s", "Kubernetes", "presenteren", "public speaking", "ML", "machine learning", "Figma",
         "feedback geven", "giving feedback", "Rust", "leidinggeven", "leadership", "SQL", "statistics")  # fmt: skip
ZONES = ("Europe/Amsterdam", "Europe/London", "America/New_York", "Asia/Tokyo", "Australia/Sydney", "UTC")
LOCALES = ("en-US", "nl-NL", "en-GB", "de-DE")
RUNS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

texts = st.lists(st.sampled_from(WORDS), max_size=5).map(", ".join)
days = st.dates(date(2026, 1, 1), date(2027, 12, 31))  # both sides of daylight saving time


@st.composite
def mentor_rows(draw: st.DrawFn) -> list[MentorRow]:
    count = draw(st.integers(0, 12))
    rows = []
    for n in range(count):
        capacity = draw(st.integers(1, 5))
        rows.append(
            MentorRow(
                user_id=f"UM{n:03d}",
                function_area=draw(st.sampled_from(AREAS)),
                skills=draw(texts),
                capacity=capacity,
                taken=draw(st.integers(0, capacity - 1)),
                locale=draw(st.sampled_from(LOCALES)),
                tz=draw(st.sampled_from(ZONES)),
                likes_newcomers=draw(st.booleans()),
            )
        )
    return rows


@st.composite
def mentees(draw: st.DrawFn) -> Mentee:
    return Mentee(
        user_id=draw(st.sampled_from(("UE1", "UM000"))),  # sometimes a mentor in the pool, scored all the same
        function_area=draw(st.sampled_from(AREAS)),
        goals=built_in().topics(draw(texts)),
        language=draw(st.sampled_from(tuple(Language))),
        tz=draw(st.sampled_from(ZONES)),
        newcomer=draw(st.booleans()),
    )


def pool_of(rows: list[MentorRow], on: date) -> MentorPool:
    return build_pool(rows, built_in(), HOURS, on, version=1)


@RUNS
@given(mentor_rows(), st.lists(mentees(), min_size=1, max_size=4), days)
def test_the_score_matrix_equals_the_reference_scorer(rows: list[MentorRow], group: list[Mentee], on: date) -> None:
    pool = pool_of(rows, on)

    matrix = score_matrix(pool, group)

    assert matrix.shape == (len(group), len(rows))
    for i, mentee in enumerate(group):
        for j, mentor in enumerate(pool.mentors):
            assert matrix[i, j] == score(mentee, mentor, HOURS, on).score


@RUNS
@given(mentor_rows(), mentees(), days)
def test_relevance_is_the_same_area_or_a_shared_concept(rows: list[MentorRow], mentee: Mentee, on: date) -> None:
    pool = pool_of(rows, on)

    mask = relevance_mask(pool, [mentee])[0]

    expected = [
        m.function_area == mentee.function_area or bool(m.skills.concepts & mentee.goals.concepts) for m in pool.mentors
    ]
    assert mask.tolist() == expected


@RUNS
@given(mentor_rows(), mentees(), days, st.integers(1, 4), st.sets(st.sampled_from([f"UM{n:03d}" for n in range(12)])))
def test_the_best_are_the_reference_rankings_best(
    rows: list[MentorRow], mentee: Mentee, on: date, limit: int, excluded: set[str]
) -> None:
    pool = pool_of(rows, on)
    excluded |= {mentee.user_id}
    allowed = [
        m
        for m in pool.mentors
        if m.user_id not in excluded
        and (m.function_area == mentee.function_area or m.skills.concepts & mentee.goals.concepts)
    ]

    best = best_for(pool, mentee, excluded, limit)

    assert best == best_mentors(mentee, allowed, HOURS, on, limit)


def test_reasons_name_what_each_wrote() -> None:
    on = date(2026, 12, 2)
    pool = pool_of([MentorRow("UALMA", "Design", "public speaking, Figma", 2, 0, "en-US", "UTC")], on)
    mentee = Mentee("UE1", "Engineering", built_in().topics("presenteren"), Language.NL, "UTC")

    (reason,) = [r for r in reasons_for(mentee, 0, pool) if r.key == "match.asked_offered"]

    assert (reason.values["asked"], reason.values["offered"]) == ("presenteren", "public speaking")


def test_an_empty_pool_scores_nothing() -> None:
    pool = pool_of([], date(2026, 12, 2))
    mentee = Mentee("UE1", "Engineering", built_in().topics("Python"), Language.EN, "UTC")

    assert score_matrix(pool, [mentee]).shape == (1, 0)
    assert best_for(pool, mentee, set()) == []
    assert np.array_equal(pool.free, np.zeros(0, dtype=np.int64))


@RUNS
@given(mentor_rows(), mentees(), days)
def test_one_mentees_scores_equal_the_matrix_row(rows: list[MentorRow], mentee: Mentee, on: date) -> None:
    pool = pool_of(rows, on)

    one, all_ = scores_for_one(pool, mentee), score_all(pool, [mentee])

    assert one.scores.tolist() == all_.scores.tolist()
    assert one.relevant.tolist() == all_.relevant.tolist()
