"""What an operator sees and does: the outbox's status (never message text), a re-queue, the tick."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from bot.delivery.outbox import Job, Letter
from bot.runtime.operations import Operations
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.events import claim_event, finish_event
from storage.models import OutboxState
from storage.uow import UnitOfWork
from tests.support.outbox import NOW, Post, Publish, dispatcher, queue, state_of


class Moot:
    """A kind whose news went stale before it was sent (a leaver, an ended pairing): cancelled by design."""

    def send(self, job: Job) -> dict[str, Any]:
        raise job.skip("the pairing ended")


def operations(engine: Engine, slack: SlackStandIn, now: datetime) -> Operations:
    factory = make_session_factory(engine)
    sender = dispatcher(engine, slack, {"post": Post(), "home": Publish(), "moot": Moot()}, clock=lambda: now)
    return Operations(lambda: UnitOfWork(factory), sender, lambda: now)


def test_status_counts_rows_by_kind_and_state_and_lists_problems_without_text(
    engine: Engine, slack: SlackStandIn
) -> None:
    slack.add_user("UANN", "Ann")
    slack.fail_next("chat.postMessage", error="channel_not_found")
    slack.fail_next("views.publish", status=500, times=20)
    queue(engine, Letter("post", "CGONE", {"text": "secret one"}), now=NOW)
    queue(engine, Letter("home", "UANN", order_key="k"), now=NOW)
    queue(engine, Letter("post", "UANN", {"text": "secret three"}, order_key="k"), now=NOW)
    queue(engine, Letter("moot", "UANN", {"text": "secret four"}), now=NOW)
    for hours in range(12):
        operations(engine, slack, NOW + timedelta(hours=hours)).tick()

    lines = operations(engine, slack, NOW + timedelta(hours=12)).outbox_status()

    shown = "\n".join(lines)
    assert "secret" not in shown
    assert any(line.split() == ["post", "refused", "1"] for line in lines)
    assert any(line.split() == ["moot", "cancelled", "1"] for line in lines)
    assert any(line.split() == ["home", "failed", "1"] for line in lines)
    assert any(line.split() == ["post", "pending", "1"] for line in lines)
    assert "#1 post refused (channel_not_found)" in shown
    assert "#2 home failed" in shown
    assert "#3 post (order key k)" in shown
    assert "#4" not in shown  # cancelled by design: nothing to check


def test_status_says_rows_wait_because_slack_refused_the_token(engine: Engine, slack: SlackStandIn) -> None:
    slack.add_user("UANN", "Ann")
    slack.fail_next("chat.postMessage", error="token_revoked")
    queue(engine, Letter("post", "UANN", {"text": "a"}), Letter("post", "UANN", {"text": "b"}), now=NOW)
    operations(engine, slack, NOW).tick()

    shown = "\n".join(operations(engine, slack, NOW).outbox_status())

    assert any(line.split() == ["post", "pending", "2"] for line in shown.splitlines())
    assert "Slack refused the bot's token (token_revoked)" in shown
    assert "SLACK_BOT_TOKEN" in shown


def test_retry_requeues_a_refused_row_which_is_then_sent(engine: Engine, slack: SlackStandIn) -> None:
    slack.add_user("UANN", "Ann")
    slack.fail_next("chat.postMessage", error="channel_not_found")
    queue(engine, Letter("post", "UANN", {"text": "again"}), now=NOW)
    ops = operations(engine, slack, NOW)
    ops.tick()
    assert state_of(engine, 1) is OutboxState.REFUSED

    assert ops.retry(1)
    ops.tick()

    assert state_of(engine, 1) is OutboxState.SENT
    assert not ops.retry(99)


def test_retry_of_an_expired_row_gives_it_a_new_expiry_and_the_next_tick_sends_it(
    engine: Engine, slack: SlackStandIn
) -> None:
    slack.add_user("UANN", "Ann")
    queue(engine, Letter("post", "UANN", {"text": "late"}, expires_at=NOW + timedelta(days=1)), now=NOW)
    later = NOW + timedelta(days=3)
    operations(engine, slack, later).tick()
    assert state_of(engine, 1) is OutboxState.EXPIRED

    assert operations(engine, slack, later).retry(1)
    operations(engine, slack, later + timedelta(minutes=1)).tick()

    assert state_of(engine, 1) is OutboxState.SENT
    assert [call.args["text"] for call in slack.calls_to("chat.postMessage")] == ["late"]


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
