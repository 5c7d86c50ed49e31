"""Claims on event deliveries: one claimant, released on failure, taken over when stale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.orm import Session

from storage.db import make_engine, make_session_factory
from storage.events import claim_event, finish_event, release_event
from storage.migrate import upgrade

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)
STALE = timedelta(minutes=5)


@pytest.fixture
def session(database_url: str) -> Iterator[Session]:
    engine = make_engine(database_url)
    upgrade(engine)
    with make_session_factory(engine)() as session:
        yield session
    engine.dispose()


def test_an_event_is_claimed_once(session: Session) -> None:
    assert claim_event(session, "Ev1", NOW, STALE)
    assert not claim_event(session, "Ev1", NOW, STALE)


def test_a_released_claim_can_be_claimed_again(session: Session) -> None:
    claim_event(session, "Ev1", NOW, STALE)
    release_event(session, "Ev1")

    assert claim_event(session, "Ev1", NOW, STALE)


def test_a_stale_unfinished_claim_is_taken_over(session: Session) -> None:
    claim_event(session, "Ev1", NOW, STALE)

    assert claim_event(session, "Ev1", NOW + STALE + timedelta(seconds=1), STALE)


def test_a_finished_event_is_never_claimed_again(session: Session) -> None:
    claim_event(session, "Ev1", NOW, STALE)
    finish_event(session, "Ev1")

    assert not claim_event(session, "Ev1", NOW + timedelta(days=1), STALE)
