"""The anonymous store's writes, and the once-a-week record kept apart from it.

`store_answer` is the one way a row enters the `feedback` table (feedback given, and evaluation scores): it
writes that row and nothing else. The record that someone gave feedback on a topic this week is claimed and
released in transactions of its own, and forgotten once the week is over.
"""

from __future__ import annotations

import dataclasses
import uuid
from dataclasses import dataclass

from sqlalchemy import delete, insert, select, tuple_
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.models import Feedback, FeedbackGiven


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


def store_answer(session: Session, answer: AnonymousAnswer) -> None:
    """One INSERT under a random key, and nothing else: no author, no pairing, no time finer than the week. The
    caller's transaction must write no other row (no outbox, no audit), so nothing committed with it says whose."""
    session.execute(insert(Feedback).values(id=uuid.uuid4().hex, **dataclasses.asdict(answer)))


def claim_week(session: Session, week: str, topic: str, user_id: str) -> bool:
    """Record that `user_id` gives feedback on `topic` in `week`; False when they did already (a conditional
    insert, so two tabs sending at once claim it once)."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(FeedbackGiven)
        .values(week=week, topic=topic, user_id=user_id)
        .on_conflict_do_nothing(index_elements=["week", "topic", "user_id"])
        .returning(col(FeedbackGiven.week))
    )
    return session.execute(statement).first() is not None


def release_week(session: Session, week: str, topic: str, user_id: str) -> None:
    """Undo a claim whose feedback could not be stored, so the person can send it again."""
    session.execute(
        delete(FeedbackGiven).where(
            col(FeedbackGiven.week) == week, col(FeedbackGiven.topic) == topic, col(FeedbackGiven.user_id) == user_id
        )
    )


def forget_weeks_before(session: Session, week: str, limit: int) -> int:
    """Delete up to `limit` once-a-week records of weeks before `week` (ISO weeks sort as text); how many."""
    columns = (col(FeedbackGiven.week), col(FeedbackGiven.topic), col(FeedbackGiven.user_id))
    batch = select(*columns).where(col(FeedbackGiven.week) < week).limit(limit)
    rows = [tuple(row) for row in session.execute(batch)]
    if not rows:
        return 0
    return rowcount(session.execute(delete(FeedbackGiven).where(tuple_(*columns).in_(rows))))
