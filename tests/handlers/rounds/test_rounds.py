"""`/mentor admin match` through the Bolt app: HR's preview, sending once, both accepting, declines and expiry."""

from __future__ import annotations

import json
import threading
from datetime import timedelta
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.rounds.service import SendOutcome
from bot.standin.driver import SlackDriver
from bot.standin.server import Call, SlackStandIn
from handlers.blocks.handshake import ACCEPT as REQUEST_ACCEPT
from handlers.privacy.blocks import DELETE
from handlers.rounds.blocks import ACCEPT, DECLINE, SEND
from storage.models import AuditRow, Pairing, PairingStatus, RequestStatus, RoundProposal
from tests.factories import ALICE, BEA, CHEN, DAAN, EVA, FINN, add_pairing, add_request
from tests.support.handshake import ask, dms_to, request_id


def reply(slack: SlackStandIn) -> str:
    return json.dumps(slack.calls_to("response_url")[-1].args, ensure_ascii=False)


def button_value(message: dict[str, Any], action_id: str) -> str:
    for block in message.get("blocks") or []:
        for element in block.get("elements", []):
            if element.get("action_id") == action_id:
                return str(element["value"])
    raise AssertionError(f"no {action_id} button")


def preview(driver: SlackDriver, slack: SlackStandIn, text: str = "admin match") -> str:
    """Bea's preview; the round id on its button."""
    driver.command(BEA.user_id, text)
    return button_value(slack.calls_to("response_url")[-1].args, SEND)


def proposals_to(slack: SlackStandIn, user_id: str) -> list[Call]:
    return [call for call in dms_to(slack, user_id) if ACCEPT in json.dumps(call.args)]


def proposal_id(slack: SlackStandIn, user_id: str) -> str:
    return button_value(proposals_to(slack, user_id)[-1].args, ACCEPT)


def statuses(mentorbot: Mentorbot) -> dict[tuple[str, str], str]:
    with mentorbot.engine.connect() as connection:
        query = select(col(RoundProposal.mentee_id), col(RoundProposal.mentor_id), col(RoundProposal.status))
        return {(mentee, mentor): status for mentee, mentor, status in connection.execute(query)}


def audit_actions(mentorbot: Mentorbot) -> list[str]:
    with mentorbot.engine.connect() as connection:
        return [str(a) for a in connection.execute(select(col(AuditRow.action)).order_by(col(AuditRow.id))).scalars()]


def text_of(calls: list[Call]) -> str:
    return json.dumps([call.args for call in calls], ensure_ascii=False)


@pytest.mark.usefixtures("cohort")
def test_a_non_admin_is_refused_and_it_is_recorded(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.command(ALICE.user_id, "admin match")

    assert EN["admin.refused"] in reply(slack)
    assert audit_actions(mentorbot) == ["admin.refused"]
    assert statuses(mentorbot) == {}


@pytest.mark.usefixtures("cohort")
def test_a_non_admin_cannot_send_a_round(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    round_id = preview(driver, slack)

    driver.click(ALICE.user_id, SEND, round_id)

    assert EN["admin.refused"] in reply(slack)
    assert proposals_to(slack, ALICE.user_id) == []
    assert set(statuses(mentorbot).values()) == {"draft"}


@pytest.mark.usefixtures("cohort")
def test_the_preview_shows_pairs_with_reasons_and_the_unmatched_with_why(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.command(BEA.user_id, "admin match")

    shown = reply(slack)
    assert f"<@{ALICE.user_id}> with <@{DAAN.user_id}>" in shown
    assert f"<@{EVA.user_id}> with <@{FINN.user_id}>" in shown
    assert EN["round.reason.shared_topics"].format(topics="Python") in shown
    assert EN["round.unmatched.no_mentor"].split("(")[0] in shown
    assert f"<@{CHEN.user_id}>" in shown
    assert "Total score of these pairs" in shown
    assert proposals_to(slack, ALICE.user_id) == []
    assert proposals_to(slack, DAAN.user_id) == []
    assert audit_actions(mentorbot) == ["admin.match", "round.preview"]


@pytest.mark.usefixtures("cohort")
def test_one_area_only(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    driver.command(BEA.user_id, "admin match data")

    shown = reply(slack)
    assert f"<@{EVA.user_id}> with <@{FINN.user_id}>" in shown
    assert f"<@{ALICE.user_id}>" not in shown
    assert f"<@{CHEN.user_id}>" not in shown


@pytest.mark.usefixtures("cohort")
def test_an_unknown_area_is_named_back_with_the_known_ones(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(BEA.user_id, "admin match <!channel>")

    shown = reply(slack)
    assert EN["round.area.unknown"].split("{")[0] in shown
    assert "<!channel>" not in shown


@pytest.mark.usefixtures("cohort")
def test_the_button_sends_each_of_the_two_a_dm_with_the_reasons(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))

    assert EN["round.sent"].format(count=2) in reply(slack)
    to_alice, to_daan = text_of(proposals_to(slack, ALICE.user_id)), text_of(proposals_to(slack, DAAN.user_id))
    assert EN["round.dm.mentee"].format(mentor=f"<@{DAAN.user_id}>") in to_alice
    assert EN["match.shared_topics"].format(topics="Python") in to_alice
    assert NL["round.dm.mentor"].format(mentee=f"<@{ALICE.user_id}>") in to_daan  # Daan's Slack is in Dutch
    assert NL["round.reason.shared_topics"].format(topics="Python") in to_daan
    assert set(statuses(mentorbot).values()) == {"open"}
    assert audit_actions(mentorbot)[-1] == "round.send"


@pytest.mark.usefixtures("cohort")
def test_both_accept_and_the_pairing_starts_with_an_introduction(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))

    driver.click(ALICE.user_id, ACCEPT, proposal_id(slack, ALICE.user_id))
    assert EN["round.answer.waiting"].format(other=f"<@{DAAN.user_id}>") in reply(slack)
    assert slack.calls_to("conversations.open") == []
    driver.click(DAAN.user_id, ACCEPT, proposal_id(slack, DAAN.user_id))

    with mentorbot.engine.connect() as connection:
        pairings = connection.execute(select(col(Pairing.mentor_id), col(Pairing.mentee_id), col(Pairing.status)))
        assert list(pairings) == [(DAAN.user_id, ALICE.user_id, PairingStatus.ACTIVE.value)]
    [intro] = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"].startswith("G")]
    assert slack.members_of(intro.args["channel"]) == {ALICE.user_id, DAAN.user_id}
    assert statuses(mentorbot)[(ALICE.user_id, DAAN.user_id)] == "accepted"


@pytest.mark.usefixtures("cohort")
def test_a_decline_frees_both_and_the_other_is_told(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))
    driver.click(ALICE.user_id, ACCEPT, proposal_id(slack, ALICE.user_id))

    driver.click(DAAN.user_id, DECLINE, proposal_id(slack, DAAN.user_id))

    assert NL["round.answer.declined"].format(other=f"<@{ALICE.user_id}>") in reply(slack)
    answered = slack.calls_to("response_url")[-1].args
    assert answered.get("replace_original") is True  # Daan's DM shows the outcome in place of its buttons
    assert ACCEPT not in json.dumps(answered)
    told = EN["round.declined.other"].format(other=f"<@{DAAN.user_id}>")
    assert told in text_of(dms_to(slack, ALICE.user_id))
    driver.click(ALICE.user_id, ACCEPT, proposal_id(slack, ALICE.user_id))
    assert EN["round.answer.closed"] in reply(slack)
    driver.command(BEA.user_id, "admin match")  # the next round: Alice is free again, but not for Daan
    shown = reply(slack)
    assert f"<@{ALICE.user_id}> with <@{DAAN.user_id}>" not in shown
    assert EN["round.unmatched.only_declined"].split("(")[0] in shown


@pytest.mark.usefixtures("cohort")
def test_an_unanswered_proposal_expires_after_three_working_days(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))
    clock.tick(timedelta(days=2))
    mentorbot.operations.tick()
    assert set(statuses(mentorbot).values()) == {"open"}

    clock.tick(timedelta(days=1, hours=1))  # Monday noon + 3 working days: Thursday noon
    report = mentorbot.operations.tick()

    assert report.proposals_expired == 2
    assert set(statuses(mentorbot).values()) == {"expired"}
    assert EN["round.expired"].format(other=f"<@{DAAN.user_id}>") in text_of(dms_to(slack, ALICE.user_id))
    driver.click(DAAN.user_id, ACCEPT, proposal_id(slack, DAAN.user_id))
    assert NL["round.answer.closed"] in reply(slack)


@pytest.mark.usefixtures("cohort")
def test_a_second_round_does_not_propose_people_in_open_proposals(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack, "admin match engineering"))

    driver.command(BEA.user_id, "admin match")

    shown = reply(slack)
    assert f"<@{ALICE.user_id}>" not in shown  # in an open proposal: neither proposed nor listed as unmatched
    assert f"<@{EVA.user_id}> with <@{FINN.user_id}>" in shown
    assert EN["round.preview.title"].format(pairs=1, mentees=2, mentors=1) in shown  # Daan's place is promised


@pytest.mark.usefixtures("cohort")
def test_a_round_sent_after_people_changed_drops_the_pairs_no_longer_valid(
    driver: SlackDriver, slack: SlackStandIn, profile: Any, mentorbot: Mentorbot
) -> None:
    round_id = preview(driver, slack)
    profile(FINN.user_id, role="mentor", area="Data", skills="SQL, dashboards", capacity="1", available="paused")

    driver.click(BEA.user_id, SEND, round_id)

    assert EN["round.sent.dropped"].format(count=1, dropped=1) in reply(slack)
    assert proposals_to(slack, EVA.user_id) == []
    assert len(proposals_to(slack, ALICE.user_id)) == 1
    assert statuses(mentorbot)[(EVA.user_id, FINN.user_id)] == "dropped"


@pytest.mark.usefixtures("cohort")
def test_a_second_click_sends_nothing_twice(driver: SlackDriver, slack: SlackStandIn) -> None:
    round_id = preview(driver, slack)
    driver.click(BEA.user_id, SEND, round_id)

    driver.click(BEA.user_id, SEND, round_id)

    assert EN["round.sent.already"] in reply(slack)
    assert len(proposals_to(slack, ALICE.user_id)) == 1
    assert len(proposals_to(slack, DAAN.user_id)) == 1


@pytest.mark.usefixtures("cohort")
def test_two_admins_sending_at_once_send_each_proposal_once(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    round_id = int(preview(driver, slack))
    start = threading.Barrier(2)
    outcomes: list[SendOutcome] = []

    def send() -> None:
        start.wait()
        outcomes.append(mentorbot.services.rounds.send(round_id, BEA.user_id).outcome)

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    mentorbot.dispatcher.dispatch_due()

    assert sorted(outcomes) == sorted([SendOutcome.SENT, SendOutcome.ALREADY])
    for user in (ALICE, DAAN, EVA, FINN):
        assert len(proposals_to(slack, user.user_id)) == 1
    assert audit_actions(mentorbot).count("round.send") == 1


@pytest.mark.usefixtures("cohort")
def test_both_accepting_tells_the_mentee_it_was_hrs_proposal_not_a_request(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))
    driver.click(DAAN.user_id, ACCEPT, proposal_id(slack, DAAN.user_id))
    driver.click(ALICE.user_id, ACCEPT, proposal_id(slack, ALICE.user_id))

    to_alice = text_of(dms_to(slack, ALICE.user_id))
    assert EN["round.started.mentee"].format(mentor=f"<@{DAAN.user_id}>") in to_alice
    assert EN["request.accepted.mentee"].split("{")[1].split("}")[1] not in to_alice  # "accepted your request!"


@pytest.mark.usefixtures("cohort")
def test_the_cohort_is_whoever_find_would_serve_and_mentors_find_would_suggest(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    add_pairing(mentorbot.engine, FINN.user_id, EVA.user_id)  # Eva has a mentor: find tells her so
    add_request(mentorbot.engine, ALICE.user_id, DAAN.user_id, RequestStatus.DECLINED)  # Daan declined Alice

    driver.command(BEA.user_id, "admin match")

    shown = reply(slack)
    assert f"<@{EVA.user_id}>" not in shown
    assert f"<@{ALICE.user_id}> with <@{DAAN.user_id}>" not in shown
    assert EN["round.unmatched.only_declined"].split("(")[0] in shown
    driver.command(ALICE.user_id, "find")  # find, too, never suggests Daan to Alice
    assert f"<@{DAAN.user_id}>" not in reply(slack)


@pytest.mark.usefixtures("cohort")
def test_someone_who_leaves_frees_the_other_of_their_open_proposal(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))

    slack.state.users[DAAN.user_id] |= {"deleted": True}
    driver.event({"type": "user_change", "user": {"id": DAAN.user_id, "deleted": True}})

    assert statuses(mentorbot)[(ALICE.user_id, DAAN.user_id)] == "dropped"
    assert EN["round.no_room"].format(other=f"<@{DAAN.user_id}>") in text_of(dms_to(slack, ALICE.user_id))
    driver.click(ALICE.user_id, ACCEPT, proposal_id(slack, ALICE.user_id))
    assert EN["round.answer.closed"] in reply(slack)


@pytest.mark.usefixtures("cohort")
def test_a_proposal_is_in_each_ones_privacy_export_and_goes_with_their_erasure(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))
    driver.click(ALICE.user_id, ACCEPT, proposal_id(slack, ALICE.user_id))

    driver.command(ALICE.user_id, "privacy export")
    [share] = slack.files_in(slack.dm_of(ALICE.user_id))
    exported = json.loads(share.content.decode())["round_proposals"]
    assert exported == [
        {
            "your_role": "mentee",
            "other": DAAN.user_id,
            "status": "open",
            "your_answer": "accepted",
            "expires_at": exported[0]["expires_at"],
            "answered_at": exported[0]["answered_at"],
        }
    ]
    driver.command(ALICE.user_id, "privacy delete")
    driver.click(ALICE.user_id, DELETE, "me")
    assert (ALICE.user_id, DAAN.user_id) not in statuses(mentorbot)
    assert (EVA.user_id, FINN.user_id) in statuses(mentorbot)


@pytest.mark.usefixtures("cohort")
def test_a_mentee_paired_by_a_request_leaves_their_open_proposal(
    driver: SlackDriver, slack: SlackStandIn, profile: Any, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack, "admin match engineering"))
    profile(BEA.user_id, role="mentor", area="Engineering", skills="Python", capacity="1")
    ask(driver, ALICE.user_id, BEA.user_id)

    driver.click(BEA.user_id, REQUEST_ACCEPT, request_id(slack, BEA.user_id))

    assert statuses(mentorbot)[(ALICE.user_id, DAAN.user_id)] == "dropped"
    assert NL["round.no_room"].format(other=f"<@{ALICE.user_id}>") in text_of(dms_to(slack, DAAN.user_id))


@pytest.mark.usefixtures("cohort")
def test_a_preview_unsent_for_a_week_is_deleted_and_its_button_says_so(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    round_id = preview(driver, slack)
    clock.tick(timedelta(days=6))
    assert mentorbot.operations.tick().rounds_forgotten == 0
    assert set(statuses(mentorbot).values()) == {"draft"}

    clock.tick(timedelta(days=1, minutes=1))
    assert mentorbot.operations.tick().rounds_forgotten == 1
    assert statuses(mentorbot) == {}  # who would have been proposed to whom: gone with it

    driver.click(BEA.user_id, SEND, round_id)
    assert EN["round.sent.gone"] in reply(slack)
    assert proposals_to(slack, ALICE.user_id) == []


@pytest.mark.usefixtures("cohort")
def test_a_sent_round_is_kept(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.click(BEA.user_id, SEND, preview(driver, slack))
    clock.tick(timedelta(days=30))
    assert mentorbot.operations.tick().rounds_forgotten == 0
    assert statuses(mentorbot) != {}
