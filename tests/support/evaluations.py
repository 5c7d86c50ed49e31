"""Steps of the evaluation scenarios: the midpoint and end of a pairing made on Monday 1 March 2027."""

from __future__ import annotations

from typing import Any

from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.standin.driver import SlackDriver
from bot.standin.payloads import view_submission
from handlers.blocks.evaluations import CALLBACK
from storage.db import make_session_factory
from storage.models import Evaluation, Feedback, Pairing
from storage.uow import UnitOfWork

# Paired on Monday 1 March 2027; six months: the midpoint is Tuesday 1 June, the end Wednesday 1 September.
# 10:00 for Daan in Amsterdam is 08:00 UTC in summer; for Alice in New York, 14:00 UTC.
MIDPOINT, END = "2027-06-01 14:00", "2027-09-01 14:00"
MID_STEP, END_STEP = "1:0", "1:1"


def tick_at(mentorbot: Mentorbot, clock: FrozenDateTimeFactory, moment: str) -> None:
    """Ticks as `serve` would: when the day began, and at `moment` (the asks are written as each day begins)."""
    clock.move_to(moment[:10] + " 00:00")
    mentorbot.operations.tick()
    clock.move_to(moment)
    mentorbot.operations.tick()


def modal_text(answer: Any) -> str:
    return str(answer["view"]["blocks"][0]["text"]["text"])


def evaluations(mentorbot: Mentorbot) -> list[tuple[str, int, bool | None]]:
    """(side, step, carry_on) of each answer the pairing keeps, in order."""
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        rows = uow.session.execute(select(Evaluation).order_by(col(Evaluation.id))).scalars()
        return [(e.side, e.step, e.carry_on) for e in rows]


def anonymous_scores(mentorbot: Mentorbot) -> list[tuple[str, str, str, str, int, int | None, int | None, str]]:
    """(topic, role, function area, week, rating, progress, recommend, comment) of each row in the anonymous
    store, sorted (the store keeps no order)."""
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        rows = uow.session.execute(select(Feedback)).scalars()
        return sorted(
            (f.topic, f.role, f.function_area, f.week, f.rating, f.progress, f.recommend, f.comment) for f in rows
        )


def pairing_status(mentorbot: Mentorbot) -> str:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return str(uow.session.execute(select(Pairing)).scalar_one().status)


def evaluate(
    driver: SlackDriver, user_id: str, step: str, scores: str = "4", choice: str | None = None, comment: str = ""
) -> Any:
    picked = {"type": "static_select", "selected_option": {"value": scores}}
    values: dict[str, Any] = {name: {"value": picked} for name in ("progress", "usefulness", "recommend")}
    values["comment"] = {"value": {"type": "plain_text_input", "value": comment}}
    if choice is not None:
        values["carry_on"] = {"value": {"type": "static_select", "selected_option": {"value": choice}}}
    return driver.interaction(view_submission(user_id, CALLBACK, values, step)).json()
