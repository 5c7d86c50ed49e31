"""Answers in the anonymous store, written with the model (as the feedback dialog would leave them)."""

from __future__ import annotations

from uuid import uuid4

from sqlalchemy import Engine

from storage.db import make_session_factory
from storage.models import Feedback
from storage.uow import UnitOfWork


def seed_feedback(
    engine: Engine,
    n: int,
    *,
    week: str,
    topic: str = "programme",
    role: str = "mentee",
    area: str = "Engineering",
    rating: int = 4,
    comment: str = "",
) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        for _ in range(n):
            row = Feedback(
                id=uuid4().hex, topic=topic, role=role, function_area=area, week=week, rating=rating, comment=comment
            )
            uow.session.add(row)
        uow.commit()
