"""A database busy with someone else's write: the person is answered in time and asked to try again."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine, text

from bot.app import Mentorbot
from bot.i18n import EN
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened, profile_submission
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.outbox import count_by_kind_and_state
from storage.uow import UnitOfWork
from tests.factories import ALICE


@contextmanager
def write_locked(engine: Engine) -> Iterator[None]:
    """Another connection holds the lock every save needs (SQLite's whole-file write lock; PostgreSQL's
    table locks), for as long as the block runs (the test's request; far longer than 1.5 s)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection.execute(text("LOCK TABLE profile, processed_event IN EXCLUSIVE MODE"))
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
