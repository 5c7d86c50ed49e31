"""`/mentor privacy export`: a JSON file by DM of everything stored about the caller, none of the other side's words."""

from __future__ import annotations

import json
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, DAAN, EVA
from tests.support.privacy import (
    ALICE_GOALS,
    ALICE_NOTE,
    CHECKIN_NOTE,
    DAAN_REASON,
    EVA_NOTE,
    SCORE_COMMENT,
)


def export_of(driver: SlackDriver, slack: SlackStandIn, user_id: str) -> tuple[dict[str, Any], str, str]:
    """The export's document, its raw text, and the command's answer."""
    driver.command(user_id, "privacy export")
    reply = slack.calls_to("response_url")[-1]
    [share] = slack.files_in(slack.dm_of(user_id))
    raw = share.content.decode()
    return json.loads(raw), raw, str(reply.args["text"])


@pytest.mark.usefixtures("programme")
def test_a_mentees_export_has_her_words_and_none_of_the_others(driver: SlackDriver, slack: SlackStandIn) -> None:
    document, raw, answer = export_of(driver, slack, ALICE.user_id)

    assert answer == EN["privacy.export.queued"]
    assert document["user_id"] == ALICE.user_id
    assert document["profile"]["goals"] == ALICE_GOALS
    assert document["profile"]["role"] == "mentee"
    [sent] = document["requests_sent"]
    assert (sent["to_mentor"], sent["status"], sent["your_note"]) == (DAAN.user_id, "accepted", ALICE_NOTE)
    assert document["requests_received"] == []
    [pairing] = document["pairings"]
    assert (pairing["partner"], pairing["your_role"], pairing["status"]) == (DAAN.user_id, "mentee", "active")
    assert pairing["cadence"] == "biweekly"
    [checkin] = document["checkins"]
    assert checkin["logged_by_you"] is True
    assert CHECKIN_NOTE in checkin["your_note"]
    assert document["evaluations_answered"] == [{"pairing": 1, "step": 0, "side": "mentee", "carry_on": None}]
    assert document["not_included"] == EN["privacy.export.not_included"]
    for private in (DAAN_REASON, EVA_NOTE, SCORE_COMMENT, EVA.user_id):
        assert private not in raw


@pytest.mark.usefixtures("programme")
def test_a_mentors_export_in_dutch_has_his_reason_but_none_of_the_mentees_words(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    document, raw, answer = export_of(driver, slack, DAAN.user_id)

    assert answer == NL["privacy.export.queued"]
    assert document["profile"]["role"] == "mentor"
    assert document["requests_sent"] == []
    received = {r["from_mentee"]: r for r in document["requests_received"]}
    assert received[EVA.user_id]["your_decline_reason"] == DAAN_REASON
    assert received[EVA.user_id]["status"] == "declined"
    assert received[ALICE.user_id]["status"] == "accepted"
    [checkin] = document["checkins"]
    assert checkin["logged_by_you"] is False
    assert "your_note" not in checkin
    assert document["evaluations_answered"] == []
    assert document["not_included"] == NL["privacy.export.not_included"]
    for private in (ALICE_NOTE, EVA_NOTE, SCORE_COMMENT, ALICE_GOALS, CHECKIN_NOTE):
        assert private not in raw


@pytest.mark.usefixtures("programme")
def test_a_double_command_sends_one_file(
    driver: SlackDriver, slack: SlackStandIn, clock: FrozenDateTimeFactory
) -> None:
    driver.command(ALICE.user_id, "privacy export")
    driver.command(ALICE.user_id, "privacy export")

    assert slack.calls_to("response_url")[-1].args["text"] == EN["privacy.export.already"]
    assert len(slack.files_in(slack.dm_of(ALICE.user_id))) == 1
    clock.tick(60)
    driver.command(ALICE.user_id, "privacy export")
    assert len(slack.files_in(slack.dm_of(ALICE.user_id))) == 2


def test_privacy_with_nothing_known_after_it_lists_what_it_can_do(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "privacy <!channel>")

    reply = json.dumps(slack.calls_to("response_url")[-1].args)
    assert "/mentor privacy export" in reply
    assert "<!channel>" not in reply
