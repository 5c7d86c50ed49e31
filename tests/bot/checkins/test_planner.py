"""The planner against a real database: a batch of pairings costs a few statements, not a few per pairing."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import Engine, event, func, select, update
from sqlmodel import col

from bench.checkins import NOW, seed
from bot.checkins.calendar import schedule_for
from bot.checkins.planner import Planner
from bot.handshake import HOME, TELL
from bot.outbox import Letter, enqueue
from bot.settings import Settings
from storage.db import make_session_factory
from storage.models import OutboxRow, OutboxState, Pairing, PairingStatus, Rhythm
from storage.uow import UnitOfWork

PAIRINGS = 40  # one batch, one commit


def planner_for(engine: Engine, on_outbox_commit: Callable[[], None] | None = None) -> Planner:
    factory = make_session_factory(engine)
    settings = Settings()
    schedule = schedule_for(settings.prompt_time, settings.working_hours, None)

    def uow() -> UnitOfWork:
        return UnitOfWork(factory, on_outbox_commit=on_outbox_commit)

    return Planner(uow, schedule, lambda: NOW, timedelta(days=7), batch=PAIRINGS)


def seeded(engine: Engine, *, paused: bool = False) -> None:
    """40 pairings due for planning; paused ones with a pause that ended three days ago."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        seed(uow, PAIRINGS)
        if paused:
            uow.session.execute(update(Pairing).values(status=PairingStatus.PAUSED.value))
            uow.session.execute(update(Rhythm).values(paused_until=(NOW - timedelta(days=3)).date()))
            uow.commit()


@contextmanager
def statements(engine: Engine) -> Iterator[list[str]]:
    """The statements sent to the database meanwhile (an executemany counts once: it is one statement)."""
    sent: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def outbox_kinds(engine: Engine) -> dict[str, int]:
    """What the planner wrote, by kind (the questions seeded as sent before it ran are not counted)."""
    with engine.connect() as connection:
        written = col(OutboxRow.state) != OutboxState.SENT.value
        query = select(col(OutboxRow.kind), func.count()).where(written).group_by(col(OutboxRow.kind))
        return {kind: int(n) for kind, n in connection.execute(query)}


def test_a_batch_of_pairings_is_planned_in_a_few_statements_not_some_for_each(engine: Engine) -> None:
    seeded(engine)

    with statements(engine) as sent:
        planned = planner_for(engine).plan_due()

    assert planned.pairings == PAIRINGS
    # The seeded pairings never checked in: two quiet periods behind them, so both get the gentle note.
    assert outbox_kinds(engine) == {
        "checkin.nudge": PAIRINGS,
        "checkin.ask": 2 * PAIRINGS,
        "checkin.quiet": 2 * PAIRINGS,
    }
    assert len(sent) < 10, sent  # claim, read, save the rhythms, write the prompts; the empty claim after


def test_pauses_that_ran_out_are_resumed_in_a_few_statements_not_some_for_each(engine: Engine) -> None:
    seeded(engine, paused=True)

    with statements(engine) as sent:
        planned = planner_for(engine).plan_due()

    assert planned.pairings == PAIRINGS
    assert outbox_kinds(engine) == {
        "checkin.nudge": PAIRINGS,
        "checkin.ask": 2 * PAIRINGS,
        TELL: 2 * PAIRINGS,  # both told it resumes
        HOME: 2 * PAIRINGS,
    }
    with engine.connect() as connection:
        assert connection.execute(select(col(Pairing.status)).distinct()).scalars().all() == ["active"]
        assert connection.execute(select(func.count()).where(col(Rhythm.paused_until).is_not(None))).scalar() == 0
    assert len(sent) < 25, sent  # two batches: 40 resumes would write 280 rows, more than one commit's 200


def test_resumes_that_would_write_more_than_200_rows_in_one_commit_are_left_for_the_next(engine: Engine) -> None:
    seeded(engine, paused=True)
    totals: list[int] = []

    def counted() -> None:
        totals.append(sum(outbox_kinds(engine).values()))

    planned = planner_for(engine, on_outbox_commit=counted).plan_due()

    assert planned.pairings == PAIRINGS
    assert totals == [28 * 7, PAIRINGS * 7]  # 28 pairings of 7 rows each, then the other 12


def test_a_pairing_ended_while_its_pause_ran_out_is_not_resumed_nor_planned(engine: Engine) -> None:
    seeded(engine, paused=True)
    with engine.begin() as connection:
        connection.execute(update(Pairing).where(col(Pairing.id) == 1).values(status=PairingStatus.ENDED.value))

    planner_for(engine).plan_due()

    kinds = outbox_kinds(engine)
    assert kinds[TELL] == kinds[HOME] == 2 * (PAIRINGS - 1)
    assert kinds["checkin.ask"] == 2 * (PAIRINGS - 1)
    with engine.connect() as connection:
        assert connection.execute(select(col(Pairing.status)).where(col(Pairing.id) == 1)).scalar() == "ended"


def test_someone_whose_app_home_refresh_waits_already_gets_no_second_one(engine: Engine) -> None:
    seeded(engine, paused=True)
    with UnitOfWork(make_session_factory(engine)) as uow:
        enqueue(uow.session, Letter(HOME, "UMR000000"), NOW)
        uow.commit()

    planner_for(engine).plan_due()

    assert outbox_kinds(engine)[HOME] == 2 * PAIRINGS


def test_a_commit_that_resumed_pairings_wakes_the_dispatcher(engine: Engine) -> None:
    """The news that a pairing resumes is in the outbox: the commit rings the dispatcher's doorbell."""
    seeded(engine, paused=True)
    rung: list[bool] = []

    planner_for(engine, on_outbox_commit=lambda: rung.append(True)).plan_due()

    assert rung == [True, True]  # 28 resumes in the first commit, 12 in the second: each woke it
