"""The anonymous store's one way in: a row with nothing that points to a person, under a random key."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import uuid4

from sqlalchemy import insert
from sqlalchemy.orm import Session

from storage.models import Feedback


@dataclass(frozen=True)
class AnonymousAnswer:
    """What a `feedback` row holds: the groupings the figures use, the ISO week, the scores and the comment."""

    topic: str
    role: str
    function_area: str
    week: str
    rating: int
    progress: int | None = None
    recommend: int | None = None
    comment: str = ""


def iso_week(day: date) -> str:
    """The finest time the store keeps: `2027-W22`."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def store_answer(session: Session, answer: AnonymousAnswer) -> None:
    """One INSERT and nothing else: the caller's transaction must write no other row (no outbox, no audit),
    so nothing committed with it can say whose it is."""
    values = {
        "id": uuid4().hex,
        "topic": answer.topic,
        "role": answer.role,
        "function_area": answer.function_area,
        "week": answer.week,
        "rating": answer.rating,
        "progress": answer.progress,
        "recommend": answer.recommend,
        "comment": answer.comment,
    }
    session.execute(insert(Feedback).values(values))
