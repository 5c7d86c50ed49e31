"""What an operator sees and does: the outbox's status (never message text), a re-queue, the tick."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine

from bot.operations import Operations
from bot.outbox import Letter
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.events import claim_event, finish_event
from storage.models import OutboxState
from storage.uow import UnitOfWork
from tests.support.outbox import NOW, Post, dispatcher, queue, state_of


def operations(engine: Engine, slack: SlackStandIn, now: datetime) -> Operations:
    factory = make_session_factory(engine)
    sender = dispatcher(engine, slack, {"post": Post()}, clock=lambda: now)
    return Operations(lambda: UnitOfWork(factory), sender, lambda: now)


def test_status_counts_rows_by_kind_and_state_and_lists_problems_without_text(
    engine: Engine, slack: SlackStandIn
) -> None:
    slack.add_user("UANN", "Ann")
    slack.fail_next("chat.postMessage", error="channel_not_found")
    slack.fail_next("chat.postMessage", status=500, times=20)
    queue(engine, Letter("post", "CGONE", {"text": "secret one"}), now=NOW)
    queue(engine, Letter("post", "UANN", {"text": "secret two"}, order_key="k"), now=NOW)
    queue(engine, Letter("post", "UANN", {"text": "secret three"}, order_key="k"), now=NOW)
    for hours in range(12):
        operations(engine, slack, NOW + timedelta(hours=hours)).tick()

    lines = operations(engine, slack, NOW + timedelta(hours=12)).outbox_status()

    shown = "\n".join(lines)
    assert "secret" not in shown
    assert any(line.split() == ["post", "cancelled", "1"] for line in lines)
    assert any(line.split() == ["post", "failed", "1"] for line in lines)
    assert any(line.split() == ["post", "pending", "1"] for line in lines)
    assert "#2 post failed" in shown
    assert "#3 post (order key k)" in shown


def test_retry_requeues_a_failed_row_which_is_then_sent(engine: Engine, slack: SlackStandIn) -> None:
    slack.add_user("UANN", "Ann")
    slack.fail_next("chat.postMessage", error="channel_not_found")
    queue(engine, Letter("post", "UANN", {"text": "again"}), now=NOW)
    ops = operations(engine, slack, NOW)
    ops.tick()
    assert state_of(engine, 1) is OutboxState.CANCELLED

    assert ops.retry(1)
    ops.tick()

    assert state_of(engine, 1) is OutboxState.SENT
    assert not ops.retry(99)


def test_the_tick_forgets_handled_events_older_than_a_day(engine: Engine, slack: SlackStandIn) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        claim_event(uow.session, "EvOLD", NOW - timedelta(days=2), timedelta(minutes=2))
        finish_event(uow.session, "EvOLD")
        claim_event(uow.session, "EvNEW", NOW - timedelta(hours=1), timedelta(minutes=2))
        finish_event(uow.session, "EvNEW")
        uow.commit()

    report = operations(engine, slack, NOW).tick()

    assert report.events_forgotten == 1
    with UnitOfWork(make_session_factory(engine)) as uow:
        assert not claim_event(uow.session, "EvNEW", NOW, timedelta(minutes=2))
        assert claim_event(uow.session, "EvOLD", NOW, timedelta(minutes=2))


def test_next_due_is_when_the_earliest_waiting_row_falls_due(engine: Engine, slack: SlackStandIn) -> None:
    ops = operations(engine, slack, NOW)
    assert ops.next_due() is None

    queue(engine, Letter("post", "UANN", due_at=NOW + timedelta(hours=2)), now=NOW)
    queue(engine, Letter("post", "UANN", due_at=NOW + timedelta(hours=1)), now=NOW)

    assert ops.next_due() == NOW + timedelta(hours=1)
