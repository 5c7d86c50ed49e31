"""Retention: private texts blanked once their time is up, a batch at a time (only the text; the facts stay)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.models import NOTE_KEPT, REASON_KEPT, Checkin, PairingRequest


def blank_notes_written_before(session: Session, before: datetime, limit: int) -> int:
    """Blank up to `limit` check-in notes written before `before`; how many. The check-in itself stays: the
    rhythm and the figures count it."""
    due = (
        select(col(Checkin.id))
        .where(NOTE_KEPT, col(Checkin.created_at) < before)
        .order_by(col(Checkin.created_at))
        .limit(limit)
    )
    blank = (
        update(Checkin)
        .where(col(Checkin.id).in_(due.scalar_subquery()))
        .values(note="")
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(blank))


def blank_decline_reasons_answered_before(session: Session, before: datetime, limit: int) -> int:
    """Blank up to `limit` decline reasons of requests answered before `before`; how many. The request stays."""
    due = (
        select(col(PairingRequest.id))
        .where(REASON_KEPT, col(PairingRequest.answered_at) < before)
        .order_by(col(PairingRequest.answered_at))
        .limit(limit)
    )
    blank = (
        update(PairingRequest)
        .where(col(PairingRequest.id).in_(due.scalar_subquery()))
        .values(decline_reason="")
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(blank))
