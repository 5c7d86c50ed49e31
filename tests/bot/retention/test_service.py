"""Retention: check-in notes blanked NOTE_RETENTION_DAYS after they were written, decline reasons 90 days after
the request was answered; only those texts, a batch per transaction."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import Engine, select
from sqlmodel import col

from bot.retention.service import Forgotten, Retention
from storage.db import make_session_factory, utcnow
from storage.models import Checkin, Pairing, PairingRequest
from storage.uow import UnitOfWork

NOW = datetime(2028, 3, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> Iterator[FrozenDateTimeFactory]:
    with freeze_time(NOW) as frozen:
        assert isinstance(frozen, FrozenDateTimeFactory)
        yield frozen


class CountedUnits:
    """A unit of work per call, counting the commits: each batch must be its own transaction."""

    def __init__(self, engine: Engine) -> None:
        self._factory = make_session_factory(engine)
        self.commits = 0

    def __call__(self) -> UnitOfWork:
        counter = self

        class Counted(UnitOfWork):
            def commit(self) -> None:
                super().commit()
                counter.commits += 1

        return Counted(self._factory)


def checkins_written(engine: Engine, *days_ago: int) -> None:
    """One pairing, a check-in per period written `days_ago` days before NOW, each with a note."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        pairing = Pairing(mentor_id="UMENTOR", mentee_id="UMENTEE", status="active", started_at=NOW - timedelta(800))
        uow.session.add(pairing)
        uow.session.flush()
        for period, ago in enumerate(days_ago):
            written = NOW - timedelta(days=ago)
            uow.session.add(
                Checkin(
                    pairing_id=pairing.id or 0,
                    period=period,
                    logged_by="UMENTEE",
                    met_on=written.date(),
                    progress=4,
                    note=f"note {ago}",
                    created_at=written,
                )
            )
        uow.commit()


def requests_answered(engine: Engine, *days_ago: int | None) -> None:
    """A request per entry, with a reason, answered `days_ago` days before NOW (None: not answered)."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        for n, ago in enumerate(days_ago):
            answered = None if ago is None else NOW - timedelta(days=ago)
            uow.session.add(
                PairingRequest(
                    mentee_id=f"UMENTEE{n}",
                    mentor_id="UMENTOR",
                    status="pending" if ago is None else "declined",
                    note="why you",
                    decline_reason=f"reason {ago}",
                    created_at=NOW - timedelta(days=400),
                    answered_at=answered,
                )
            )
        uow.commit()


def notes(engine: Engine) -> list[tuple[int, str, str, date, int | None, str]]:
    with UnitOfWork(make_session_factory(engine)) as uow:
        rows = uow.session.execute(select(Checkin).order_by(col(Checkin.period))).scalars()
        return [(c.period, c.logged_by, c.note, c.met_on, c.progress, c.created_at.isoformat()) for c in rows]


def reasons(engine: Engine) -> list[tuple[str, str, str, str]]:
    with UnitOfWork(make_session_factory(engine)) as uow:
        rows = uow.session.execute(select(PairingRequest).order_by(col(PairingRequest.id))).scalars()
        return [(r.mentee_id, r.status, r.note, r.decline_reason) for r in rows]


@pytest.mark.usefixtures("clock")
def test_notes_older_than_the_retention_are_blanked_and_newer_ones_kept(engine: Engine) -> None:
    checkins_written(engine, 400, 366, 365, 30)
    before = notes(engine)

    forgotten = Retention(CountedUnits(engine), utcnow, note_retention_days=365).forget_due()

    after = notes(engine)
    assert forgotten == Forgotten(notes=2, decline_reasons=0)
    assert [note for _, _, note, *_ in after] == ["", "", "note 365", "note 30"]
    # Only the note: who logged it, when they met, the progress and when it was written stay for the figures.
    assert [row[:2] + row[3:] for row in after] == [row[:2] + row[3:] for row in before]


@pytest.mark.usefixtures("clock")
def test_decline_reasons_are_blanked_ninety_days_after_the_answer_and_not_before(engine: Engine) -> None:
    requests_answered(engine, 91, 90, 89, None)

    forgotten = Retention(CountedUnits(engine), utcnow, note_retention_days=365).forget_due()

    assert forgotten == Forgotten(notes=0, decline_reasons=1)
    assert reasons(engine) == [
        ("UMENTEE0", "declined", "why you", ""),
        ("UMENTEE1", "declined", "why you", "reason 90"),  # exactly 90 days: kept until the moment has passed
        ("UMENTEE2", "declined", "why you", "reason 89"),
        ("UMENTEE3", "pending", "why you", "reason None"),
    ]


def test_a_backlog_is_blanked_a_batch_per_transaction(engine: Engine, clock: FrozenDateTimeFactory) -> None:
    checkins_written(engine, 800, 700, 600, 500, 400)
    units = CountedUnits(engine)
    retention = Retention(units, utcnow, note_retention_days=365, batch=2)

    first = retention.forget_due()
    commits = units.commits
    clock.tick(timedelta(minutes=1))
    second = retention.forget_due()

    assert first == Forgotten(notes=5, decline_reasons=0)
    assert commits == 3 + 1  # notes: 2, 2, 1; reasons: none, found in one look
    assert second == Forgotten(notes=0, decline_reasons=0)
    assert {note for _, _, note, *_ in notes(engine)} == {""}


def test_a_note_is_blanked_once_its_day_comes(engine: Engine, clock: FrozenDateTimeFactory) -> None:
    checkins_written(engine, 10)
    retention = Retention(CountedUnits(engine), utcnow, note_retention_days=11)

    assert retention.forget_due().notes == 0
    clock.tick(timedelta(days=1, seconds=1))
    assert retention.forget_due().notes == 1
