"""A database busy with someone else's write: the person is answered in time and asked to try again."""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from slack_bolt import App
from sqlalchemy import Engine, text
from sqlalchemy import inspect as inspect_database

from bot.app import Mentorbot
from bot.i18n import EN
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened, profile_submission, text_submission, view_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.checkins import MET_CALLBACK, PAUSE_CALLBACK
from handlers.blocks.evaluations import CALLBACK as EVALUATION_CALLBACK
from handlers.blocks.handshake import DECLINE_CALLBACK, REQUEST_CALLBACK
from handlers.blocks.profile import CALLBACK_ID as PROFILE_CALLBACK
from handlers.feedback.blocks import CALLBACK as FEEDBACK_CALLBACK
from handlers.knowledge.blocks import CALLBACK as KNOWLEDGE_CALLBACK
from handlers.welcomes.blocks import BUDDY_PROFILE
from storage.db import make_session_factory
from storage.models import RequestStatus
from storage.outbox import count_by_kind_and_state
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN, add_request
from tests.support.knowledge import CHANNEL, add_mentor, offer_submission


@contextmanager
def write_locked(engine: Engine) -> Iterator[None]:
    """Another connection holds the lock every save needs (SQLite's whole-file write lock; PostgreSQL's
    table locks), for as long as the block runs (the test's request; far longer than 1.5 s)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":  # every table: each dialog saves somewhere else
            tables = ", ".join(f'"{name}"' for name in inspect_database(connection).get_table_names())
            connection.execute(text(f"LOCK TABLE {tables} IN EXCLUSIVE MODE"))
        else:
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.rollback()


def test_a_dialog_submitted_while_the_database_is_locked_asks_to_try_again_in_time(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    with write_locked(mentorbot.engine):
        started = time.monotonic()
        answer = driver.interaction(profile_submission(ALICE.user_id, goals="Python"))
        took = time.monotonic() - started

    assert took < 2.0
    assert answer.status == 200
    assert answer.json() == {"response_action": "errors", "errors": {"role": EN["error.busy"]}}
    assert mentorbot.services.profiles.get(ALICE.user_id) is None  # nothing half-saved
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        assert count_by_kind_and_state(uow.session) == []
    assert slack.calls_to("views.publish") == []


def test_the_same_dialog_sent_again_once_the_lock_is_gone_is_saved(driver: SlackDriver, mentorbot: Mentorbot) -> None:
    with write_locked(mentorbot.engine):
        driver.interaction(profile_submission(ALICE.user_id, goals="Python"))

    answer = driver.interaction(profile_submission(ALICE.user_id, goals="Python"))

    assert answer.json()["response_action"] == "update"
    assert mentorbot.services.profiles.get(ALICE.user_id) is not None


def test_an_event_met_by_a_locked_database_gets_503_so_slack_sends_it_again(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    with write_locked(mentorbot.engine):
        started = time.monotonic()
        refused = driver.event(home_opened(ALICE.user_id), event_id="EvBUSY")
        took = time.monotonic() - started

    retried = driver.event(home_opened(ALICE.user_id), event_id="EvBUSY", retry_num=1)

    assert (refused.status, retried.status) == (503, 200)
    assert took < 2.0
    assert len(slack.calls_to("views.publish")) == 1


def chosen(value: str) -> dict[str, Any]:
    return {"value": {"type": "static_select", "selected_option": {"value": value}}}


def picked_day(day: str) -> dict[str, Any]:
    return {"value": {"type": "datepicker", "selected_date": day}}


def scores() -> dict[str, Any]:
    return {name: chosen("4") for name in ("progress", "usefulness", "recommend")}


# A submission each dialog would save, by callback id: a new dialog needs one here (the test below says so).
SUBMISSIONS: dict[str, Callable[[Mentorbot], dict[str, Any]]] = {
    PROFILE_CALLBACK: lambda bot: profile_submission(ALICE.user_id, goals="Python"),
    REQUEST_CALLBACK: lambda bot: text_submission(ALICE.user_id, REQUEST_CALLBACK, DAAN.user_id, "Hello"),
    DECLINE_CALLBACK: lambda bot: text_submission(
        DAAN.user_id, DECLINE_CALLBACK, str(add_request(bot.engine, ALICE.user_id, DAAN.user_id, RequestStatus.PENDING))
    ),
    MET_CALLBACK: lambda bot: view_submission(ALICE.user_id, MET_CALLBACK, {"date": picked_day("2027-03-01")}, "1:0"),
    PAUSE_CALLBACK: lambda bot: view_submission(ALICE.user_id, PAUSE_CALLBACK, {"date": picked_day("2027-04-01")}, "1"),
    EVALUATION_CALLBACK: lambda bot: view_submission(ALICE.user_id, EVALUATION_CALLBACK, scores(), "1:0"),
    FEEDBACK_CALLBACK: lambda bot: view_submission(
        ALICE.user_id, FEEDBACK_CALLBACK, {"topic": chosen("programme"), "rating": chosen("4")}
    ),
    BUDDY_PROFILE: lambda bot: profile_submission(ALICE.user_id, callback_id=BUDDY_PROFILE),
    KNOWLEDGE_CALLBACK: lambda bot: offer_submission(add_mentor(bot.engine, DAAN.user_id)),
}


def registered_dialogs(app: App) -> set[str]:
    """Every view_submission callback id the Bolt app has a listener for, read from the listeners' matchers
    (Bolt's `view_submission` matcher keeps its callback id in its closure)."""
    found = set()
    for listener in app._listeners:
        for matcher in listener.matchers:
            func = getattr(matcher, "func", None)
            if func is not None and func.__qualname__.startswith("view_submission."):
                found.add(str(inspect.getclosurevars(func).nonlocals["callback_id"]))
    return found


def test_every_registered_dialog_has_a_busy_database_submission_below(mentorbot: Mentorbot) -> None:
    assert registered_dialogs(mentorbot.app) == set(SUBMISSIONS)


@pytest.mark.parametrize("callback_id", SUBMISSIONS)
def test_every_dialog_met_by_a_busy_database_stays_open_asking_to_try_again(
    driver: SlackDriver, mentorbot: Mentorbot, callback_id: str
) -> None:
    driver.slack.add_channel(CHANNEL)  # where a knowledge session is announced
    submission = SUBMISSIONS[callback_id](mentorbot)
    with write_locked(mentorbot.engine):
        started = time.monotonic()
        answer = driver.interaction(submission)
        took = time.monotonic() - started

    assert took < 2.0
    assert answer.status == 200
    assert answer.json()["response_action"] == "errors"
    assert list(answer.json()["errors"].values()) == [EN["error.busy"]]
