"""Pairing requests and pairings: reading them, and the changes that must happen exactly once."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.models import Pairing, PairingRequest, RequestStatus


def pairings_of(session: Session, user_id: str) -> list[Pairing]:
    """Every pairing the person is in, as mentor or mentee, the newest first."""
    query = (
        select(Pairing)
        .where(or_(col(Pairing.mentor_id) == user_id, col(Pairing.mentee_id) == user_id))
        .order_by(col(Pairing.started_at).desc(), col(Pairing.id).desc())
    )
    return list(session.execute(query).scalars())


def pending_requests_of(session: Session, user_id: str) -> list[PairingRequest]:
    """Requests the person sent or received that wait for an answer, the oldest first."""
    query = (
        select(PairingRequest)
        .where(
            col(PairingRequest.status) == RequestStatus.PENDING.value,
            or_(col(PairingRequest.mentor_id) == user_id, col(PairingRequest.mentee_id) == user_id),
        )
        .order_by(col(PairingRequest.created_at), col(PairingRequest.id))
    )
    return list(session.execute(query).scalars())
