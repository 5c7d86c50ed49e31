"""The audit trail: a row for every admin command, allowed or refused, and for every privacy deletion
(naming its tombstone, never the person); `/mentor admin audit` shows them to HR admins only."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.privacy.blocks import DELETE
from storage.models import AuditRow, Pairing
from tests.factories import ALICE, BEA, DAAN, HOSTILE, add_pairing

HR = (BEA.user_id,)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, hr_admins=frozenset(HR))


def audit_rows(mentorbot: Mentorbot) -> list[tuple[str, str, str]]:
    with mentorbot.engine.connect() as connection:
        columns = (col(AuditRow.actor), col(AuditRow.action), col(AuditRow.detail))
        rows = connection.execute(select(*columns).order_by(col(AuditRow.id)))
        return [(str(actor), str(action), str(detail)) for actor, action, detail in rows]


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("admin feedback", "admin.feedback"),
        ("admin digest", "admin.digest"),
        ("admin audit", "admin.audit"),
        (f"admin {HOSTILE[0]} secret", "admin.unknown"),
        ("admin", "admin.unknown"),
    ],
)
def test_every_admin_command_of_an_admin_is_recorded(
    text: str, action: str, driver: SlackDriver, mentorbot: Mentorbot
) -> None:
    driver.command(BEA.user_id, text)

    assert audit_rows(mentorbot) == [(BEA.user_id, action, "")]


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("admin feedback", "feedback"),
        ("admin digest", "digest"),
        ("admin audit", "audit"),
        (f"admin {HOSTILE[0]} secret", "unknown"),
    ],
)
def test_every_refusal_is_recorded_without_what_was_typed(
    text: str, detail: str, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.command(ALICE.user_id, text)

    assert audit_rows(mentorbot) == [(ALICE.user_id, "admin.refused", detail)]
    assert EN["admin.refused"] in json.dumps(slack.calls_to("response_url")[-1].args, ensure_ascii=False)
    assert "secret" not in str(audit_rows(mentorbot))


def test_a_privacy_deletion_is_recorded_under_its_tombstone(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    add_pairing(mentorbot.engine, DAAN.user_id, ALICE.user_id)
    driver.click(ALICE.user_id, DELETE, "me")

    [(actor, action, detail)] = audit_rows(mentorbot)
    with mentorbot.engine.connect() as connection:
        tombstone = connection.execute(select(col(Pairing.mentee_id))).scalar_one()
    assert (actor, action, detail) == (tombstone, "privacy.delete", "1 pairings ended")
    assert actor.startswith("gone-")


def test_an_admin_reads_the_trail_newest_first_and_a_deletion_shows_a_former_participant(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    add_pairing(mentorbot.engine, DAAN.user_id, ALICE.user_id)
    driver.click(ALICE.user_id, DELETE, "me")
    driver.command(ALICE.user_id, "admin feedback")

    driver.command(BEA.user_id, "admin audit")

    reply = json.dumps(slack.calls_to("response_url")[-1].args, ensure_ascii=False)
    assert EN["admin.audit.title"].format(count=3) in reply
    assert reply.index("admin.audit") < reply.index("admin.refused") < reply.index("privacy.delete")
    assert EN["privacy.former_participant"] in reply
    assert "gone-" not in reply
    assert f"<@{ALICE.user_id}>" in reply  # her refusal: she was still here then, and asked as herself
