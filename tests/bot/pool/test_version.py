"""Every change to who could mentor whom moves the pool version, in its own transaction; a cache refresh doesn't."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from storage.checkins import set_pairing_status, set_pairings_status
from storage.db import make_session_factory
from storage.models import Pairing, PairingRequest, PairingStatus, Profile, RequestStatus
from storage.pairings import start_pairing
from storage.people import save_person
from storage.pool_version import pool_version
from storage.privacy import erase_rows_of
from storage.profiles import close_availability, save_profile

NOW = datetime(2026, 12, 2, 12, 0, tzinfo=UTC)


def mentor(user_id: str = "UBEA") -> Profile:
    return Profile(user_id=user_id, role="mentor", function_area="Engineering", skills="Python", capacity=2,
                   updated_at=NOW, created_at=NOW)  # fmt: skip


def in_one_go(engine: Engine, change: Callable[[Session], object]) -> int:
    """The version's move made by `change`, committed."""
    with make_session_factory(engine)() as session:
        before = pool_version(session)
        change(session)
        session.commit()
        return pool_version(session) - before


def pairing(session: Session, status: PairingStatus = PairingStatus.ACTIVE) -> int:
    row = Pairing(mentor_id="UBEA", mentee_id="UALICE", status=status.value, started_at=NOW)
    session.add(row)
    session.flush()
    return row.id or 0


def test_a_fresh_database_starts_at_version_zero(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        assert pool_version(session) == 0


def test_saving_a_profile_moves_the_version(engine: Engine) -> None:
    assert in_one_go(engine, lambda s: save_profile(s, mentor())) == 1
    assert in_one_go(engine, lambda s: save_profile(s, mentor())) == 1
    assert in_one_go(engine, lambda s: close_availability(s, "UBEA")) == 1


def test_a_pairing_starting_or_changing_moves_the_version(engine: Engine) -> None:
    def start(session: Session) -> None:
        request = PairingRequest(mentee_id="UALICE", mentor_id="UBEA", status=RequestStatus.ACCEPTED.value,
                                 created_at=NOW)  # fmt: skip
        session.add(request)
        session.flush()
        start_pairing(session, request, NOW)

    assert in_one_go(engine, start) == 1
    assert in_one_go(engine, lambda s: set_pairing_status(s, 1, PairingStatus.ACTIVE, PairingStatus.PAUSED)) == 1
    assert in_one_go(engine, lambda s: set_pairings_status(s, [1], PairingStatus.PAUSED, PairingStatus.ENDED)) == 1


def test_a_status_change_that_changes_nothing_leaves_the_version(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        pairing(session, PairingStatus.ENDED)
        session.commit()

    assert in_one_go(engine, lambda s: set_pairing_status(s, 1, PairingStatus.ACTIVE, PairingStatus.ENDED)) == 0
    assert in_one_go(engine, lambda s: set_pairings_status(s, [1], PairingStatus.ACTIVE, PairingStatus.ENDED)) == 0


@pytest.mark.parametrize(
    ("locale", "tz", "gone", "moves"),
    [
        ("en-GB", "Europe/London", False, 0),  # the daily refresh: nothing changed
        ("nl-NL", "Europe/London", False, 1),
        ("en-GB", "Asia/Tokyo", False, 1),
        ("en-GB", "Europe/London", True, 1),
    ],
)
def test_a_person_moves_the_version_only_when_language_zone_or_gone_changed(
    engine: Engine, locale: str, tz: str, gone: bool, moves: int
) -> None:
    assert in_one_go(engine, lambda s: save_person(s, "UBEA", locale="en-GB", tz="Europe/London", fetched_at=NOW)) == 1

    assert in_one_go(engine, lambda s: save_person(s, "UBEA", locale=locale, tz=tz, gone=gone, fetched_at=NOW)) == moves


def test_erasing_someone_moves_the_version(engine: Engine) -> None:
    in_one_go(engine, lambda s: save_profile(s, mentor()))

    assert in_one_go(engine, lambda s: erase_rows_of(s, "UBEA", "XTOMBSTONE")) == 1


def test_an_uncommitted_change_leaves_the_version(engine: Engine) -> None:
    with make_session_factory(engine)() as session:
        save_profile(session, mentor())
        session.rollback()
        assert pool_version(session) == 0
