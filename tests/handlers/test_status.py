"""`/mentor status`: the profile in brief, pairings (none is a fine answer) and open requests."""

from __future__ import annotations

import json

from bot.app import Mentorbot
from bot.i18n import EN
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from storage.models import PairingStatus, RequestStatus
from tests.factories import ALICE, BEA, CHEN, add_pairing, add_request


def status(driver: SlackDriver, slack: SlackStandIn, user_id: str) -> str:
    driver.command(user_id, "status")
    [reply] = slack.calls_to("response_url")
    assert reply.answered_ok
    return json.dumps(reply.args, ensure_ascii=False)


def test_status_without_a_profile_points_to_it(driver: SlackDriver, slack: SlackStandIn) -> None:
    answer = status(driver, slack, ALICE.user_id)

    assert EN["status.no_profile"] in answer
    assert EN["status.no_pairings"] in answer


def test_status_shows_a_mentees_profile_and_no_pairings_yet(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.interaction(profile_submission(ALICE.user_id, goals="Python & SQL"))

    answer = status(driver, slack, ALICE.user_id)

    role = EN["status.role.mentee"]
    profile = EN["status.profile"].format(role=role, area="Engineering", availability=EN["profile.available.open"])
    assert profile in answer
    assert EN["status.goals"].format(goals="Python &amp; SQL") in answer
    assert EN["status.no_pairings"] in answer
    assert EN["status.room"].rsplit("}", 1)[1] not in answer  # no "… places free" for a mentee


def test_status_shows_a_mentors_room_pairings_and_requests(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.interaction(profile_submission(BEA.user_id, role="mentor", skills="Python", capacity="3"))
    add_pairing(mentorbot.engine, BEA.user_id, ALICE.user_id, PairingStatus.PAUSED)
    add_pairing(mentorbot.engine, BEA.user_id, CHEN.user_id, PairingStatus.ENDED)
    add_request(mentorbot.engine, CHEN.user_id, BEA.user_id, RequestStatus.PENDING)

    answer = status(driver, slack, BEA.user_id)

    assert EN["status.room"].format(free=2, capacity=3) in answer
    assert EN["status.mentoring"].split(",")[0].format(who=f"<@{ALICE.user_id}>") in answer
    assert EN["status.paused"] in answer
    assert EN["status.ended"] in answer
    assert EN["status.request_received"].split(" (")[0].format(who=f"<@{CHEN.user_id}>") in answer


def test_a_mentee_sees_who_mentors_them_and_whom_they_asked(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.interaction(profile_submission(ALICE.user_id))
    add_pairing(mentorbot.engine, BEA.user_id, ALICE.user_id)
    add_request(mentorbot.engine, ALICE.user_id, CHEN.user_id, RequestStatus.PENDING)

    answer = status(driver, slack, ALICE.user_id)

    assert EN["status.mentored"].split(",")[0].format(who=f"<@{BEA.user_id}>") in answer
    assert EN["status.request_sent"].split(" (")[0].format(who=f"<@{CHEN.user_id}>") in answer
