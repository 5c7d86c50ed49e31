"""The round's score matrix equals bot.matching's score, pair by pair, and its relevance find's rule."""

from __future__ import annotations

from datetime import date, time

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import Language
from bot.matching import Mentee, Mentor, score
from bot.rounds.scores import score_matrix

HOURS = (time(9), time(17))
ON = date(2027, 3, 1)
AREAS = st.sampled_from(["Engineering", "Data", "Sales"])
WORDS = st.frozensets(st.sampled_from(["python", "sql", "kubernetes", "sales", "design", "review"]), max_size=4)
ZONES = st.sampled_from(["UTC", "Europe/Amsterdam", "America/New_York", "Asia/Tokyo"])
LANGUAGES = st.sampled_from(list(Language))

mentees = st.builds(Mentee, st.just("E"), AREAS, WORDS, LANGUAGES, ZONES)
mentors = st.builds(Mentor, st.just("M"), AREAS, WORDS, st.just(""), LANGUAGES, ZONES, st.integers(-1, 4))


@settings(max_examples=100, deadline=None)
@given(st.lists(mentees, max_size=5), st.lists(mentors, min_size=1, max_size=5))
def test_every_score_is_the_pairs_score(some_mentees: list[Mentee], some_mentors: list[Mentor]) -> None:
    scores, relevant = score_matrix(some_mentees, some_mentors, HOURS, ON)
    for i, mentee in enumerate(some_mentees):
        for j, mentor in enumerate(some_mentors):
            expected = score(mentee, mentor, HOURS, ON).score
            assert abs(scores[i, j] - expected) < 1e-9
            same_area = mentee.function_area == mentor.function_area
            assert relevant[i, j] == (same_area or bool(mentee.goal_words & mentor.skill_words))
