"""Writing outbox rows and keeping events: each says truly whether it wrote, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine

from bot.delivery.outbox import Letter, enqueue, enqueue_all
from storage.db import make_session_factory
from storage.events import record_event
from storage.uow import WROTE_OUTBOX, UnitOfWork

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


def test_a_letter_is_written_once_per_unique_key_and_the_session_knows(engine: Engine) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        assert enqueue(uow.session, Letter("tell", "U1", unique_key="k"), NOW)
        assert not enqueue(uow.session, Letter("tell", "U1", unique_key="k"), NOW)
        assert uow.session.info[WROTE_OUTBOX] is True


def test_letters_written_together_keep_each_unique_key_once_and_say_how_many_were_written(engine: Engine) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        enqueue(uow.session, Letter("tell", "U1", unique_key="old"), NOW)
        uow.commit()
        letters = [Letter("tell", "U1", unique_key=key) for key in ("old", "new", "new", None, None)]

        assert enqueue_all(uow.session, letters, NOW) == 3  # "new" once, and both without a key
        assert uow.session.info[WROTE_OUTBOX] is True
        assert enqueue_all(uow.session, letters[:3], NOW) == 0


def test_letters_written_together_that_were_all_written_before_ring_nobody(engine: Engine) -> None:
    rung: list[int] = []
    with UnitOfWork(make_session_factory(engine), on_outbox_commit=lambda: rung.append(1)) as uow:
        enqueue(uow.session, Letter("tell", "U1", unique_key="k"), NOW)
        uow.commit()
        assert enqueue_all(uow.session, [Letter("tell", "U1", unique_key="k")], NOW) == 0
        assert enqueue_all(uow.session, [], NOW) == 0
        uow.commit()

    assert rung == [1]


def test_a_commit_that_wrote_letters_rings_once(engine: Engine) -> None:
    rung: list[int] = []
    with UnitOfWork(make_session_factory(engine), on_outbox_commit=lambda: rung.append(1)) as uow:
        enqueue(uow.session, Letter("tell", "U1"), NOW)
        uow.commit()
        uow.commit()  # nothing new written since

    assert rung == [1]


def test_an_event_is_kept_once(engine: Engine) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        assert record_event(uow.session, "Ev1", NOW)
        assert not record_event(uow.session, "Ev1", NOW)
        uow.commit()
