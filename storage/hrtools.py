"""Named queries of HR's export: the columns of profiles and pairings HR may have, and nothing anyone wrote.

Each is one statement whatever the size of the programme. No column of text a person typed is selected (skills,
goals, notes, decline reasons): what is not read can't end up in a file.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Checkin, Pairing, PairingStatus, Profile, Rhythm

ProfileRow = tuple[str, str, str, int, bool, datetime, datetime]
PairingRow = tuple[int, str, str, str, datetime, datetime | None, str | None, int]


def exported_profiles(session: Session) -> list[ProfileRow]:
    """Every profile: user id, role, area, capacity, open to requests, created, updated; oldest first."""
    query = select(
        col(Profile.user_id),
        col(Profile.role),
        col(Profile.function_area),
        col(Profile.capacity),
        col(Profile.available),
        col(Profile.created_at),
        col(Profile.updated_at),
    ).order_by(col(Profile.created_at), col(Profile.user_id))
    return [tuple(row) for row in session.execute(query)]  # type: ignore[misc]


def exported_pairings(session: Session) -> list[PairingRow]:
    """Every pairing: id, mentor, mentee, state, started, ended, cadence (None before its rhythm), check-ins."""
    checkins = select(func.count(col(Checkin.id))).where(col(Checkin.pairing_id) == col(Pairing.id)).scalar_subquery()
    query = (
        select(
            col(Pairing.id),
            col(Pairing.mentor_id),
            col(Pairing.mentee_id),
            col(Pairing.status),
            col(Pairing.started_at),
            col(Pairing.ended_at),
            col(Rhythm.cadence),
            checkins,
        )
        .outerjoin(Rhythm, col(Rhythm.pairing_id) == col(Pairing.id))
        .order_by(col(Pairing.id))
    )
    return [tuple(row) for row in session.execute(query)]


def stalled_pair(session: Session, pairing_id: int) -> tuple[str, str] | None:
    """The mentor and mentee of this pairing if it is current and stalled; None if not (any more)."""
    query = (
        select(col(Pairing.mentor_id), col(Pairing.mentee_id))
        .join(Rhythm, col(Rhythm.pairing_id) == col(Pairing.id))
        .where(
            col(Pairing.id) == pairing_id,
            col(Pairing.status).in_((PairingStatus.ACTIVE.value, PairingStatus.PAUSED.value)),
            col(Rhythm.stalled_at).is_not(None),
        )
    )
    row = session.execute(query).first()
    return (str(row[0]), str(row[1])) if row is not None else None
