"""Steps of the welcome scenarios: someone joins the workspace, their welcome, its buddy button."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.standin.driver import HttpResult, SlackDriver
from bot.standin.server import Call, SlackStandIn
from handlers.welcomes.blocks import FIND_BUDDY
from storage.db import make_session_factory
from storage.models import OutboxRow, Person
from storage.uow import UnitOfWork


def join(
    driver: SlackDriver,
    slack: SlackStandIn,
    user_id: str,
    *,
    tz: str = "Europe/Amsterdam",
    locale: str = "en-US",
    event_id: str | None = None,
    **flags: Any,
) -> HttpResult:
    """`user_id` joins (Slack knows them, their locale included); `flags` as Slack's user object has them."""
    slack.add_user(user_id, f"New {user_id}", locale=locale, tz=tz)
    user = {"id": user_id, "tz": tz, "deleted": False, "is_bot": False, "is_restricted": False, **flags}
    return driver.event({"type": "team_join", "user": user}, event_id=event_id)


def welcomes_to(slack: SlackStandIn, user_id: str) -> list[Call]:
    """The welcomes (messages with the buddy button) sent to `user_id`."""
    return [
        call
        for call in slack.calls_to("chat.postMessage")
        if call.args["channel"] == user_id and FIND_BUDDY in str(call.args.get("blocks"))
    ]


def welcome_due(mentorbot: Mentorbot, user_id: str) -> list[datetime]:
    """When the welcome rows for `user_id` are due (one, or none)."""
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        query = select(col(OutboxRow.due_at)).where(
            col(OutboxRow.kind) == "welcome", col(OutboxRow.recipient) == user_id
        )
        return list(uow.session.execute(query).scalars())


def joined_at(mentorbot: Mentorbot, user_id: str) -> datetime | None:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        person = uow.session.get(Person, user_id)
        return person.joined_at if person is not None else None
