"""Steps knowledge session tests share: the service on a test database, an offer, and the dialog's payload."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import Engine, select
from sqlmodel import col

from bot.knowledge.rules import OfferForm
from bot.knowledge.service import KnowledgeService
from bot.profiles import ProfileService
from bot.standin.payloads import view_submission
from storage.db import make_session_factory
from storage.models import KnowledgeSeat, OutboxRow, Profile
from storage.uow import UnitOfWork

CHANNEL = "CKNOW0001"  # the channel sessions are announced in (the bot a member)
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)  # Monday 1 March 2027, noon UTC (the scenarios' frozen clock)
START = datetime(2027, 3, 3, 15, 0, tzinfo=UTC)  # Wednesday, 15:00 UTC: 16:00 in Amsterdam

T = TypeVar("T")


class Clock:
    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def service(engine: Engine, clock: Callable[[], datetime], *, wait_at_most: float | None = 10.0) -> KnowledgeService:
    """The service on the test's database; every channel postable; everyone in Amsterdam."""
    factory = make_session_factory(engine)

    def uow() -> UnitOfWork:
        return UnitOfWork(factory, wait_at_most=wait_at_most)

    profiles = ProfileService(uow, clock)
    return KnowledgeService(uow, clock, profiles, lambda _channel: True, lambda _user: "Europe/Amsterdam")


def form(seats: int = 2, start: datetime = START, **overrides: str) -> OfferForm:
    values = {"title": "Git rebase", "learn": "Rewrite history", "length": "60", "channel": CHANNEL}
    return OfferForm(**{**values, "when": str(int(start.timestamp())), "seats": str(seats), **overrides})


def offer_submission(user_id: str, seats: str = "2", start: datetime = START, **fields: Any) -> dict[str, Any]:
    """The `/mentor session` dialog, filled in and submitted (a field given as None is left empty)."""
    values = {
        "title": fields.get("title", "Git rebase"),
        "learn": fields.get("learn", "Rewrite history without fear"),
        "when": str(int(start.timestamp())),
        "length": fields.get("length", "60"),
        "seats": seats,
        "channel": fields.get("channel", CHANNEL),
    }
    state = {
        "title": {"value": {"type": "plain_text_input", "value": values["title"]}},
        "learn": {"value": {"type": "plain_text_input", "value": values["learn"]}},
        "when": {"value": {"type": "datetimepicker", "selected_date_time": int(values["when"])}},
        "length": {"value": {"type": "static_select", "selected_option": {"value": values["length"]}}},
        "seats": {"value": {"type": "plain_text_input", "value": values["seats"]}},
        "channel": {"value": {"type": "conversations_select", "selected_conversation": values["channel"]}},
    }
    return view_submission(user_id, "knowledge.offer", state)


def add_mentor(engine: Engine, user_id: str) -> str:
    """A mentor's profile, as the profile dialog would save it; their id."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        uow.session.add(
            Profile(user_id=user_id, role="mentor", function_area="Engineering", updated_at=NOW, created_at=NOW)
        )
        uow.commit()
    return user_id


def at_once(count: int, work: Callable[[int], T]) -> list[T]:
    """`work(i)` on `count` threads released together; the results in thread order (an error is raised)."""
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = work(i)
        except BaseException as e:  # handed to the test
            results[i] = e

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def seats_table(engine: Engine) -> list[tuple[str, str]]:
    """(person, status) of every seat, in the order they were taken."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        found = uow.session.execute(select(KnowledgeSeat).order_by(col(KnowledgeSeat.id))).scalars().all()
        return [(seat.user_id, seat.status) for seat in found]


def outbox_keys(engine: Engine, kind: str) -> list[str]:
    with UnitOfWork(make_session_factory(engine)) as uow:
        query = select(col(OutboxRow.unique_key)).where(col(OutboxRow.kind) == kind).order_by(col(OutboxRow.id))
        return [str(key) for key in uow.session.execute(query).scalars().all()]


def hours(n: float) -> timedelta:
    return timedelta(hours=n)
