"""`/mentor admin stats`, `export` and `stalled` through the Bolt app: for HR admins only, every click checked."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select, update
from sqlmodel import col

from bot.app import Mentorbot
from bot.digest.figures import Figures, figures_to_json
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.hrtools.stalled import END, NUDGE, OPEN
from storage.db import make_session_factory
from storage.digest_figures import save_figures
from storage.models import AuditRow, Pairing, Rhythm
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, DAAN, EVA
from tests.support.privacy import ALICE_GOALS, ALICE_NOTE, CHECKIN_NOTE, DAAN_REASON, EVA_NOTE, SCORE_COMMENT


def audit_rows(mentorbot: Mentorbot) -> list[tuple[str, str, str]]:
    with mentorbot.engine.connect() as connection:
        columns = (col(AuditRow.actor), col(AuditRow.action), col(AuditRow.detail))
        return [tuple(map(str, row)) for row in connection.execute(select(*columns).order_by(col(AuditRow.id)))]  # type: ignore[misc]


def reply(slack: SlackStandIn) -> str:
    return json.dumps(slack.calls_to("response_url")[-1].args, ensure_ascii=False)


def dms_to(slack: SlackStandIn, user_id: str) -> list[str]:
    return [
        json.dumps(c.args, ensure_ascii=False)
        for c in slack.calls_to("chat.postMessage")
        if c.args["channel"] == user_id
    ]


def stall(mentorbot: Mentorbot) -> None:
    with mentorbot.engine.begin() as connection:
        connection.execute(update(Rhythm).values(stalled_at=datetime(2027, 3, 1, tzinfo=UTC)))


@pytest.mark.parametrize("text", ["admin stats", "admin export", "admin stalled"])
def test_a_non_admin_is_refused_and_it_is_recorded(
    text: str, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.command(ALICE.user_id, text)

    assert EN["admin.refused"] in reply(slack)
    assert audit_rows(mentorbot) == [(ALICE.user_id, "admin.refused", text.split()[1])]
    assert slack.files_in(slack.dm_of(ALICE.user_id)) == []


@pytest.mark.usefixtures("programme")
def test_stats_before_any_digest_are_the_figures_now_and_say_so(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(BEA.user_id, "admin stats")

    shown = reply(slack)
    assert EN["admin.stats.now"] in shown
    assert EN["digest.participants"].split("{")[0] + "3" in shown  # Alice, Eva and Daan, read now
    assert EN["admin.feedback.none.title"] not in shown  # the release is /mentor admin feedback's
    assert slack.calls_to("response_url")[-1].args.get("response_type") != "in_channel"


@pytest.mark.usefixtures("programme")
def test_stats_are_the_figures_the_last_digest_showed_as_kept(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    kept = Figures(at=datetime(2027, 3, 8, 8, tzinfo=UTC), since=datetime(2027, 3, 1, 8, tzinfo=UTC), participants=41)
    older = Figures(at=datetime(2027, 3, 1, 8, tzinfo=UTC), since=datetime(2027, 2, 22, 8, tzinfo=UTC), participants=40)
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        save_figures(uow.session, "2027-W09", json.dumps(figures_to_json(older)), older.at)
        save_figures(uow.session, "2027-W10", json.dumps(figures_to_json(kept)), kept.at)
        uow.commit()

    driver.command(BEA.user_id, "admin stats")

    shown = reply(slack)
    assert EN["admin.stats.kept"].format(week="2027-W10") in shown
    assert EN["digest.participants"].split("{")[0] + "41 (+1)" in shown  # as posted, against the week before


@pytest.mark.usefixtures("programme")
def test_the_export_is_three_csv_files_by_dm_with_no_private_text(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.command(BEA.user_id, "admin export")

    assert EN["admin.export.queued"] in reply(slack)
    shares = slack.files_in(slack.dm_of(BEA.user_id))
    tables = {share.content.decode("utf-8-sig").splitlines()[0]: share.content for share in shares}
    assert list(tables) == [
        "user_id,role,area,capacity,available,created_at,updated_at",
        "pairing_id,mentor_id,mentee_id,state,started_at,ended_at,cadence,checkins",
        "user_id,waiting_since",
    ]
    profiles, pairings, waiting = (list(csv.reader(io.StringIO(c.decode("utf-8-sig")))) for c in tables.values())
    assert {row[0]: row[1] for row in profiles[1:]} == {
        ALICE.user_id: "mentee",
        EVA.user_id: "mentee",
        DAAN.user_id: "mentor",
    }
    assert pairings[1][1:4] == [DAAN.user_id, ALICE.user_id, "active"]
    assert pairings[1][6:] == ["biweekly", "1"]
    assert [row[0] for row in waiting[1:]] == [EVA.user_id]
    raw = b"".join(tables.values()).decode("utf-8-sig")
    for private in (ALICE_NOTE, EVA_NOTE, DAAN_REASON, CHECKIN_NOTE, SCORE_COMMENT, ALICE_GOALS, "Python"):
        assert private not in raw
    assert audit_rows(mentorbot) == [(BEA.user_id, "admin.export", "")]


@pytest.mark.usefixtures("programme")
def test_stalled_lists_the_pairing_and_a_kind_message_goes_to_both_once_a_day(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, clock: FrozenDateTimeFactory
) -> None:
    stall(mentorbot)
    driver.command(BEA.user_id, "admin stalled")
    assert f"<@{DAAN.user_id}> and <@{ALICE.user_id}>, stalled since" in reply(slack)
    before = {user: len(dms_to(slack, user)) for user in (ALICE.user_id, DAAN.user_id)}

    driver.click(BEA.user_id, NUDGE, "1")
    driver.click(BEA.user_id, NUDGE, "1")

    assert EN["admin.stalled.nudged.already"] in reply(slack)
    [to_alice] = dms_to(slack, ALICE.user_id)[before[ALICE.user_id] :]
    [to_daan] = dms_to(slack, DAAN.user_id)[before[DAAN.user_id] :]
    assert EN["hr.nudge"].split("{other}")[0] in to_alice
    assert NL["hr.nudge"].split("{other}")[0] in to_daan
    assert (BEA.user_id, "hr.nudge", "1") in audit_rows(mentorbot)


@pytest.mark.usefixtures("programme")
def test_end_kindly_ends_it_through_the_lifecycle_and_tells_both(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    stall(mentorbot)
    driver.click(BEA.user_id, END, "1")

    assert EN["admin.stalled.ended"] in reply(slack)
    with mentorbot.engine.connect() as connection:
        assert connection.execute(select(col(Pairing.status))).scalar_one() == "ended"
    assert any(EN["hr.ended"].split("{other}")[0] in dm for dm in dms_to(slack, ALICE.user_id))
    assert any(NL["hr.ended"].split("{other}")[0] in dm for dm in dms_to(slack, DAAN.user_id))
    driver.click(BEA.user_id, END, "1")
    assert EN["admin.stalled.gone"] in reply(slack)


@pytest.mark.usefixtures("programme")
def test_the_digests_button_lists_them_privately_to_an_admin(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    stall(mentorbot)
    driver.command(BEA.user_id, "admin stats")
    assert OPEN in reply(slack)  # the digest's stalled section has the button

    driver.click(BEA.user_id, OPEN, "open")

    shown = reply(slack)
    assert NUDGE in shown
    assert END in shown
    assert f"<@{DAAN.user_id}> and <@{ALICE.user_id}>, stalled since" in shown
    assert audit_rows(mentorbot)[-1] == (BEA.user_id, "admin.stalled", "")


@pytest.mark.parametrize("action_id", [NUDGE, END, OPEN])
@pytest.mark.usefixtures("programme")
def test_a_forged_click_changes_nothing_and_is_recorded_without_its_payload(
    action_id: str, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    stall(mentorbot)
    before = len(slack.calls_to("chat.postMessage"))
    driver.click(EVA.user_id, action_id, "1")

    assert NL["admin.refused"] in reply(slack)
    with mentorbot.engine.connect() as connection:
        assert connection.execute(select(col(Pairing.status))).scalar_one() == "active"
    assert len(slack.calls_to("chat.postMessage")) == before
    [(actor, action, detail)] = [row for row in audit_rows(mentorbot) if row[1] == "admin.refused"]
    assert (actor, action) == (EVA.user_id, "admin.refused")
    assert "1" not in detail
