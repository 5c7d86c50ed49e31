"""The registry of outbox kinds: every kind has a sender, its payload round-trips, nothing outlives what it is about."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session
from sqlmodel import col

import bot.app  # the composition root: once imported, every feature has declared its kinds
from bot import handshake
from bot.delivery.kinds import KINDS, Cancels, KindSpec, MissingSenderError, Nothing, Payload, Registry, Sender
from bot.delivery.letters import INTRODUCING, TELLING, Introduction, News, Tell
from bot.delivery.outbox import Job, Letter, enqueue
from bot.lifecycle import EndedBy, Pair, Paused, end, pause
from storage.db import make_session_factory
from storage.models import OutboxRow, OutboxState, Pairing
from storage.uow import UnitOfWork
from tests.factories import add_pairing

NOW = datetime(2027, 3, 1, 9, 0, tzinfo=UTC)


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


def example_letter(spec: KindSpec[Any], recipient: str = "U1", pairing_id: int = 3, key: str = "") -> Letter:
    """The kind's example letter, about `pairing_id` if it is about a pairing."""
    example, more = spec.example, {}
    if "pairing" in {field.name for field in dataclasses.fields(example)}:
        example = dataclasses.replace(example, pairing=pairing_id)
    elif spec.about_pairing:
        more["pairing_id"] = pairing_id
    return spec.letter(recipient, example, unique_key=key or None, **more)


def round_trips(spec: KindSpec[Any]) -> bool:
    """Written as a row (JSON text) and read back, the payload is the one written."""
    subject = json.loads(json.dumps(dict(spec.letter("U1", spec.example, **_named(spec)).subject), sort_keys=True))
    return bool(spec.read(subject) == spec.example)


def _named(spec: KindSpec[Any]) -> dict[str, Any]:
    return {"pairing_id": 3} if spec.about_pairing else {}


def outlives(spec: KindSpec[Any]) -> list[str]:
    """What this kind can outlive without saying why: its pairing (if it is about one), its reader."""
    if spec.survives:
        return []
    about = [Cancels.PAIRING_ENDS] if spec.is_about_pairing else []
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
    # What records a leaving, and what goes to a channel (the HR digest, a knowledge session's announcement).
    kept = ("digest", "knowledge.announce", "knowledge.update", "person.changed")
    assert KINDS.kept_when(Cancels.PERSON_LEAVES) == kept


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


def test_a_kind_a_pairings_change_cancels_is_about_a_pairing() -> None:
    """Else nothing finds its letters when the pairing pauses or ends: it would outlive it, declared or not."""
    pairing_changes = {Cancels.PAIRING_PAUSES, Cancels.PAIRING_ENDS}
    assert [
        spec.name for spec in KINDS.specs if spec.cancelled_by & pairing_changes and not spec.is_about_pairing
    ] == []


def test_kinds_sharing_a_row_kind_about_a_pairing_agree_on_what_cancels_them() -> None:
    """A pairing's rows are found by row kind and pairing: two families of one row kind must be cancelled alike."""
    about: dict[str, set[frozenset[Cancels]]] = {}
    for spec in KINDS.specs:
        if spec.is_about_pairing:
            about.setdefault(spec.kind, set()).add(spec.cancelled_by)
    assert {kind: len(changes) for kind, changes in about.items() if len(changes) > 1} == {}


def test_a_letter_about_a_pairing_carries_its_pairing_and_no_other_letter_does() -> None:
    assert INTRODUCING.letter("U1", Introduction(1, "U1", "U2", 7, False)).pairing_id == 7
    assert TELLING.letter("U1", Tell([])).pairing_id is None
    with pytest.raises(ValueError, match="not about a pairing"):
        TELLING.letter("U1", Tell([]), pairing_id=7)
    stalled = next(spec for spec in KINDS.specs if spec.name == "checkin.stalled")
    with pytest.raises(ValueError, match="which pairing"):
        stalled.letter("U1", Tell([]))


def _pairing_ids(engine: Engine) -> list[int]:
    with UnitOfWork(make_session_factory(engine)) as uow:
        return [p.id or 0 for p in uow.session.execute(select(Pairing).order_by(col(Pairing.id))).scalars()]


def _states(engine: Engine) -> dict[str, str]:
    with UnitOfWork(make_session_factory(engine)) as uow:
        return {str(row.unique_key): row.state for row in uow.session.execute(select(OutboxRow)).scalars()}


def _end(session: Session, pair: Pair) -> bool:
    return end(session, News(session, NOW), pair, EndedBy(pair.mentor_id), NOW)


def _pause(session: Session, pair: Pair) -> bool:
    return pause(session, News(session, NOW), Paused(pair, pair.mentor_id, date(2027, 3, 20)), NOW)


@pytest.mark.parametrize(("change", "transition"), [(Cancels.PAIRING_ENDS, _end), (Cancels.PAIRING_PAUSES, _pause)])
def test_a_pairings_pause_or_end_cancels_every_letter_about_it_the_registry_says_it_makes_moot(
    engine: Engine, change: Cancels, transition: Callable[[Session, Pair], bool]
) -> None:
    """Every kind about a pairing, written for two pairings; one changes: what the registry says of each is done."""
    add_pairing(engine, "UMENTOR", "UMENTEE")
    add_pairing(engine, "UOTHER", "UMENTEE2")
    changing, going_on = _pairing_ids(engine)
    about = [spec for spec in KINDS.specs if spec.is_about_pairing]
    with UnitOfWork(make_session_factory(engine)) as uow:
        for spec in about:
            for pairing in (changing, going_on):
                enqueue(uow.session, example_letter(spec, "UMENTEE", pairing, f"{spec.name}/{pairing}"), NOW)
        uow.commit()
    with UnitOfWork(make_session_factory(engine)) as uow:
        assert transition(uow.session, Pair(changing, "UMENTOR", "UMENTEE"))
        uow.commit()

    states = _states(engine)
    assert {spec.name: states[f"{spec.name}/{changing}"] for spec in about} == {
        spec.name: OutboxState.CANCELLED if change in spec.cancelled_by else OutboxState.PENDING for spec in about
    }
    assert {states[f"{spec.name}/{going_on}"] for spec in about} == {OutboxState.PENDING}


def test_a_leavers_letters_are_cancelled_as_the_registry_says(mentorbot: bot.app.Mentorbot) -> None:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        for spec in KINDS.specs:
            enqueue(uow.session, example_letter(spec, "ULEAVER", key=f"{spec.name}/leaver"), NOW)
        uow.commit()

    mentorbot.services.departures.leave("ULEAVER")

    states = _states(mentorbot.engine)
    assert {spec.name: states[f"{spec.name}/leaver"] for spec in KINDS.specs} == {
        spec.name: OutboxState.CANCELLED if Cancels.PERSON_LEAVES in spec.cancelled_by else OutboxState.PENDING
        for spec in KINDS.specs
    }
    kept = [spec.name for spec in KINDS.specs if Cancels.PERSON_LEAVES not in spec.cancelled_by]
    assert sorted(kept) == sorted(["person.changed", "digest", "knowledge.announce", "knowledge.update"])
