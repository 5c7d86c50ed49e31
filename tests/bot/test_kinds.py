"""The registry of outbox kinds: every kind has a sender, its payload round-trips, nothing outlives what it is about."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

import bot.app  # the composition root: once imported, every feature has declared its kinds
from bot import handshake
from bot.delivery.kinds import KINDS, Cancels, KindSpec, MissingSenderError, Nothing, Payload, Registry, Sender
from bot.delivery.letters import TELLING, Tell
from bot.delivery.outbox import Job


def _send(job: Job) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Visit(Payload):
    pairing: int
    day: str


@dataclass(frozen=True)
class Lossy(Payload):
    pairing: int
    days: tuple[str, ...]  # JSON has no tuples: it comes back a list

    def to_subject(self) -> dict[str, Any]:
        return {"pairing": self.pairing, "days": self.days}


def round_trips(spec: KindSpec[Any]) -> bool:
    """Written as a row (JSON text) and read back, the payload is the one written."""
    subject = json.loads(json.dumps(dict(spec.letter("U1", spec.example).subject), sort_keys=True))
    return bool(spec.read(subject) == spec.example)


def outlives(spec: KindSpec[Any]) -> list[str]:
    """What this kind can outlive without saying why: its pairing (if it is about one), its reader."""
    if spec.survives:
        return []
    about = [Cancels.PAIRING_ENDS] if spec.keyed_by_pairing else []
    return [change.value for change in (*about, Cancels.PERSON_LEAVES) if change not in spec.cancelled_by]


@pytest.fixture
def every_sender() -> dict[str, Sender]:
    return {kind: _send for kind in {spec.kind for spec in KINDS.specs}}


def test_every_declared_kind_has_a_sender_in_the_app(mentorbot: bot.app.Mentorbot) -> None:
    assert set(bot.app.kinds(mentorbot.services)) == {spec.kind for spec in KINDS.specs}


def test_a_kind_without_a_sender_is_refused(every_sender: dict[str, Sender]) -> None:
    del every_sender["evaluation.ask"]
    with pytest.raises(MissingSenderError, match=r"evaluation\.ask"):
        KINDS.kinds(every_sender)


def test_a_sender_for_a_kind_nobody_declared_is_refused(every_sender: dict[str, Sender]) -> None:
    with pytest.raises(MissingSenderError, match=r"checkin\.visit"):
        KINDS.kinds({**every_sender, "checkin.visit": _send})


@pytest.mark.parametrize("spec", KINDS.specs, ids=lambda spec: spec.name)
def test_every_payload_round_trips(spec: KindSpec[Any]) -> None:
    assert round_trips(spec)


def test_a_payload_that_does_not_round_trip_is_found() -> None:
    assert round_trips(KindSpec("checkin.visit", Visit, Visit(1, "2027-03-01")))
    assert not round_trips(KindSpec("checkin.visit", Lossy, Lossy(1, ("2027-03-01",))))


def test_a_letter_carries_only_its_kinds_payload() -> None:
    with pytest.raises(TypeError):
        KindSpec("checkin.visit", Visit, Visit(1, "2027-03-01")).letter("U1", Nothing())  # type: ignore[arg-type]


@pytest.mark.parametrize("spec", KINDS.specs, ids=lambda spec: spec.name)
def test_no_kind_outlives_its_pairing_or_its_reader_unless_it_says_why(spec: KindSpec[Any]) -> None:
    assert outlives(spec) == []


def test_a_kind_about_a_pairing_that_its_end_leaves_waiting_is_found() -> None:
    kept = KindSpec("checkin.visit", Visit, Visit(1, "2027-03-01"), frozenset({Cancels.PERSON_LEAVES}))
    assert outlives(kept) == [Cancels.PAIRING_ENDS.value]
    forgotten = KindSpec("checkin.visit", Visit, Visit(1, "2027-03-01"), frozenset({Cancels.PAIRING_ENDS}))
    assert outlives(forgotten) == [Cancels.PERSON_LEAVES.value]


def test_what_a_pairings_end_cancels_is_read_from_the_registry() -> None:
    ended = set(KINDS.cancelled_by(Cancels.PAIRING_ENDS))
    assert {"checkin.nudge", "checkin.ask", "checkin.quiet", "checkin.stalled", "evaluation.ask"} <= ended
    assert "evaluation.ask" not in KINDS.cancelled_by(Cancels.PAIRING_PAUSES)  # a paused pairing is still evaluated
    assert KINDS.kept_when(Cancels.PERSON_LEAVES) == ("person.changed",)


def test_the_domain_says_what_follows_a_handshake_letter(mentorbot: bot.app.Mentorbot) -> None:
    table = bot.app.kinds(mentorbot.services)
    assert table["request.ask"].after is handshake.after_asking
    assert table["pairing.introduce"].after is handshake.after_introducing


def test_a_kind_declared_twice_differently_is_refused() -> None:
    registry = Registry()
    registry.declare(KindSpec("checkin.visit", Visit, Visit(1, "2027-03-01")))
    registry.declare(KindSpec("checkin.visit", Visit, Visit(1, "2027-03-01")))  # the same again: a re-import
    with pytest.raises(ValueError, match="declared twice"):
        registry.declare(KindSpec("checkin.visit", Nothing, Nothing()))


def test_a_row_written_before_a_payload_field_existed_reads_with_its_default() -> None:
    assert TELLING.read({"notices": []}) == Tell([], mentors=0)
