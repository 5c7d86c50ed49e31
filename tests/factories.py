"""People and payloads for tests, with overrides for what a test cares about."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Engine

from storage.db import make_session_factory
from storage.models import Pairing, PairingRequest, PairingStatus, RequestStatus
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


def home_opened(user_id: str) -> dict[str, str]:
    return {"type": "app_home_opened", "user": user_id, "channel": "DHOME", "tab": "home"}


def profile_submission(
    user_id: str,
    *,
    role: str = "mentee",
    area: str = "Engineering",
    skills: str = "",
    goals: str = "Python, testing",
    capacity: str = "2",
    available: str = "open",
) -> dict[str, Any]:
    """A `view_submission` of the profile modal, as Slack sends it."""

    def choice(value: str) -> dict[str, Any]:
        return {"value": {"type": "radio_buttons", "selected_option": {"value": value}}} if value else {}

    values = {
        "role": choice(role),
        "function_area": {"value": {"type": "static_select", "selected_option": {"value": area}}},
        "skills": {"value": {"type": "plain_text_input", "value": skills or None}},
        "goals": {"value": {"type": "plain_text_input", "value": goals or None}},
        "capacity": {"value": {"type": "plain_text_input", "value": capacity}},
        "available": choice(available),
    }
    return {
        "type": "view_submission",
        "team": {"id": "TSTANDIN"},
        "user": {"id": user_id},
        "api_app_id": "ASTANDIN",
        "trigger_id": "1.submission",
        "view": {"id": "VPROFILE", "type": "modal", "callback_id": "profile", "state": {"values": values}},
    }


def add_pairing(
    engine: Engine, mentor_id: str, mentee_id: str, status: PairingStatus = PairingStatus.ACTIVE
) -> None:
    """A pairing as the handshake would leave it, for tests about what pairings rule out."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        uow.session.add(
            Pairing(mentor_id=mentor_id, mentee_id=mentee_id, status=status.value, started_at=datetime.now(UTC))
        )
        uow.commit()


def add_request(engine: Engine, mentee_id: str, mentor_id: str, status: RequestStatus) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        uow.session.add(
            PairingRequest(mentee_id=mentee_id, mentor_id=mentor_id, status=status.value, created_at=datetime.now(UTC))
        )
        uow.commit()
