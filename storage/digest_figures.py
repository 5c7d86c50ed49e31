"""Named queries of the figures the weekly HR digests showed (the `digest_figures` table)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import exists, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import DigestFigures, OutboxRow


def figures_of_week(session: Session, week: str) -> str | None:
    """The JSON of the figures the digest of `week` showed, or None if it has not been posted."""
    row = session.get(DigestFigures, week)
    return row.figures if row is not None else None


def figures_before(session: Session, week: str) -> str | None:
    """The JSON of the figures of the newest digest before `week` (ISO weeks sort as text), or None."""
    query = (
        select(col(DigestFigures.figures))
        .where(col(DigestFigures.week) < week)
        .order_by(col(DigestFigures.week).desc())
        .limit(1)
    )
    return session.execute(query).scalar_one_or_none()


def latest_figures(session: Session) -> tuple[str, str] | None:
    """The week and JSON of the figures of the newest digest posted, or None before the first."""
    query = select(col(DigestFigures.week), col(DigestFigures.figures)).order_by(col(DigestFigures.week).desc())
    row = session.execute(query.limit(1)).first()
    return (str(row[0]), str(row[1])) if row is not None else None


def any_digest(session: Session, kind: str) -> bool:
    """Whether a digest was ever planned here: its figures were kept, or a row of its `kind` is in the outbox."""
    kept = exists().where(col(DigestFigures.week).is_not(None))
    queued = exists().where(col(OutboxRow.kind) == kind)
    return bool(session.execute(select(kept | queued)).scalar())


def save_figures(session: Session, week: str, figures: str, now: datetime) -> bool:
    """Keep what the digest of `week` showed; False (and the first kept) when that week's are kept already."""
    insert = postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(DigestFigures)
        .values(week=week, figures=figures, sent_at=now)
        .on_conflict_do_nothing(index_elements=["week"])
        .returning(col(DigestFigures.week))
    )
    return session.execute(statement).first() is not None
