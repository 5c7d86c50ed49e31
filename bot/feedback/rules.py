"""What feedback may be given and how it is checked: pure rules over plain values (no database, no Slack)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from bot.typed import whole_number

RATINGS = range(1, 6)
MAX_COMMENT = 1000
NO_ROLE = "none"  # the role kept for someone who gave feedback without a profile


class Topic(StrEnum):
    """What a piece of feedback is about (the evaluations' topics, `evaluation.…`, are written elsewhere)."""

    PROGRAMME = "programme"
    RECEIVED = "received"  # the mentoring I receive
    GIVEN = "given"  # the mentoring I give


def topics_for(role: str | None) -> tuple[Topic, ...]:
    """The topics offered to someone of this role (a profile's `mentor`, `mentee`, `both`; None without one):
    the programme always, and the side of mentoring they are on."""
    topics = [Topic.PROGRAMME]
    if role in ("mentee", "both"):
        topics.append(Topic.RECEIVED)
    if role in ("mentor", "both"):
        topics.append(Topic.GIVEN)
    return tuple(topics)


def iso_week(moment: datetime) -> str:
    """The ISO week `YYYY-Www` of `moment` in UTC: one calendar for everyone, so a week means the same week
    in every figure, and a time zone kept with an answer can't narrow down who gave it."""
    year, week, _ = moment.astimezone(UTC).isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class FeedbackForm:
    """What the dialog sent, before checks: a forged payload can carry anything."""

    topic: str | None
    rating: str | None
    comment: str
    follow_up: bool


@dataclass(frozen=True)
class Answer:
    """A checked piece of feedback."""

    topic: Topic
    rating: int
    comment: str
    follow_up: bool


class Field(StrEnum):
    """The dialog's fields, as the checks name them for their inline errors."""

    TOPIC = "topic"
    RATING = "rating"
    COMMENT = "comment"
    FOLLOW_UP = "follow_up"


def check_answer(
    form: FeedbackForm, offered: tuple[Topic, ...], hr_can_follow_up: bool
) -> tuple[Answer | None, dict[Field, str]]:
    """The answer, or the problems: field → catalog key of what to say under it."""
    errors: dict[Field, str] = {}
    topic = Topic(form.topic) if form.topic in {t.value for t in offered} else None
    if topic is None:
        errors[Field.TOPIC] = "feedback.error.topic"
    rating = whole_number(form.rating, RATINGS) if form.rating is not None else None
    if rating is None:
        errors[Field.RATING] = "feedback.error.rating"
    comment = form.comment.strip()
    if len(comment) > MAX_COMMENT:
        errors[Field.COMMENT] = "feedback.error.too_long"
    if form.follow_up and not hr_can_follow_up:
        errors[Field.FOLLOW_UP] = "feedback.error.no_hr"
    if errors or topic is None or rating is None:
        return None, errors
    return Answer(topic, rating, comment, form.follow_up), {}
