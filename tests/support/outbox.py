"""An outbox dispatcher for tests, with kinds that post a text or open a group DM first."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from bot.delivery.outbox import Dispatcher, Ended, Job, Kind, Letter, enqueue
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.models import OutboxState
from storage.outbox import get_row
from storage.uow import UnitOfWork
from tests.support.slack import BOT_TOKEN

NOW = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)


class Post:
    """A kind for tests: posts `text` from the subject to the recipient, and notes how each row ended."""

    def __init__(self) -> None:
        self.ended: list[tuple[int, Ended]] = []

    def send(self, job: Job) -> dict[str, Any]:
        return job.call("chat.postMessage", channel=job.recipient, text=job.subject["text"])

    def after(self, session: Session, job: Job, ended: Ended, data: Mapping[str, Any], now: datetime) -> None:
        self.ended.append((job.row_id, ended))


class TwoSteps:
    """Opens a group DM, records it, then posts there: a retry resumes after the open."""

    def send(self, job: Job) -> dict[str, Any]:
        if "channel" not in job.progress:
            opened = job.call("conversations.open", users=job.subject["users"])
            job.record(channel=opened["channel"]["id"])
        return job.call("chat.postMessage", channel=job.progress["channel"], text="hello both")


HOME = {"type": "home", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "hi"}}]}


class Publish:
    """Publishes the recipient's App Home: a call whose repetition nobody sees twice."""

    def send(self, job: Job) -> dict[str, Any]:
        return job.call("views.publish", user_id=job.recipient, view=HOME)


def client_for(slack: SlackStandIn, timeout: int = 5) -> WebClient:
    return WebClient(token=BOT_TOKEN, base_url=slack.api_url, timeout=timeout, retry_handlers=[])


def dispatcher(
    engine: Engine,
    slack: SlackStandIn,
    kinds: Mapping[str, Any],
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    **options: Any,
) -> Dispatcher:
    factory = make_session_factory(engine)
    client = client_for(slack, timeout=options.pop("timeout", 5))
    as_kinds = {name: Kind(kind.send, getattr(kind, "after", Kind(kind.send).after)) for name, kind in kinds.items()}
    return Dispatcher(lambda: UnitOfWork(factory), client, as_kinds, clock, **options)


def queue(engine: Engine, *letters: Letter, now: datetime | None = None) -> None:
    with UnitOfWork(make_session_factory(engine)) as uow:
        for letter in letters:
            enqueue(uow.session, letter, now or datetime.now(UTC))
        uow.commit()


def state_of(engine: Engine, row_id: int) -> OutboxState:
    with UnitOfWork(make_session_factory(engine)) as uow:
        row = get_row(uow.session, row_id)
        assert row is not None
        return OutboxState(row.state)
