"""Feedback's pure rules: the ISO week kept, the topics that fit a role, and what an answer must be."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.feedback.rules import MAX_COMMENT, Answer, FeedbackForm, Field, Topic, check_answer, iso_week, topics_for

ALL = (Topic.PROGRAMME, Topic.RECEIVED, Topic.GIVEN)


@pytest.mark.parametrize(
    ("moment", "week"),
    [
        (datetime(2027, 3, 1, 0, 0, tzinfo=UTC), "2027-W09"),  # Monday
        (datetime(2027, 3, 7, 23, 59, tzinfo=UTC), "2027-W09"),  # Sunday night
        (datetime(2027, 1, 3, 12, 0, tzinfo=UTC), "2026-W53"),  # early January can be last year's week
        (datetime(2026, 12, 28, 12, 0, tzinfo=UTC), "2026-W53"),
        (datetime(2025, 12, 29, 12, 0, tzinfo=UTC), "2026-W01"),  # late December can be next year's
    ],
)
def test_the_week_kept_is_the_iso_week(moment: datetime, week: str) -> None:
    assert iso_week(moment) == week


def test_the_week_is_the_utc_one_whatever_zone_the_moment_comes_in() -> None:
    monday_early_in_amsterdam = datetime(2027, 3, 8, 0, 30, tzinfo=timezone(timedelta(hours=1)))  # Sunday in UTC

    assert iso_week(monday_early_in_amsterdam) == "2027-W09"


def test_weeks_sort_as_text_in_time_order() -> None:
    weeks = [iso_week(datetime(2026, 12, 1, tzinfo=UTC) + timedelta(weeks=n)) for n in range(12)]

    assert weeks == sorted(weeks)


@pytest.mark.parametrize(
    ("role", "topics"),
    [
        (None, (Topic.PROGRAMME,)),
        ("none", (Topic.PROGRAMME,)),
        ("mentee", (Topic.PROGRAMME, Topic.RECEIVED)),
        ("mentor", (Topic.PROGRAMME, Topic.GIVEN)),
        ("both", ALL),
    ],
)
def test_the_programme_is_always_offered_and_the_side_of_mentoring_one_is_on(
    role: str | None, topics: tuple[Topic, ...]
) -> None:
    assert topics_for(role) == topics


def form(
    topic: str | None = "programme", rating: str | None = "4", comment: str = "", follow_up: bool = False
) -> FeedbackForm:
    return FeedbackForm(topic, rating, comment, follow_up)


def test_a_complete_answer_is_taken_with_its_comment_trimmed() -> None:
    assert check_answer(form(comment="  fine  "), ALL, False) == (Answer(Topic.PROGRAMME, 4, "fine", False), {})


@pytest.mark.parametrize(
    ("sent", "problem"),
    [
        (form(topic=None), {Field.TOPIC: "feedback.error.topic"}),
        (form(topic="given"), {Field.TOPIC: "feedback.error.topic"}),  # not offered to a mentee
        (form(topic="evaluation.end"), {Field.TOPIC: "feedback.error.topic"}),
        (form(rating=None), {Field.RATING: "feedback.error.rating"}),
        (form(rating="0"), {Field.RATING: "feedback.error.rating"}),
        (form(rating="²"), {Field.RATING: "feedback.error.rating"}),
        (form(comment="x" * (MAX_COMMENT + 1)), {Field.COMMENT: "feedback.error.too_long"}),
        (form(follow_up=True), {Field.FOLLOW_UP: "feedback.error.no_hr"}),
    ],
)
def test_what_cant_be_taken_is_said_under_its_field(sent: FeedbackForm, problem: dict[Field, str]) -> None:
    assert check_answer(sent, (Topic.PROGRAMME, Topic.RECEIVED), False) == (None, problem)


def test_a_comment_of_exactly_the_limit_is_taken() -> None:
    answer, _ = check_answer(form(comment="x" * MAX_COMMENT), ALL, False)

    assert answer is not None
    assert len(answer.comment) == MAX_COMMENT


def test_a_follow_up_is_taken_where_hr_admins_can_follow_up() -> None:
    answer, _ = check_answer(form(follow_up=True), ALL, True)

    assert answer is not None
    assert answer.follow_up
