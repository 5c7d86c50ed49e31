"""What is stored about one person, read for their export, and erased when they ask (bot/privacy)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from storage.models import (
    Checkin,
    Evaluation,
    FeedbackGiven,
    Pairing,
    PairingRequest,
    Person,
    Profile,
    ProfileTopic,
    Rhythm,
)
from storage.pairings import pairings_of


@dataclass(frozen=True)
class Stored:
    """Every row that is about one person (the anonymous store has none: nothing links it to anyone)."""

    person: Person | None
    profile: Profile | None
    requests: list[PairingRequest]
    pairings: list[Pairing]
    cadences: dict[int, str]
    checkins: list[Checkin]
    evaluations: list[Evaluation]


def stored_about(session: Session, user_id: str) -> Stored:
    pairings = pairings_of(session, user_id)
    ids = [p.id for p in pairings if p.id is not None]
    requests = select(PairingRequest).where(
        or_(col(PairingRequest.mentee_id) == user_id, col(PairingRequest.mentor_id) == user_id)
    )
    rhythms = select(Rhythm).where(col(Rhythm.pairing_id).in_(ids))
    checkins = select(Checkin).where(col(Checkin.pairing_id).in_(ids))
    evaluations = select(Evaluation).where(col(Evaluation.pairing_id).in_(ids))
    return Stored(
        person=session.get(Person, user_id),
        profile=session.get(Profile, user_id),
        requests=list(session.execute(requests.order_by(col(PairingRequest.id))).scalars()),
        pairings=pairings,
        cadences={r.pairing_id: r.cadence for r in session.execute(rhythms).scalars()},
        checkins=list(session.execute(checkins.order_by(col(Checkin.pairing_id), col(Checkin.period))).scalars()),
        evaluations=list(session.execute(evaluations.order_by(col(Evaluation.id))).scalars()),
    )


def erase_rows_of(session: Session, user_id: str, tombstone: str) -> None:
    """Their own rows go; the rows their partners keep (pairings, the check-ins of them) name the tombstone.

    Requests go both ways: a request is the two of them and their words, and the partner's history is the
    pairing, which stays (naming the tombstone). The notes they wrote in shared check-ins are blanked.
    """
    session.execute(delete(ProfileTopic).where(col(ProfileTopic.user_id) == user_id))
    session.execute(delete(Profile).where(col(Profile.user_id) == user_id))
    session.execute(delete(Person).where(col(Person.user_id) == user_id))
    session.execute(delete(FeedbackGiven).where(col(FeedbackGiven.user_id) == user_id))
    requests = or_(col(PairingRequest.mentee_id) == user_id, col(PairingRequest.mentor_id) == user_id)
    session.execute(update(Pairing).where(requests_of_pairing(user_id)).values(request_id=None))
    session.execute(delete(PairingRequest).where(requests))
    session.execute(update(Checkin).where(col(Checkin.logged_by) == user_id).values(logged_by=tombstone, note=""))
    session.execute(update(Pairing).where(col(Pairing.mentor_id) == user_id).values(mentor_id=tombstone))
    session.execute(update(Pairing).where(col(Pairing.mentee_id) == user_id).values(mentee_id=tombstone))


def requests_of_pairing(user_id: str) -> ColumnElement[bool]:
    """The pairings that point to one of the person's requests (the pointer goes before the request)."""
    ids = select(col(PairingRequest.id)).where(
        or_(col(PairingRequest.mentee_id) == user_id, col(PairingRequest.mentor_id) == user_id)
    )
    return col(Pairing.request_id).in_(ids)
