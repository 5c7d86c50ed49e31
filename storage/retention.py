"""Retention: private texts blanked once their time is up, a batch at a time (only the text; the facts stay)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import TextClause, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.models import NOTE_KEPT, REASON_KEPT, Checkin, PairingRequest


def blank_notes_written_before(session: Session, before: datetime, limit: int) -> int:
    """Blank up to `limit` check-in notes written before `before`; how many. The check-in itself stays: the
    rhythm and the figures count it."""
    return _blank(session, Checkin, NOTE_KEPT, col(Checkin.created_at), "note", before, limit)


def blank_decline_reasons_answered_before(session: Session, before: datetime, limit: int) -> int:
    """Blank up to `limit` decline reasons of requests answered before `before`; how many. The request stays."""
    answered = col(PairingRequest.answered_at)
    return _blank(session, PairingRequest, REASON_KEPT, answered, "decline_reason", before, limit)


def _blank(
    session: Session,
    table: type[Checkin] | type[PairingRequest],
    kept: TextClause,
    since: Any,
    text: str,
    before: datetime,
    limit: int,
) -> int:
    """One batch: the oldest rows whose `text` is still kept and whose `since` is before `before`, blanked."""
    due = select(col(table.id)).where(kept, since < before).order_by(since).limit(limit)
    blank = (
        update(table)
        .where(col(table.id).in_(due.scalar_subquery()))
        .values({text: ""})
        .execution_options(synchronize_session=False)
    )
    return rowcount(session.execute(blank))
