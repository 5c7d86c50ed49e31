"""The once-a-week records: claimed once, released, and forgotten in batches once their week is over."""

from __future__ import annotations

from sqlalchemy import Engine, select

from storage.db import make_session_factory
from storage.feedback import claim_week, forget_weeks_before, release_week
from storage.models import FeedbackGiven
from storage.uow import UnitOfWork


def claim(engine: Engine, week: str, topic: str, user_id: str) -> bool:
    with UnitOfWork(make_session_factory(engine)) as uow:
        claimed = claim_week(uow.session, week, topic, user_id)
        uow.commit()
    return claimed


def weeks_kept(engine: Engine) -> list[str]:
    with UnitOfWork(make_session_factory(engine)) as uow:
        return sorted(row.week for row in uow.session.execute(select(FeedbackGiven)).scalars())


def test_a_week_topic_and_person_is_claimed_once(engine: Engine) -> None:
    assert claim(engine, "2027-W09", "programme", "U1")
    assert not claim(engine, "2027-W09", "programme", "U1")
    assert claim(engine, "2027-W09", "received", "U1")
    assert claim(engine, "2027-W10", "programme", "U1")
    assert claim(engine, "2027-W09", "programme", "U2")


def test_a_released_claim_can_be_claimed_again(engine: Engine) -> None:
    claim(engine, "2027-W09", "programme", "U1")
    with UnitOfWork(make_session_factory(engine)) as uow:
        release_week(uow.session, "2027-W09", "programme", "U1")
        uow.commit()

    assert claim(engine, "2027-W09", "programme", "U1")


def test_weeks_that_are_over_are_forgotten_in_batches_and_the_current_one_is_kept(engine: Engine) -> None:
    for n in range(5):
        claim(engine, "2027-W08", "programme", f"U{n}")
    claim(engine, "2026-W53", "given", "U1")
    claim(engine, "2027-W09", "programme", "U1")

    with UnitOfWork(make_session_factory(engine)) as uow:
        first = forget_weeks_before(uow.session, "2027-W09", 4)
        uow.commit()
    with UnitOfWork(make_session_factory(engine)) as uow:
        second = forget_weeks_before(uow.session, "2027-W09", 4)
        uow.commit()

    assert (first, second) == (4, 2)
    assert weeks_kept(engine) == ["2027-W09"]
