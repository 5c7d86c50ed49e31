"""Matching rounds: the cohort a round reads, its rounds and proposals, and the changes that happen exactly once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.matching import HOLDS_A_SLOT, MENTORING_ROLES
from storage.models import (
    MatchRound,
    Pairing,
    PairingRequest,
    PairingStatus,
    Person,
    Profile,
    ProposalStatus,
    RequestStatus,
    RoundProposal,
)
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE

OPEN = ProposalStatus.OPEN.value
# A mentee's mentors a round never proposes: what rules a mentor out of `/mentor find` (storage.matching), and a
# proposal between them declined or expired.
CLOSED_REQUESTS = (RequestStatus.DECLINED.value, RequestStatus.PENDING.value, RequestStatus.EXPIRED.value)
CLOSED_PROPOSALS = (ProposalStatus.DECLINED.value, ProposalStatus.EXPIRED.value)


@dataclass(frozen=True)
class PersonRow:
    user_id: str
    function_area: str
    skills: str
    skill_words: str
    goals: str
    capacity: int
    locale: str
    tz: str


def _people() -> object:
    return (
        select(
            col(Profile.user_id),
            col(Profile.function_area),
            col(Profile.skills),
            col(Profile.skill_words),
            col(Profile.goals),
            col(Profile.capacity),
            col(Person.locale),
            col(Person.tz),
        )
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(~func.coalesce(col(Person.gone), False))
    )


def people_rows(session: Session, user_ids: Collection[str]) -> dict[str, PersonRow]:
    """The profiles and Slack details (as last cached) of these people still here."""
    query = _people().where(col(Profile.user_id).in_(list(user_ids)))  # type: ignore[attr-defined]
    return {row.user_id: row for row in _rows(session, query)}


def open_mentors(session: Session) -> list[PersonRow]:
    """Every mentor still here and open to mentees (their places may all be taken), by user id."""
    query = (
        _people()
        .where(  # type: ignore[attr-defined]
            col(Profile.role).in_(MENTORING_ROLES), col(Profile.available)
        )
        .order_by(col(Profile.user_id))
    )
    return _rows(session, query)


def _rows(session: Session, query: object) -> list[PersonRow]:
    return [
        PersonRow(user_id, area, skills, words, goals, capacity, locale or DEFAULT_LOCALE, tz or DEFAULT_ZONE)
        for user_id, area, skills, words, goals, capacity, locale, tz in session.execute(query)  # type: ignore[call-overload]
    ]


def taken_places(session: Session) -> dict[str, int]:
    """Each mentor's places held by a pairing (a paused one too)."""
    query = (
        select(col(Pairing.mentor_id), func.count())
        .where(col(Pairing.status).in_(HOLDS_A_SLOT))
        .group_by(col(Pairing.mentor_id))
    )
    return {mentor: int(n) for mentor, n in session.execute(query)}


def promised_places(session: Session) -> dict[str, int]:
    """Each mentor's places promised in open proposals."""
    query = (
        select(col(RoundProposal.mentor_id), func.count())
        .where(col(RoundProposal.status) == OPEN)
        .group_by(col(RoundProposal.mentor_id))
    )
    return {mentor: int(n) for mentor, n in session.execute(query)}


def people_in_open_proposals(session: Session) -> set[str]:
    query = select(col(RoundProposal.mentee_id), col(RoundProposal.mentor_id)).where(col(RoundProposal.status) == OPEN)
    return {user for pair in session.execute(query) for user in pair}


def mentees_in_open_proposals(session: Session) -> set[str]:
    query = select(col(RoundProposal.mentee_id)).where(col(RoundProposal.status) == OPEN)
    return set(session.execute(query).scalars())


def excluded_pairs(session: Session, mentee_ids: Collection[str]) -> dict[str, set[str]]:
    """Each mentee's mentors a round may not propose: paired before (either way round), a request declined,
    waiting or expired, a proposal declined or expired."""
    excluded: dict[str, set[str]] = defaultdict(set)
    ids = list(mentee_ids)
    if not ids:
        return excluded
    pairings = select(col(Pairing.mentee_id), col(Pairing.mentor_id)).where(
        or_(col(Pairing.mentee_id).in_(ids), col(Pairing.mentor_id).in_(ids))
    )
    for mentee, mentor in session.execute(pairings):
        excluded[mentee].add(mentor)
        excluded[mentor].add(mentee)  # your own mentee is not your mentor
    requests = select(col(PairingRequest.mentee_id), col(PairingRequest.mentor_id)).where(
        col(PairingRequest.mentee_id).in_(ids), col(PairingRequest.status).in_(CLOSED_REQUESTS)
    )
    proposals = select(col(RoundProposal.mentee_id), col(RoundProposal.mentor_id)).where(
        col(RoundProposal.mentee_id).in_(ids), col(RoundProposal.status).in_(CLOSED_PROPOSALS)
    )
    for query in (requests, proposals):
        for mentee, mentor in session.execute(query):
            excluded[mentee].add(mentor)
    return excluded


def add_round(session: Session, area: str, created_by: str, now: datetime, total: float, greedy: float) -> MatchRound:
    row = MatchRound(area=area, created_by=created_by, created_at=now, total_score=total, greedy_score=greedy)
    session.add(row)
    session.flush()
    return row


def add_proposal(session: Session, round_id: int, mentee_id: str, mentor_id: str, score: float, reasons: str) -> None:
    session.add(
        RoundProposal(round_id=round_id, mentee_id=mentee_id, mentor_id=mentor_id, score=score, reasons=reasons)
    )


def get_round(session: Session, round_id: int) -> MatchRound | None:
    return session.get(MatchRound, round_id)


def mark_round_sent(session: Session, round_id: int, now: datetime) -> bool:
    """Draft → sent, exactly once: False when another click (another HR admin's) sent it first."""
    query = (
        update(MatchRound).where(col(MatchRound.id) == round_id, col(MatchRound.sent_at).is_(None)).values(sent_at=now)
    )
    return rowcount(session.execute(query)) == 1


def draft_proposals(session: Session, round_id: int) -> list[RoundProposal]:
    query = (
        select(RoundProposal)
        .where(col(RoundProposal.round_id) == round_id, col(RoundProposal.status) == ProposalStatus.DRAFT.value)
        .order_by(col(RoundProposal.id))
    )
    return list(session.execute(query).scalars())


def proposals_of_round(session: Session, round_id: int) -> list[RoundProposal]:
    query = select(RoundProposal).where(col(RoundProposal.round_id) == round_id).order_by(col(RoundProposal.id))
    return list(session.execute(query).scalars())


def open_proposal(session: Session, proposal: RoundProposal, expires_at: datetime) -> None:
    proposal.status = OPEN
    proposal.expires_at = expires_at
    session.flush()


def drop_proposal(session: Session, proposal_id: int, now: datetime) -> bool:
    return _set_status(session, proposal_id, (ProposalStatus.DRAFT.value, OPEN), ProposalStatus.DROPPED, now)


def get_proposal(session: Session, proposal_id: int) -> RoundProposal | None:
    return session.get(RoundProposal, proposal_id)


def answer_proposal(session: Session, proposal_id: int, side: str, answer: str, now: datetime) -> bool:
    """One side's answer to an open proposal, if it has not answered yet: False otherwise."""
    column = RoundProposal.mentee_answer if side == "mentee" else RoundProposal.mentor_answer
    query = (
        update(RoundProposal)
        .where(col(RoundProposal.id) == proposal_id, col(RoundProposal.status) == OPEN, col(column) == "")
        .values({column: answer, "answered_at": now})
    )
    return rowcount(session.execute(query)) == 1


def close_proposal(session: Session, proposal_id: int, status: ProposalStatus, now: datetime) -> bool:
    """Open → `status`, exactly once: False when something else closed it first."""
    return _set_status(session, proposal_id, (OPEN,), status, now)


def _set_status(
    session: Session, proposal_id: int, old: tuple[str, ...], status: ProposalStatus, now: datetime
) -> bool:
    query = (
        update(RoundProposal)
        .where(col(RoundProposal.id) == proposal_id, col(RoundProposal.status).in_(old))
        .values(status=status.value, answered_at=now)
    )
    return rowcount(session.execute(query)) == 1


def due_proposals(session: Session, now: datetime, limit: int) -> list[RoundProposal]:
    """Open proposals whose time ran out, the oldest first."""
    query = (
        select(RoundProposal)
        .where(col(RoundProposal.status) == OPEN, col(RoundProposal.expires_at) <= now)
        .order_by(col(RoundProposal.expires_at), col(RoundProposal.id))
        .limit(limit)
    )
    return list(session.execute(query).scalars())


def add_accepted_request(session: Session, mentee_id: str, mentor_id: str, now: datetime) -> PairingRequest:
    """The request a proposal both accepted stands for: the pairing starts from it as from any accepted request."""
    request = PairingRequest(
        mentee_id=mentee_id, mentor_id=mentor_id, status=RequestStatus.ACCEPTED.value, created_at=now, answered_at=now
    )
    session.add(request)
    session.flush()
    return request


def current_pairing_between(session: Session, mentee_id: str, mentor_id: str) -> bool:
    query = select(col(Pairing.id)).where(
        and_(col(Pairing.mentee_id) == mentee_id, col(Pairing.mentor_id) == mentor_id),
        col(Pairing.status) != PairingStatus.ENDED.value,
    )
    return session.execute(query.limit(1)).first() is not None
