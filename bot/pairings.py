"""Pairings: what a person is part of, and (with the handshake) how a request becomes a pairing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.profiles import ProfileData, ProfileService
from storage.matching import taken_slots
from storage.models import Pairing, PairingRequest, PairingStatus
from storage.pairings import pairings_of, pending_requests_of
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class PairingView:
    """A pairing seen from one side: who the other person is, and whether I mentor them."""

    pairing_id: int
    other_id: str
    i_mentor: bool
    status: PairingStatus
    since: datetime


@dataclass(frozen=True)
class RequestView:
    request_id: int
    other_id: str
    i_mentor: bool  # True: someone asked me; False: I asked them
    sent_at: datetime


@dataclass(frozen=True)
class Overview:
    profile: ProfileData | None
    pairings: tuple[PairingView, ...]
    requests: tuple[RequestView, ...]
    free_slots: int


class PairingService:
    def __init__(self, uow: Callable[[], UnitOfWork], profiles: ProfileService, clock: Callable[[], datetime]):
        self._uow = uow
        self._profiles = profiles
        self._clock = clock

    def overview(self, user_id: str) -> Overview:
        profile = self._profiles.get(user_id)
        with self._uow() as uow:
            pairings = tuple(_pairing_view(p, user_id) for p in pairings_of(uow.session, user_id))
            requests = tuple(_request_view(r, user_id) for r in pending_requests_of(uow.session, user_id))
            taken = taken_slots(uow.session, user_id)
        free = max(profile.capacity - taken, 0) if profile is not None and profile.role.mentors else 0
        return Overview(profile, pairings, requests, free)


def _pairing_view(pairing: Pairing, user_id: str) -> PairingView:
    i_mentor = pairing.mentor_id == user_id
    other = pairing.mentee_id if i_mentor else pairing.mentor_id
    return PairingView(pairing.id or 0, other, i_mentor, PairingStatus(pairing.status), pairing.started_at)


def _request_view(request: PairingRequest, user_id: str) -> RequestView:
    i_mentor = request.mentor_id == user_id
    other = request.mentee_id if i_mentor else request.mentor_id
    return RequestView(request.id or 0, other, i_mentor, request.created_at)
