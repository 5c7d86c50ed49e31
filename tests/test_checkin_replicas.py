"""Two app instances (each with its own engine and connections) planning and ticking at the same instant:
every prompt is planned once and sent once. On PostgreSQL they truly run side by side (SKIP LOCKED)."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime

from freezegun import freeze_time
from sqlalchemy import func, select
from sqlmodel import col

from bot.app import Mentorbot, build
from bot.runtime.settings import Settings
from bot.standin.driver import InlineExecutor
from bot.standin.server import SlackStandIn
from storage.checkins import start_rhythm
from storage.db import make_session_factory
from storage.models import OutboxRow, Pairing, PairingStatus
from storage.uow import UnitOfWork

PAIRS = 60


def seed(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    now = datetime.now(UTC)
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        for n in range(PAIRS):
            mentor, mentee = f"UMENTOR{n:03d}", f"UMENTEE{n:03d}"
            slack.add_user(mentor, mentor, tz="UTC")
            slack.add_user(mentee, mentee, tz="UTC")
            pairing = Pairing(mentor_id=mentor, mentee_id=mentee, status=PairingStatus.ACTIVE.value, started_at=now)
            uow.session.add(pairing)
            uow.session.flush()
            start_rhythm(uow.session, pairing.id or 0, "weekly", date(2027, 3, 1), now)
        uow.commit()


def side_by_side(*steps: Callable[[], object]) -> None:
    barrier = threading.Barrier(len(steps))
    errors: list[BaseException] = []

    def run(step: Callable[[], object]) -> None:
        barrier.wait()
        try:
            step()
        except BaseException as e:  # reported below, in the test's own thread
            errors.append(e)

    threads = [threading.Thread(target=run, args=(step,)) for step in steps]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []


def test_two_instances_plan_and_send_each_prompt_once(
    mentorbot: Mentorbot, settings: Settings, slack: SlackStandIn
) -> None:
    other = build(settings, listener_executor=InlineExecutor(), inline=True)
    try:
        with freeze_time("2027-03-01 06:00") as clock:
            seed(mentorbot, slack)
            side_by_side(mentorbot.operations.tick, other.operations.tick)
            with mentorbot.engine.connect() as connection:
                rows = connection.execute(select(func.count()).select_from(OutboxRow)).scalar_one()
                keys = connection.execute(select(func.count(func.distinct(col(OutboxRow.unique_key))))).scalar_one()
            assert rows == keys == 2 * PAIRS  # a question each (the first period has no nudge)

            clock.move_to("2027-03-04 10:00")  # Thursday 10:00 UTC: everyone's question is due
            side_by_side(mentorbot.operations.tick, other.operations.tick)
    finally:
        other.engine.dispose()

    posts = Counter(str(call.args["channel"]) for call in slack.calls_to("chat.postMessage") if call.answered_ok)
    assert len(posts) == 2 * PAIRS
    assert set(posts.values()) == {1}
