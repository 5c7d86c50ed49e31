"""What is stored about one person, read for their export, and erased when they ask (bot/privacy)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import col

from storage.db import rowcount
from storage.models import (
    AuditRow,
    Checkin,
    Evaluation,
    FeedbackGiven,
    KnowledgeSeat,
    KnowledgeSession,
    MatchRound,
    OutboxRow,
    Pairing,
    PairingRequest,
    Person,
    Profile,
    ProposalStatus,
    Rhythm,
    RoundProposal,
)
from storage.pairings import pairings_of
from storage.pool_version import bump_pool_version
from storage.waiting import mentors_told_of, opted_out_since


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
    sessions_hosted: list[KnowledgeSession] = field(default_factory=list)  # knowledge sessions (bot.knowledge)
    seats: list[tuple[KnowledgeSeat, KnowledgeSession]] = field(default_factory=list)  # sessions joined
    proposals: list[RoundProposal] = field(default_factory=list)  # a matching round's, as mentee or mentor
    # bot.waiting: since when they asked not to hear of new mentors, and which mentors they were told of, when.
    waiting_opt_out: datetime | None = None
    told_about: list[tuple[str, datetime]] = field(default_factory=list)


def stored_about(session: Session, user_id: str) -> Stored:
    pairings = pairings_of(session, user_id)
    ids = [p.id for p in pairings if p.id is not None]
    requests = select(PairingRequest).where(
        or_(col(PairingRequest.mentee_id) == user_id, col(PairingRequest.mentor_id) == user_id)
    )
    rhythms = select(Rhythm).where(col(Rhythm.pairing_id).in_(ids))
    checkins = select(Checkin).where(col(Checkin.pairing_id).in_(ids))
    evaluations = select(Evaluation).where(col(Evaluation.pairing_id).in_(ids))
    hosted = select(KnowledgeSession).where(col(KnowledgeSession.host_id) == user_id)
    seats = (
        select(KnowledgeSeat, KnowledgeSession)
        .join(KnowledgeSession, col(KnowledgeSession.id) == col(KnowledgeSeat.session_id))
        .where(col(KnowledgeSeat.user_id) == user_id)
    )
    proposals = select(RoundProposal).where(
        or_(col(RoundProposal.mentee_id) == user_id, col(RoundProposal.mentor_id) == user_id),
        col(RoundProposal.status) != ProposalStatus.DRAFT.value,  # a draft was never sent: only HR saw it
    )
    return Stored(
        person=session.get(Person, user_id),
        profile=session.get(Profile, user_id),
        requests=list(session.execute(requests.order_by(col(PairingRequest.id))).scalars()),
        pairings=pairings,
        cadences={r.pairing_id: r.cadence for r in session.execute(rhythms).scalars()},
        checkins=list(session.execute(checkins.order_by(col(Checkin.pairing_id), col(Checkin.period))).scalars()),
        evaluations=list(session.execute(evaluations.order_by(col(Evaluation.id))).scalars()),
        sessions_hosted=list(session.execute(hosted.order_by(col(KnowledgeSession.id))).scalars()),
        seats=[(seat, joined) for seat, joined in session.execute(seats.order_by(col(KnowledgeSeat.id)))],
        proposals=list(session.execute(proposals.order_by(col(RoundProposal.id))).scalars()),
        waiting_opt_out=opted_out_since(session, user_id),
        told_about=mentors_told_of(session, user_id),
    )


def erase_rows_of(session: Session, user_id: str, tombstone: str) -> bool:
    """Their own rows go; the rows their partners keep (pairings, the check-ins of them) name the tombstone.

    Requests go both ways: a request is the two of them and their words, and the partner's history is the
    pairing, which stays (naming the tombstone). The notes they wrote in shared check-ins are blanked.
    Whether any of it was there (the cached Slack details aside: any request fills them in again).
    """
    session.execute(delete(Person).where(col(Person.user_id) == user_id))
    requests = or_(col(PairingRequest.mentee_id) == user_id, col(PairingRequest.mentor_id) == user_id)
    session.execute(update(Pairing).where(requests_of_pairing(user_id)).values(request_id=None))
    statements = [
        delete(Profile).where(col(Profile.user_id) == user_id),
        delete(FeedbackGiven).where(col(FeedbackGiven.user_id) == user_id),
        delete(PairingRequest).where(requests),
        update(Checkin).where(col(Checkin.logged_by) == user_id).values(logged_by=tombstone, note=""),
        update(Pairing).where(col(Pairing.mentor_id) == user_id).values(mentor_id=tombstone),
        update(Pairing).where(col(Pairing.mentee_id) == user_id).values(mentee_id=tombstone),
        update(AuditRow).where(col(AuditRow.actor) == user_id).values(actor=tombstone),
        # Their seats go (a session's count of seats taken stays); a session they host stays for those who joined.
        delete(KnowledgeSeat).where(col(KnowledgeSeat.user_id) == user_id),
        update(KnowledgeSession).where(col(KnowledgeSession.host_id) == user_id).values(host_id=tombstone),
        # A matching round's proposals are the two of them, as a request is; the round HR ran names the tombstone.
        delete(RoundProposal).where(
            or_(col(RoundProposal.mentee_id) == user_id, col(RoundProposal.mentor_id) == user_id)
        ),
        update(MatchRound).where(col(MatchRound.created_by) == user_id).values(created_by=tombstone),
    ]
    found = sum(rowcount(session.execute(statement)) for statement in statements) > 0
    bump_pool_version(session)  # a profile, a person or a pairing's people may have gone
    return found


def requests_of_pairing(user_id: str) -> ColumnElement[bool]:
    """The pairings that point to one of the person's requests (the pointer goes before the request)."""
    ids = select(col(PairingRequest.id)).where(
        or_(col(PairingRequest.mentee_id) == user_id, col(PairingRequest.mentor_id) == user_id)
    )
    return col(Pairing.request_id).in_(ids)


def request_copies_of(session: Session, user_id: str) -> list[tuple[str, str, str]]:
    """The mentor's copies (mentor, channel, ts) of the requests the person sent, where the bot kept them."""
    query = select(col(PairingRequest.mentor_id), col(PairingRequest.dm_channel), col(PairingRequest.dm_ts)).where(
        col(PairingRequest.mentee_id) == user_id, col(PairingRequest.dm_ts) != ""
    )
    return [(str(m), str(c), str(t)) for m, c, t in session.execute(query)]


def scrub_outbox(session: Session, user_id: str, tombstone: str) -> int:
    """Every outbox row that names the person names the tombstone instead (sent ones too: they are kept a while).

    Slack user ids are of one shape and length, so one id is never part of another.
    """
    names = ("recipient", "subject", "unique_key", "order_key", "progress")
    columns = {name: getattr(OutboxRow, name) for name in names}
    naming = or_(*(col(c).like(f"%{user_id}%") for c in columns.values()))
    values = {name: func.replace(col(c), user_id, tombstone) for name, c in columns.items()}
    return rowcount(session.execute(update(OutboxRow).where(naming).values(values)))
