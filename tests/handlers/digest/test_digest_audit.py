"""A posted weekly digest leaves a row in the audit trail, by the bot itself, naming its week."""

from __future__ import annotations

from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.audit.trail import SYSTEM
from storage.models import AuditRow
from tests.support.digest import MONDAY_W11, tick_at


def test_the_posted_digest_is_recorded_once(mentorbot: Mentorbot) -> None:
    tick_at(mentorbot, MONDAY_W11)
    tick_at(mentorbot, "2027-03-15 08:01")

    with mentorbot.engine.connect() as connection:
        rows = connection.execute(select(col(AuditRow.actor), col(AuditRow.action), col(AuditRow.detail))).all()
    assert [tuple(row) for row in rows] == [(SYSTEM, "digest.posted", "2027-W11")]
