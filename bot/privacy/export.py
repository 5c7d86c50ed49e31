"""`/mentor privacy export`: what is stored about a person, as a JSON document built when it is sent.

The command writes one outbox row (keyed by person and minute, so a double command sends one file); its
sender (handlers/privacy/deliveries.py) builds the document then, so it is what is stored at that moment.
The document holds what the person wrote and what the bot keeps about them, never the other side's private
words: a request they sent carries their note but not the mentor's decline reason; a request they received
carries their own decline reason but not the mentee's note; a check-in carries its note only if they wrote it.
The anonymous store is not in it: nothing links its rows to anyone, and the document says so.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from bot.delivery.kinds import KINDS, KindSpec, Nothing
from storage.models import Checkin, KnowledgeSeat, KnowledgeSession, Pairing, PairingRequest, RoundProposal
from storage.privacy import Stored

EXPORT = "privacy.export"
EXPORTING = KINDS.declare(KindSpec(EXPORT, Nothing, Nothing()))


def export_key(user_id: str, now: datetime) -> str:
    """One export per person and minute: a double command (or a retried one) sends one file."""
    return f"{EXPORT}:{user_id}:{now:%Y-%m-%dT%H:%M}"


def _when(value: datetime | date | None) -> str | None:
    return value.isoformat() if value is not None else None


def export_document(user_id: str, stored: Stored, now: datetime, not_included: str) -> dict[str, Any]:
    """Everything stored about `user_id`, with only their own words (pure: the rows in, plain values out)."""
    return {
        "user_id": user_id,
        "exported_at": now.isoformat(),
        "slack_details": _slack_details(stored),
        "profile": _profile(stored),
        "requests_sent": [_sent(r) for r in stored.requests if r.mentee_id == user_id],
        "requests_received": [_received(r) for r in stored.requests if r.mentor_id == user_id],
        "pairings": [_pairing(user_id, p, stored.cadences.get(p.id or 0)) for p in stored.pairings],
        "checkins": [_checkin(user_id, c) for c in stored.checkins],
        "evaluations_answered": _evaluations(user_id, stored),
        "knowledge_sessions_hosted": [_hosted(s) for s in stored.sessions_hosted],
        "knowledge_sessions_joined": [_joined(seat, s) for seat, s in stored.seats],
        "round_proposals": [_proposal(user_id, p) for p in stored.proposals],
        "mentors_with_room_told_of": [{"mentor": mentor, "at": _when(at)} for mentor, at in stored.told_about],
        "no_news_of_mentors_since": _when(stored.waiting_opt_out),
        "not_included": not_included,
    }


def _slack_details(stored: Stored) -> dict[str, Any] | None:
    person = stored.person
    if person is None:
        return None
    return {
        "locale": person.locale,
        "time_zone": person.tz,
        "fetched_at": _when(person.fetched_at),
        "joined_at": _when(person.joined_at),  # from Slack's team_join: newcomers are preferred (bot.welcomes)
    }


def _profile(stored: Stored) -> dict[str, Any] | None:
    p = stored.profile
    if p is None:
        return None
    return {
        "role": p.role,
        "function_area": p.function_area,
        "skills": p.skills,
        "goals": p.goals,
        "capacity": p.capacity,
        "available": p.available,
        "likes_newcomers": p.likes_newcomers,
        "created_at": _when(p.created_at),
        "updated_at": _when(p.updated_at),
    }


def _sent(r: PairingRequest) -> dict[str, Any]:
    return {
        "to_mentor": r.mentor_id,
        "status": r.status,
        "your_note": r.note,
        "sent_at": _when(r.created_at),
        "answered_at": _when(r.answered_at),
    }


def _received(r: PairingRequest) -> dict[str, Any]:
    return {
        "from_mentee": r.mentee_id,
        "status": r.status,
        "your_decline_reason": r.decline_reason,
        "received_at": _when(r.created_at),
        "answered_at": _when(r.answered_at),
    }


def _pairing(user_id: str, p: Pairing, cadence: str | None) -> dict[str, Any]:
    mentor = p.mentor_id == user_id
    return {
        "pairing": p.id,
        "your_role": "mentor" if mentor else "mentee",
        "partner": p.mentee_id if mentor else p.mentor_id,
        "status": p.status,
        "started_at": _when(p.started_at),
        "ended_at": _when(p.ended_at),
        "cadence": cadence,
    }


def _checkin(user_id: str, c: Checkin) -> dict[str, Any]:
    mine = c.logged_by == user_id
    found: dict[str, Any] = {"pairing": c.pairing_id, "period": c.period, "met_on": _when(c.met_on)}
    found["logged_by_you"] = mine
    if mine:  # the partner's note is theirs: never in this export
        found.update(progress=c.progress, your_note=c.note)
    return found


def _proposal(user_id: str, p: RoundProposal) -> dict[str, Any]:
    """A matching round's proposal (bot.rounds): who with, and both answers (the other's is news they were sent)."""
    mentor = p.mentor_id == user_id
    return {
        "your_role": "mentor" if mentor else "mentee",
        "other": p.mentee_id if mentor else p.mentor_id,
        "status": p.status,
        "your_answer": (p.mentor_answer if mentor else p.mentee_answer) or None,
        "expires_at": _when(p.expires_at),
        "answered_at": _when(p.answered_at),
    }


def _evaluations(user_id: str, stored: Stored) -> list[dict[str, Any]]:
    """The evaluations they answered (which step, as which side, and an end's choice): their scores are anonymous."""
    sides = {p.id: "mentor" if p.mentor_id == user_id else "mentee" for p in stored.pairings}
    return [
        {"pairing": e.pairing_id, "step": e.step, "side": e.side, "carry_on": e.carry_on}
        for e in stored.evaluations
        if sides.get(e.pairing_id) == e.side
    ]


def _hosted(s: KnowledgeSession) -> dict[str, Any]:
    return {
        "session": s.id,
        "title": s.title,
        "what_people_learn": s.learn,
        "starts_at": _when(s.starts_at),
        "minutes": s.minutes,
        "seats": s.seats,
        "seats_taken": s.taken,
        "channel": s.channel,
        "cancelled_at": _when(s.cancelled_at),
    }


def _joined(seat: KnowledgeSeat, s: KnowledgeSession) -> dict[str, Any]:
    return {
        "session": s.id,
        "title": s.title,
        "starts_at": _when(s.starts_at),
        "your_place": seat.status,
        "joined_at": _when(seat.joined_at),
    }
