"""The audit trail's rows: written in the caller's unit of work, read newest first."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import AuditRow


def add_audit(session: Session, at: datetime, actor: str, action: str, detail: str = "") -> None:
    session.add(AuditRow(at=at, actor=actor, action=action, detail=detail))


def latest_audit(session: Session, limit: int) -> list[AuditRow]:
    query = select(AuditRow).order_by(col(AuditRow.at).desc(), col(AuditRow.id).desc()).limit(limit)
    return list(session.execute(query).scalars())
