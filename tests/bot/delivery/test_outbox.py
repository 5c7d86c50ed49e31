"""The outbox dispatcher: each row sent once, whatever Slack answers and whoever else is dispatching."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

import pytest
from freezegun import freeze_time
from sqlalchemy import Engine
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from bot.delivery.outbox import Ended, Job, Letter, RefusedError
from bot.delivery.slack_api import TOKEN_REFUSALS
from bot.standin.server import SlackStandIn
from storage.db import make_engine, make_session_factory
from storage.migrate import upgrade
from storage.models import OutboxState
from storage.outbox import get_row, method_not_before
from storage.uow import UnitOfWork
from tests.support.outbox import NOW, Post, Publish, TwoSteps, dispatcher, queue, state_of


def texts(slack: SlackStandIn) -> list[str]:
    return [str(call.args.get("text")) for call in slack.calls_to("chat.postMessage") if call.answered_ok]


@pytest.fixture
def known(slack: SlackStandIn) -> SlackStandIn:
    slack.add_user("UANN", "Ann")
    slack.add_user("UBOB", "Bob")
    return slack


def test_a_due_row_is_sent_once(engine: Engine, known: SlackStandIn) -> None:
    post = Post()
    queue(engine, Letter("post", "UANN", {"text": "hello"}))
    sender = dispatcher(engine, known, {"post": post})

    assert sender.dispatch_due() == 1
    assert sender.dispatch_due() == 0
    assert texts(known) == ["hello"]
    assert post.ended == [(1, Ended.SENT)]
    assert state_of(engine, 1) is OutboxState.SENT


def test_a_row_due_later_waits_for_its_time(engine: Engine, known: SlackStandIn) -> None:
    queue(engine, Letter("post", "UANN", {"text": "later"}, due_at=NOW + timedelta(hours=1)), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"post": Post()}, clock=lambda: clock[0])

    assert sender.dispatch_due() == 0
    clock[0] = NOW + timedelta(hours=1)
    assert sender.dispatch_due() == 1
    assert texts(known) == ["later"]


def test_a_second_letter_with_the_same_unique_key_is_dropped(engine: Engine, known: SlackStandIn) -> None:
    queue(engine, Letter("post", "UANN", {"text": "once"}, unique_key="k"))
    queue(engine, Letter("post", "UANN", {"text": "twice"}, unique_key="k"))

    dispatcher(engine, known, {"post": Post()}).dispatch_due()

    assert texts(known) == ["once"]


def test_a_rate_limited_row_is_rescheduled_without_sleeping_and_the_gate_is_shared(
    engine: Engine, known: SlackStandIn
) -> None:
    known.fail_next("chat.postMessage", status=429, retry_after=30)
    queue(engine, Letter("post", "UANN", {"text": "a"}), Letter("post", "UBOB", {"text": "b"}), now=NOW)
    clock = [NOW]
    first = dispatcher(engine, known, {"post": Post()}, clock=lambda: clock[0])
    other_process = dispatcher(engine, known, {"post": Post()}, clock=lambda: clock[0])

    first.dispatch_due()
    other_process.dispatch_due()

    assert len(known.calls_to("chat.postMessage")) == 1  # the second row was held by the gate, unsent
    with UnitOfWork(make_session_factory(engine)) as uow:
        assert method_not_before(uow.session, "chat.postMessage") == NOW + timedelta(seconds=30)
    assert state_of(engine, 1) is OutboxState.PENDING
    clock[0] = NOW + timedelta(seconds=30)
    other_process.dispatch_due()
    assert sorted(texts(known)) == ["a", "b"]


def test_a_server_error_on_a_repeatable_call_is_retried_later_and_then_sent(
    engine: Engine, known: SlackStandIn
) -> None:
    known.fail_next("views.publish", status=500)
    queue(engine, Letter("home", "UANN"), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"home": Publish()}, clock=lambda: clock[0])

    sender.dispatch_due()
    assert state_of(engine, 1) is OutboxState.PENDING
    clock[0] = NOW + timedelta(seconds=5)
    sender.dispatch_due()

    assert [call.answered_ok for call in known.calls_to("views.publish")] == [False, True]
    assert state_of(engine, 1) is OutboxState.SENT


def test_a_post_answered_with_a_server_error_is_unknown_and_nobody_gets_it_twice(
    engine: Engine, known: SlackStandIn
) -> None:
    post = Post()
    known.fail_next("chat.postMessage", status=500, done_anyway=True)  # Slack kept it, then answered 500
    queue(engine, Letter("post", "UANN", {"text": "once"}), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"post": post}, clock=lambda: clock[0])

    sender.dispatch_due()
    clock[0] += timedelta(hours=1)
    sender.dispatch_due()

    assert state_of(engine, 1) is OutboxState.UNKNOWN
    assert post.ended == [(1, Ended.UNKNOWN)]
    assert len(known.calls_to("chat.postMessage")) == 1
    assert len(known.messages_in(known.dm_of("UANN"))) == 1


def test_a_row_that_keeps_failing_is_given_up_as_failed(engine: Engine, known: SlackStandIn) -> None:
    known.fail_next("views.publish", status=503, times=20)
    queue(engine, Letter("home", "UANN"), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"home": Publish()}, clock=lambda: clock[0])

    for _ in range(10):
        sender.dispatch_due()
        clock[0] += timedelta(hours=1)

    assert state_of(engine, 1) is OutboxState.FAILED
    assert len(known.calls_to("views.publish")) == 6  # the first try and five more


def test_rate_limits_use_none_of_the_retry_budget(engine: Engine, known: SlackStandIn) -> None:
    known.fail_next("views.publish", status=429, retry_after=1, times=3)
    known.fail_next("views.publish", status=500, times=5)
    queue(engine, Letter("home", "UANN"), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"home": Publish()}, clock=lambda: clock[0])

    for _ in range(12):
        sender.dispatch_due()
        clock[0] += timedelta(hours=1)

    assert state_of(engine, 1) is OutboxState.SENT
    assert [call.answered_ok for call in known.calls_to("views.publish")] == [False] * 8 + [True]


def test_deferrals_use_none_of_the_retry_budget(engine: Engine, known: SlackStandIn) -> None:
    class DeferredThrice(Publish):
        deferred = 0

        def send(self, job: Job) -> dict[str, Any]:
            if self.deferred < 3:
                self.deferred += 1
                raise job.defer(clock[0] + timedelta(minutes=1))
            return super().send(job)

    known.fail_next("views.publish", status=500, times=5)
    queue(engine, Letter("home", "UANN"), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"home": DeferredThrice()}, clock=lambda: clock[0])

    for _ in range(12):
        sender.dispatch_due()
        clock[0] += timedelta(hours=1)

    assert state_of(engine, 1) is OutboxState.SENT
    assert len(known.calls_to("views.publish")) == 6


def test_a_refusal_cancels_the_row_and_its_kind_hears_of_it(engine: Engine, known: SlackStandIn) -> None:
    post = Post()
    queue(engine, Letter("post", "CGONE", {"text": "hi"}))
    known.fail_next("chat.postMessage", error="channel_not_found")

    dispatcher(engine, known, {"post": post}).dispatch_due()

    assert state_of(engine, 1) is OutboxState.REFUSED  # Slack's no, not a cancellation by design
    assert post.ended == [(1, Ended.REFUSED)]
    assert len(known.calls_to("chat.postMessage")) == 1


def test_a_lease_that_expires_while_claimed_makes_the_row_pending_again(engine: Engine, known: SlackStandIn) -> None:
    queue(engine, Letter("post", "UANN", {"text": "hi"}), now=NOW)
    died = dispatcher(engine, known, {"post": Post()}, clock=lambda: NOW)
    with UnitOfWork(make_session_factory(engine)) as uow:
        from storage.outbox import claim_due

        claim_due(uow.session, NOW, timedelta(seconds=60), died.worker, 10)
        uow.commit()

    later = dispatcher(engine, known, {"post": Post()}, clock=lambda: NOW + timedelta(seconds=61))
    later.dispatch_due()

    assert texts(known) == ["hi"]
    assert state_of(engine, 1) is OutboxState.SENT


def test_a_lease_that_expires_while_sending_a_post_makes_it_unknown_never_resent(
    engine: Engine, known: SlackStandIn
) -> None:
    queue(engine, Letter("post", "UANN", {"text": "hi"}), now=NOW)
    _die_while_sending(engine, NOW, repeatable=False)

    dispatcher(engine, known, {"post": Post()}, clock=lambda: NOW + timedelta(seconds=61)).dispatch_due()

    assert state_of(engine, 1) is OutboxState.UNKNOWN
    assert known.calls_to("chat.postMessage") == []


def test_a_lease_that_expires_while_sending_a_repeatable_call_is_retried(engine: Engine, known: SlackStandIn) -> None:
    queue(engine, Letter("two", "", {"users": "UANN,UBOB"}), now=NOW)
    _die_while_sending(engine, NOW, repeatable=True)

    dispatcher(engine, known, {"two": TwoSteps()}, clock=lambda: NOW + timedelta(seconds=61)).dispatch_due()

    assert state_of(engine, 1) is OutboxState.SENT
    assert texts(known) == ["hello both"]


def _die_while_sending(engine: Engine, now: datetime, *, repeatable: bool) -> None:
    from storage.outbox import claim_due, mark_sending

    with UnitOfWork(make_session_factory(engine)) as uow:
        [row] = claim_due(uow.session, now, timedelta(seconds=60), "dead", 10)
        mark_sending(uow.session, row.id or 0, "dead", now, timedelta(seconds=60), repeatable=repeatable)
        uow.commit()


def test_a_multi_step_row_resumes_after_the_step_it_recorded(engine: Engine, known: SlackStandIn) -> None:
    known.fail_next("chat.postMessage", status=429, retry_after=30)
    queue(engine, Letter("two", "", {"users": "UANN,UBOB"}), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"two": TwoSteps()}, clock=lambda: clock[0])

    sender.dispatch_due()
    clock[0] += timedelta(minutes=1)
    sender.dispatch_due()

    assert len(known.calls_to("conversations.open")) == 1
    assert texts(known) == ["hello both"]


def test_a_later_row_waits_for_the_earlier_row_of_its_order_key(engine: Engine, known: SlackStandIn) -> None:
    known.fail_next("views.publish", status=500)
    first = Letter("home", "UANN", order_key="request:1")
    second = Letter("post", "UANN", {"text": "second"}, order_key="request:1")
    unrelated = Letter("post", "UBOB", {"text": "unrelated"})
    queue(engine, first, second, unrelated, now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"post": Post(), "home": Publish()}, clock=lambda: clock[0])

    sender.dispatch_due()
    assert texts(known) == ["unrelated"]  # "second" is held while "first" waits for its retry
    clock[0] += timedelta(seconds=5)
    sender.dispatch_due()
    assert [call.answered_ok for call in known.calls_to("views.publish")] == [False, True]
    assert texts(known) == ["unrelated", "second"]


def test_two_dispatchers_at_once_send_every_row_exactly_once(database_url: str, known: SlackStandIn) -> None:
    engines = [make_engine(database_url) for _ in range(2)]
    upgrade(engines[0])
    queue(engines[0], *(Letter("post", "UANN", {"text": f"m{n}"}) for n in range(200)))
    start = threading.Barrier(2)

    def run(engine: Engine) -> None:
        start.wait()
        dispatcher(engine, known, {"post": Post()}, batch=7).dispatch_due()

    threads = [threading.Thread(target=run, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    sent = texts(known)
    assert sorted(sent) == sorted(f"m{n}" for n in range(200))
    for engine in engines:
        engine.dispose()


@freeze_time(NOW)
def test_expired_rows_are_not_sent(engine: Engine, known: SlackStandIn) -> None:
    queue(engine, Letter("post", "UANN", {"text": "stale"}, expires_at=NOW - timedelta(seconds=1)), now=NOW)

    dispatcher(engine, known, {"post": Post()}).dispatch_due()

    assert known.calls_to("chat.postMessage") == []
    assert state_of(engine, 1) is OutboxState.EXPIRED


def test_a_stopping_dispatcher_gives_back_the_rows_it_has_not_begun(engine: Engine, known: SlackStandIn) -> None:
    class StopAfterFirst(Post):
        def send(self, job: Job) -> dict[str, Any]:
            data = super().send(job)
            sender.stop(timeout=0)  # SIGTERM arrives while the first row is being sent
            return data

    queue(engine, *(Letter("post", "UANN", {"text": f"m{n}"}) for n in range(3)), now=NOW)
    sender = dispatcher(engine, known, {"post": StopAfterFirst()}, clock=lambda: NOW)

    assert sender.dispatch_due() == 1

    assert texts(known) == ["m0"]
    assert [state_of(engine, n) for n in (1, 2, 3)] == [OutboxState.SENT, OutboxState.PENDING, OutboxState.PENDING]
    dispatcher(engine, known, {"post": Post()}, clock=lambda: NOW).dispatch_due()
    assert texts(known) == ["m0", "m1", "m2"]


def test_a_post_whose_answer_never_came_is_unknown_and_never_resent(engine: Engine, known: SlackStandIn) -> None:
    post = Post()
    known.hang_next("chat.postMessage", 1.5)  # Slack takes it, and answers after the client gave up
    queue(engine, Letter("post", "UANN", {"text": "once"}), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"post": post}, clock=lambda: clock[0], timeout=1)

    sender.dispatch_due()
    clock[0] += timedelta(hours=1)
    sender.dispatch_due()

    assert state_of(engine, 1) is OutboxState.UNKNOWN
    assert post.ended == [(1, Ended.UNKNOWN)]
    assert len(known.calls_to("chat.postMessage")) == 1


def test_the_wake_up_loop_and_the_tick_of_one_process_post_each_row_once_while_slack_is_slow(
    engine: Engine, known: SlackStandIn
) -> None:
    queue(engine, *(Letter("post", "UANN", {"text": f"m{n}"}) for n in range(24)))
    known.lag_everything(0.3)  # every answer comes 0.3 s late: a batch takes longer than the lease
    sender = dispatcher(engine, known, {"post": Post()}, lease=timedelta(seconds=1), senders=4)
    sender.start(poll=60)

    sender.wake()  # a commit that wrote rows (a profile save) wakes the loop...
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not all(_finished(engine, n) for n in range(1, 25)):
        sender.dispatch_due()  # ...while the tick runs, taking back leases that ran out
        time.sleep(0.1)
    sender.stop()

    assert Counter(texts(known)) == {f"m{n}": 1 for n in range(24)}
    assert all(state_of(engine, n) is OutboxState.SENT for n in range(1, 25))


def _finished(engine: Engine, row_id: int) -> bool:
    return state_of(engine, row_id) not in (OutboxState.PENDING, OutboxState.CLAIMED, OutboxState.SENDING)


@pytest.mark.parametrize("error", sorted(TOKEN_REFUSALS))
def test_a_refused_token_pauses_sending_keeps_every_row_and_says_so_once(
    engine: Engine, known: SlackStandIn, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    known.fail_next("chat.postMessage", error=error)
    known.fail_next("auth.test", error=error)  # still refused at the first look
    queue(engine, *(Letter("post", "UANN", {"text": f"m{n}"}) for n in range(3)), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"post": Post()}, clock=lambda: clock[0], batch=3)

    sender.dispatch_due()
    sender.dispatch_due()
    clock[0] += timedelta(minutes=1)
    sender.dispatch_due()

    assert len(known.calls_to("chat.postMessage")) == 1
    assert len(known.calls_to("auth.test")) == 1
    assert [state_of(engine, n) for n in (1, 2, 3)] == [OutboxState.PENDING] * 3
    assert _attempts(engine, 1) == 0
    assert sender.health() == {"slack": error}
    errors = [record for record in caplog.records if record.levelno >= logging.ERROR]
    assert len(errors) == 1
    assert "SLACK_BOT_TOKEN" in errors[0].getMessage()


def test_sending_resumes_once_slack_accepts_the_token_again(engine: Engine, known: SlackStandIn) -> None:
    known.fail_next("chat.postMessage", error="token_revoked")
    queue(engine, *(Letter("post", "UANN", {"text": f"m{n}"}) for n in range(3)), now=NOW)
    clock = [NOW]
    sender = dispatcher(engine, known, {"post": Post()}, clock=lambda: clock[0], batch=3)
    sender.dispatch_due()

    clock[0] += timedelta(minutes=1)  # a working token is configured meanwhile: auth.test says ok
    sender.dispatch_due()

    assert sorted(texts(known)) == ["m0", "m1", "m2"]
    assert sender.health() == {}


def test_a_leaver_the_sender_refuses_for_does_not_pause_sending(engine: Engine, known: SlackStandIn) -> None:
    class LeftMeanwhile(Post):
        def send(self, job: Job) -> dict[str, Any]:
            if job.recipient == "UANN":
                raise RefusedError("chat.postMessage", "account_inactive")  # as deliveries do for a leaver
            return super().send(job)

    queue(engine, Letter("post", "UANN", {"text": "gone"}), Letter("post", "UBOB", {"text": "here"}), now=NOW)
    sender = dispatcher(engine, known, {"post": LeftMeanwhile()}, clock=lambda: NOW)

    sender.dispatch_due()

    assert texts(known) == ["here"]
    assert state_of(engine, 1) is OutboxState.CANCELLED  # by design, not Slack's refusal
    assert sender.health() == {}


def test_a_stop_gives_back_a_row_whose_repeatable_call_is_still_in_flight(engine: Engine, known: SlackStandIn) -> None:
    known.hang_next("conversations.open", 3)  # the group DM opens; the answer is late
    queue(engine, Letter("two", "", {"users": "UANN,UBOB"}), now=NOW)
    sender = dispatcher(engine, known, {"two": TwoSteps()}, clock=lambda: NOW)
    sender.start(poll=60)
    sender.wake()
    known.wait_for("conversations.open")

    sender.stop(timeout=0.5)  # SIGTERM: the call in flight can be made again by whoever comes next

    assert state_of(engine, 1) is OutboxState.PENDING
    dispatcher(engine, known, {"two": TwoSteps()}, clock=lambda: NOW).dispatch_due()
    assert texts(known) == ["hello both"]
    sender.stop(timeout=5)  # the late answer comes; the row is no longer this claim's: nothing more is done
    assert texts(known) == ["hello both"]
    assert len(known.calls_to("conversations.open")) == 2


def _attempts(engine: Engine, row_id: int) -> int:
    with UnitOfWork(make_session_factory(engine)) as uow:
        row = get_row(uow.session, row_id)
        assert row is not None
        return row.attempts


class DatabaseGoneAfter:
    """Sends, then finds the database gone when it marks the row (as a PostgreSQL restart mid-batch would)."""

    def send(self, job: Job) -> dict[str, Any]:
        return job.call("chat.postMessage", channel=job.recipient, text="hello")

    def after(self, session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
        raise OperationalError("UPDATE outbox", {}, ConnectionRefusedError("connection refused"))


def test_a_database_gone_mid_batch_reaches_the_pass_not_pythons_thread_hook(
    engine: Engine, known: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    hooked: list[threading.ExceptHookArgs] = []
    monkeypatch.setattr(threading, "excepthook", hooked.append)
    queue(engine, Letter("gone", "UANN"), Letter("gone", "UBOB"))
    sender = dispatcher(engine, known, {"gone": DatabaseGoneAfter()}, senders=2)

    with pytest.raises(OperationalError):  # the loop's caller says it once a minute (bot/runtime/outage.py)
        sender.dispatch_due()

    assert hooked == []
