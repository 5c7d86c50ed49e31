"""Evaluations: each side's answers at a pairing's midpoint and end, kept once."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.claims import picked_once
from storage.models import Evaluation, Rhythm


def add_evaluation(session: Session, evaluation: Evaluation) -> bool:
    """Once per side and step: False when this side answered already (a second click, a second tab)."""
    try:
        with session.begin_nested():
            session.add(evaluation)
            session.flush()
    except IntegrityError:
        return False
    return True


def answers_for(session: Session, pairing_id: int, step: int) -> dict[str, Evaluation]:
    """This step's answers, by side."""
    query = select(Evaluation).where(col(Evaluation.pairing_id) == pairing_id, col(Evaluation.step) == step)
    return {row.side: row for row in session.execute(query).scalars()}


def answered_sides(session: Session, pairing_ids: list[int]) -> set[tuple[int, int, str]]:
    """(pairing, step, side) of every answer given in these pairings."""
    if not pairing_ids:
        return set()
    query = select(col(Evaluation.pairing_id), col(Evaluation.step), col(Evaluation.side)).where(
        col(Evaluation.pairing_id).in_(pairing_ids)
    )
    return {(int(p), int(s), str(side)) for p, s, side in session.execute(query)}


def claim_due_evaluations(session: Session, now: datetime, limit: int) -> list[int]:
    """Take up to `limit` pairings whose evaluation day has begun (their `next_evaluation_at` cleared).

    A write first, so SQLite takes its lock before any read; on PostgreSQL rows another process holds are
    skipped, so two ticks write each pairing's asks once (their unique keys would refuse a second anyway).
    """
    due = (
        select(col(Rhythm.pairing_id))
        .where(col(Rhythm.next_evaluation_at) <= now)
        .order_by(col(Rhythm.next_evaluation_at), col(Rhythm.pairing_id))
        .limit(limit)
    )
    claim = (
        update(Rhythm)
        .where(col(Rhythm.pairing_id).in_(picked_once(session, due)), col(Rhythm.next_evaluation_at) <= now)
        .values(next_evaluation_at=None)
        .returning(col(Rhythm.pairing_id))
        .execution_options(synchronize_session=False)
    )
    return sorted(pairing_id for (pairing_id,) in session.execute(claim))


def next_evaluation(session: Session) -> datetime | None:
    """When the tick next has evaluations to ask for, if any."""
    return session.execute(select(func.min(col(Rhythm.next_evaluation_at)))).scalar_one_or_none()
