"""Named queries of the feedback releases and the answers they are made from."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Feedback, FeedbackRelease


def all_feedback(session: Session) -> list[Feedback]:
    """Every anonymous answer (rows hold no person: reading them all tells no one anything more)."""
    return list(session.execute(select(Feedback)).scalars())


def latest_release(session: Session) -> FeedbackRelease | None:
    """The release HR sees now: the newest week's."""
    query = select(FeedbackRelease).order_by(col(FeedbackRelease.week).desc()).limit(1)
    return session.execute(query).scalars().first()


def release_of_week(session: Session, week: str) -> FeedbackRelease | None:
    return session.get(FeedbackRelease, week)


def add_release(session: Session, release: FeedbackRelease) -> bool:
    """Save a week's release; False when one was saved for that week already (another replica's tick)."""
    try:
        with session.begin_nested():
            session.add(release)
            session.flush()
    except IntegrityError:
        return False
    return True
