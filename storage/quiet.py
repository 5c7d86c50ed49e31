"""Quiet pairings' rows: which pairings went quiet long enough to stall."""

from __future__ import annotations

from sqlalchemy import exists, select
from sqlalchemy.orm import Session
from sqlalchemy.sql.expression import Exists
from sqlmodel import col

from storage.models import Pairing, PairingStatus, Rhythm

CURRENT = (PairingStatus.ACTIVE.value, PairingStatus.PAUSED.value)


def stalled() -> Exists:
    """A condition on `Pairing`: its rhythm is stalled (quiet three periods in a row)."""
    return exists().where(col(Rhythm.pairing_id) == col(Pairing.id), col(Rhythm.stalled_at).is_not(None))


def stalled_pairings_of_mentee(session: Session, mentee_id: str) -> list[Pairing]:
    """The mentee's current pairings that stalled: the ones a new mentor's accept ends."""
    query = select(Pairing).where(col(Pairing.mentee_id) == mentee_id, col(Pairing.status).in_(CURRENT), stalled())
    return list(session.execute(query.order_by(col(Pairing.id))).scalars())
