"""Matching rounds: the cohort a round reads, its rounds and proposals, and the changes that happen exactly once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, false, func, insert, select, update
from sqlalchemy.orm import Session
from sqlmodel import col

from storage.db import rowcount
from storage.models import (
    MatchRound,
    PairingRequest,
    Person,
    Profile,
    ProposalStatus,
    RequestStatus,
    RoundProposal,
)
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE

OPEN = ProposalStatus.OPEN.value
CLOSED_PROPOSALS = (ProposalStatus.DECLINED.value, ProposalStatus.EXPIRED.value)


@dataclass(frozen=True)
class MenteeRow:
    user_id: str
    function_area: str
    goals: str
    locale: str
    tz: str
    joined_at: datetime | None


def mentee_rows(session: Session, user_ids: Collection[str]) -> dict[str, MenteeRow]:
    """The profiles and Slack details (as last cached) of these people, if still here."""
    query = (
        select(
            col(Profile.user_id),
            col(Profile.function_area),
            col(Profile.goals),
            col(Person.locale),
            col(Person.tz),
            col(Person.joined_at),
        )
        .outerjoin(Person, col(Person.user_id) == col(Profile.user_id))
        .where(~func.coalesce(col(Person.gone), false()), col(Profile.user_id).in_(list(user_ids)))
    )
    return {
        user_id: MenteeRow(user_id, area, goals, locale or DEFAULT_LOCALE, tz or DEFAULT_ZONE, joined)
        for user_id, area, goals, locale, tz, joined in session.execute(query)
    }


def promised_places(session: Session) -> dict[str, int]:
    """Each mentor's places promised in open proposals."""
    query = (
        select(col(RoundProposal.mentor_id), func.count())
        .where(col(RoundProposal.status) == OPEN)
        .group_by(col(RoundProposal.mentor_id))
    )
    return {mentor: int(n) for mentor, n in session.execute(query)}


def mentees_in_open_proposals(session: Session) -> set[str]:
    query = select(col(RoundProposal.mentee_id)).where(col(RoundProposal.status) == OPEN)
    return set(session.execute(query).scalars())


def proposed_before(session: Session, mentee_ids: Collection[str]) -> dict[str, set[str]]:
    """Per mentee, the mentors of their proposals declined or expired: a round never proposes those two again (on top
    of storage.matching.excluded_mentors, the rule `/mentor find` keeps)."""
    ids = list(mentee_ids)
    found: dict[str, set[str]] = defaultdict(set)
    if not ids:
        return found
    query = select(col(RoundProposal.mentee_id), col(RoundProposal.mentor_id)).where(
        col(RoundProposal.mentee_id).in_(ids), col(RoundProposal.status).in_(CLOSED_PROPOSALS)
    )
    for mentee, mentor in session.execute(query):
        found[mentee].add(mentor)
    return found


def add_round(session: Session, area: str, created_by: str, now: datetime, total: float, greedy: float) -> MatchRound:
    row = MatchRound(area=area, created_by=created_by, created_at=now, total_score=total, greedy_score=greedy)
    session.add(row)
    session.flush()
    return row


def add_proposals(session: Session, round_id: int, pairs: Sequence[tuple[str, str, float, str]]) -> None:
    """A round's pairs as drafts: (mentee, mentor, score, reasons as JSON) each, in one statement."""
    if pairs:
        rows = [
            {
                "round_id": round_id,
                "mentee_id": mentee,
                "mentor_id": mentor,
                "score": score,
                "reasons": reasons,
                "mentee_answer": "",
                "mentor_answer": "",
                "status": ProposalStatus.DRAFT.value,
            }
            for mentee, mentor, score, reasons in pairs
        ]
        session.execute(insert(RoundProposal), rows)


def get_round(session: Session, round_id: int) -> MatchRound | None:
    return session.get(MatchRound, round_id)


def mark_round_sent(session: Session, round_id: int, now: datetime) -> bool:
    """Draft → sent, exactly once: False when another click (another HR admin's) sent it first."""
    query = (
        update(MatchRound).where(col(MatchRound.id) == round_id, col(MatchRound.sent_at).is_(None)).values(sent_at=now)
    )
    return rowcount(session.execute(query)) == 1


def forget_unsent_rounds(session: Session, before: datetime) -> int:
    """Rounds previewed before `before` and never sent, with their draft pairs: how many rounds went."""
    stale = select(col(MatchRound.id)).where(col(MatchRound.sent_at).is_(None), col(MatchRound.created_at) < before)
    ids = list(session.execute(stale).scalars())
    if not ids:
        return 0
    session.execute(delete(RoundProposal).where(col(RoundProposal.round_id).in_(ids)))
    return rowcount(session.execute(delete(MatchRound).where(col(MatchRound.id).in_(ids))))


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


def open_proposals(session: Session, opened: Sequence[tuple[int, datetime]]) -> None:
    """Drafts → open, each with when it expires, in one statement."""
    if opened:
        rows = [{"id": proposal_id, "status": OPEN, "expires_at": expires_at} for proposal_id, expires_at in opened]
        session.execute(update(RoundProposal), rows)


def drop_proposals(session: Session, proposal_ids: Sequence[int], now: datetime) -> None:
    """Drafts no longer valid when the round was sent."""
    if proposal_ids:
        query = update(RoundProposal).where(
            col(RoundProposal.id).in_(list(proposal_ids)), col(RoundProposal.status) == ProposalStatus.DRAFT.value
        )
        session.execute(query.values(status=ProposalStatus.DROPPED.value, answered_at=now))


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


def remember_request(session: Session, proposal_id: int, request_id: int) -> None:
    session.execute(update(RoundProposal).where(col(RoundProposal.id) == proposal_id).values(request_id=request_id))


def from_a_round(session: Session, request_id: int) -> bool:
    """Whether this accepted request stands for a round's proposal both accepted (its news says so)."""
    query = select(col(RoundProposal.id)).where(col(RoundProposal.request_id) == request_id)
    return session.execute(query.limit(1)).first() is not None


def open_proposals_of(session: Session, user_id: str) -> list[RoundProposal]:
    """The person's open proposals, as mentee or mentor."""
    query = select(RoundProposal).where(
        col(RoundProposal.status) == OPEN,
        (col(RoundProposal.mentee_id) == user_id) | (col(RoundProposal.mentor_id) == user_id),
    )
    return list(session.execute(query.order_by(col(RoundProposal.id))).scalars())
