"""Matching: normalised words, concepts, and every score term with its reason."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time
from typing import Any

import pytest

from bot.i18n import EN, Language, Translator, Who
from bot.matching import (
    WEIGHTS,
    Mentee,
    Mentor,
    best_mentors,
    score,
    topic_phrases,
    topic_words,
    working_overlap,
)
from bot.synonyms.table import Topics, built_in

HOURS = (time(9, 0), time(17, 0))
ON = date(2026, 11, 27)
TOPIC_KEYS = ("match.shared_topics", "match.asked_offered")


def topics(text: str) -> Topics:
    return built_in().topics(text)


def make_mentee(goals: str = "Python, testing", **overrides: Any) -> Mentee:
    base = Mentee("UMENTEE", "Engineering", topics(goals), Language.EN, "Europe/Amsterdam")
    return replace(base, **overrides)


def make_mentor(skills: str = "Python 3, Kubernetes", **overrides: Any) -> Mentor:
    base = Mentor("UMENTOR", "Design", topics(skills), skills, Language.NL, "Asia/Tokyo", 0)
    return replace(base, **overrides)


def topics_reason(mentee: Mentee, mentor: Mentor) -> tuple[str, dict[str, object]]:
    (reason,) = [r for r in score(mentee, mentor, HOURS, ON).reasons if r.key in TOPIC_KEYS]
    return reason.key, dict(reason.values)


def reason_keys(mentee: Mentee, mentor: Mentor) -> list[str]:
    return [reason.key for reason in score(mentee, mentor, HOURS, ON).reasons]


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Python 3", {"python"}),
        ("python3.11 and Pythons", {"python3", "python"}),
        ("APIs, Databases!", {"api", "database"}),
        ("C++ and C#", {"c++", "c#"}),
        ("class process", {"class", "process"}),
        ("v2.0 1.5", set()),
        ("Ik wil leren over de klanten", {"klanten"}),
        ("SQL " + "x" * 41, {"sql"}),
    ],
)
def test_topic_words_are_normalised(text: str, words: set[str]) -> None:
    assert topic_words(text) == words


def test_shared_topics_use_the_mentors_spelling_in_their_order() -> None:
    mentor = make_mentor("Kubernetes, Python 3, Testing")

    assert topics_reason(make_mentee(), mentor) == ("match.shared_topics", {"topics": "Python 3, Testing"})


def test_a_shared_topic_is_the_mentors_whole_phrase() -> None:
    mentee = make_mentee("code reviews, python")
    mentor = make_mentor("Kubernetes and code review; Python for juniors")

    assert topics_reason(mentee, mentor) == ("match.shared_topics", {"topics": "code review, Python for juniors"})


def test_a_synonym_names_what_each_of_them_wrote() -> None:
    mentee = make_mentee("presenteren")
    mentor = make_mentor("public speaking, Figma")

    reason = topics_reason(mentee, mentor)

    assert reason == (
        "match.asked_offered",
        {"asked": "presenteren", "mentor": Who("UMENTOR"), "offered": "public speaking"},
    )


@pytest.mark.parametrize(
    ("text", "phrases"),
    [
        ("Python, SQL & testing", ["Python", "SQL", "testing"]),
        ("Kubernetes en Python\nleiding geven", ["Kubernetes", "Python", "leiding geven"]),
        ("CI/CD; (Docker).", ["CI", "CD", "Docker"]),
        ("x" * 60, ["x" * 39 + "…"]),
    ],
)
def test_topic_phrases_split_a_list_and_stay_short(text: str, phrases: list[str]) -> None:
    assert topic_phrases(text) == phrases


def test_nothing_in_common_scores_zero_without_reasons() -> None:
    suggestion = score(make_mentee(), make_mentor("Figma"), HOURS, ON)

    assert (suggestion.score, suggestion.reasons) == (0.0, ())


def test_same_function_area_scores_with_its_reason() -> None:
    suggestion = score(make_mentee(), make_mentor("Figma", function_area="Engineering"), HOURS, ON)

    assert suggestion.score == WEIGHTS.same_area
    assert EN[suggestion.reasons[0].key].format(**suggestion.reasons[0].values) == "same function area: Engineering"


def test_each_shared_topic_scores_up_to_the_cap() -> None:
    mentee = make_mentee("python go rust sql")

    suggestion = score(mentee, make_mentor("Python, Go, Rust, SQL"), HOURS, ON)

    assert suggestion.score == WEIGHTS.per_shared_topic * WEIGHTS.max_shared_topics
    assert dict(suggestion.reasons[0].values) == {"topics": "Python, Go, Rust"}


def test_shared_language_scores() -> None:
    assert reason_keys(make_mentee(), make_mentor("Figma", language=Language.EN)) == ["match.same_language"]


def test_working_hours_overlap_scores_in_proportion() -> None:
    london = make_mentor("Figma", tz="Europe/London")  # one hour behind Amsterdam: 7 of 8 hours shared

    suggestion = score(make_mentee(), london, HOURS, ON)

    assert suggestion.score == pytest.approx(WEIGHTS.full_day_overlap * 7 / 8, abs=0.001)
    assert dict(suggestion.reasons[0].values) == {"percent": 88}


def test_no_overlap_across_the_world() -> None:
    assert working_overlap("Europe/Amsterdam", "Pacific/Auckland", HOURS, ON) == 0


def test_room_left_scores_up_to_the_cap_and_says_how_much() -> None:
    one = score(make_mentee(), make_mentor("Figma", free_slots=1), HOURS, ON)
    many = score(make_mentee(), make_mentor("Figma", free_slots=4), HOURS, ON)

    assert one.score == WEIGHTS.per_free_slot
    assert many.score == WEIGHTS.per_free_slot * WEIGHTS.max_free_slots
    say = Translator(Language.EN)
    assert say(one.reasons[0].key, **one.reasons[0].values) == "has room for 1 more mentee"
    assert say(many.reasons[0].key, **many.reasons[0].values) == "has room for 4 more mentees"


def test_best_mentors_are_ranked_and_never_include_the_mentee() -> None:
    mentee = make_mentee()
    strong = make_mentor("Python, testing", user_id="USTRONG", function_area="Engineering")
    weak = make_mentor("Figma", user_id="UWEAK")
    middling = make_mentor("Python", user_id="UMID")
    themselves = make_mentor("Python, testing", user_id=mentee.user_id, function_area="Engineering")

    ranked = best_mentors(mentee, [weak, themselves, middling, strong], HOURS, ON, limit=2)

    assert [s.mentor.user_id for s in ranked] == ["USTRONG", "UMID"]
