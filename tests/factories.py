"""People and payloads for tests, with overrides for what a test cares about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from storage.db import make_session_factory
from storage.models import Pairing, PairingRequest, PairingStatus, RequestStatus
from storage.pool_version import bump_pool_version
from storage.uow import UnitOfWork


@dataclass(frozen=True)
class Persona:
    user_id: str
    name: str
    locale: str = "en-US"
    tz: str = "Europe/London"


ALICE = Persona("UALICE", "Alice Smith", "en-US", "America/New_York")
DAAN = Persona("UDAAN", "Daan Jansen", "nl-NL", "Europe/Amsterdam")
BEA = Persona("UBEA", "Bea Okafor", "en-GB", "Europe/London")
CHEN = Persona("UCHEN", "Chen Wei", "en-US", "Asia/Singapore")
EVA = Persona("UEVA", "Eva de Boer", "nl-NL", "Europe/Amsterdam")
FINN = Persona("UFINN", "Finn Murphy", "en-IE", "Europe/Dublin")
PEOPLE = {person.user_id: person for person in (ALICE, DAAN, BEA, CHEN, EVA, FINN)}

HOSTILE = ("<!channel>", "<@U123>", "<https://x|y>")


def add_pairing(engine: Engine, mentor_id: str, mentee_id: str, status: PairingStatus = PairingStatus.ACTIVE) -> None:
    """A pairing as the handshake would leave it, for tests about what pairings rule out."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        uow.session.add(
            Pairing(mentor_id=mentor_id, mentee_id=mentee_id, status=status.value, started_at=datetime.now(UTC))
        )
        bump_pool_version(uow.session)  # as storage.pairings.start_pairing does: a place taken
        uow.commit()


def add_request(engine: Engine, mentee_id: str, mentor_id: str, status: RequestStatus) -> int:
    """A request in any state (withdrawn and expired have no button yet); its id."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        request = PairingRequest(
            mentee_id=mentee_id, mentor_id=mentor_id, status=status.value, created_at=datetime.now(UTC)
        )
        uow.session.add(request)
        uow.commit()
        return request.id or 0
