"""Steps of the feedback scenarios: send the dialog as Slack would, read what the store and the record hold."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from bot.standin.driver import SlackDriver
from bot.standin.payloads import view_submission
from handlers.feedback.blocks import ACTION, CALLBACK, YES
from storage.db import make_session_factory
from storage.models import Feedback, FeedbackGiven
from storage.uow import UnitOfWork


def give(
    driver: SlackDriver,
    user_id: str,
    topic: str = "programme",
    rating: str = "4",
    comment: str = "",
    *,
    follow_up: bool = False,
) -> Any:
    """Send the feedback dialog; Slack's answer to it (the thanks, or the inline errors)."""
    values: dict[str, Any] = {
        "topic": {ACTION: {"type": "radio_buttons", "selected_option": {"value": topic}}},
        "rating": {ACTION: {"type": "static_select", "selected_option": {"value": rating}}},
        "comment": {ACTION: {"type": "plain_text_input", "value": comment or None}},
    }
    ticked = [{"value": YES}] if follow_up else []
    values["follow_up"] = {ACTION: {"type": "checkboxes", "selected_options": ticked}}
    return driver.interaction(view_submission(user_id, CALLBACK, values)).json()


def stored(engine: Engine) -> list[Feedback]:
    """Every anonymous answer, in no particular order (the store keeps none)."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        rows = list(uow.session.execute(select(Feedback)).scalars())
        uow.session.expunge_all()
        return rows


def records(engine: Engine) -> list[tuple[str, str, str]]:
    """The once-a-week records: (week, topic, user id)."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        rows = uow.session.execute(select(FeedbackGiven)).scalars()
        return sorted((row.week, row.topic, row.user_id) for row in rows)


def thanks_text(answer: Any) -> str:
    return str(answer["view"]["blocks"][0]["text"]["text"])
