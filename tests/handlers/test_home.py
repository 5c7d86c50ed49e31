"""The App Home tab: a person's profile, pairings and requests, two buttons, tips for mentors; kept fresh."""

from __future__ import annotations

import json
from collections.abc import Callable

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened, text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK, WITHDRAW
from handlers.blocks.home import EDIT_PROFILE, FIND_MENTOR
from storage.models import RequestStatus
from tests.factories import ALICE, BEA, DAAN, add_pairing, add_request

Profile = Callable[..., None]


def home_of(slack: SlackStandIn, user_id: str) -> str:
    published = [call for call in slack.calls_to("views.publish") if call.args["user_id"] == user_id]
    assert published
    assert published[-1].answered_ok
    return json.dumps(published[-1].args["view"], ensure_ascii=False)


def test_without_a_profile_the_home_offers_to_create_one(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.event(home_opened(ALICE.user_id))

    home = home_of(slack, ALICE.user_id)
    assert EN["home.no_profile"] in home
    assert EN["home.create"] in home
    assert EDIT_PROFILE in home
    assert FIND_MENTOR not in home


def test_a_mentees_home_shows_the_profile_and_both_buttons(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")

    driver.event(home_opened(ALICE.user_id))

    home = home_of(slack, ALICE.user_id)
    assert EN["status.goals"].format(goals="Python") in home
    assert EN["home.edit"] in home
    assert EDIT_PROFILE in home
    assert FIND_MENTOR in home
    assert EN["tips.listen"] not in home


def test_a_mentors_home_has_the_tips(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> None:
    profile(DAAN.user_id, role="mentor", skills="Python")

    driver.event(home_opened(DAAN.user_id))

    home = home_of(slack, DAAN.user_id)
    assert NL["home.tips"] in home
    assert NL["tips.listen"] in home


def test_saving_a_profile_refreshes_the_home(slack: SlackStandIn, profile: Profile) -> None:
    profile(ALICE.user_id, goals="Python")

    assert EN["status.goals"].format(goals="Python") in home_of(slack, ALICE.user_id)


def test_a_request_and_its_accept_refresh_both_homes(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    driver.click(ALICE.user_id, ASK, BEA.user_id)
    driver.interaction(text_submission(ALICE.user_id, "request", BEA.user_id))

    waiting = EN["status.request_received"].split(" (")[0].format(who=f"<@{ALICE.user_id}>")
    assert waiting in home_of(slack, BEA.user_id)
    assert WITHDRAW in home_of(slack, ALICE.user_id)
    request = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == BEA.user_id][-1]
    actions = [block for block in request.args["blocks"] if block["type"] == "actions"]
    driver.click(BEA.user_id, ACCEPT, actions[0]["elements"][0]["value"])

    assert EN["status.mentoring"].split(",")[0].format(who=f"<@{ALICE.user_id}>") in home_of(slack, BEA.user_id)
    assert EN["status.mentored"].split(",")[0].format(who=f"<@{BEA.user_id}>") in home_of(slack, ALICE.user_id)


def test_the_edit_button_opens_the_profile_dialog(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> None:
    profile(ALICE.user_id, goals="Python")

    driver.click(ALICE.user_id, EDIT_PROFILE, in_home=True)

    [opened] = slack.calls_to("views.open")
    assert opened.answered_ok
    assert '"initial_value": "Python"' in json.dumps(opened.args["view"])


def test_the_find_button_sends_suggestions_to_the_dm(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")

    driver.click(ALICE.user_id, FIND_MENTOR, in_home=True)

    [dm] = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"] == ALICE.user_id]
    assert dm.args["text"] == EN["find.title"]
    assert f"<@{BEA.user_id}>" in json.dumps(dm.args)


def test_a_mentee_with_a_mentor_is_not_offered_to_find_another(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    profile(ALICE.user_id, goals="Python")
    add_pairing(mentorbot.engine, BEA.user_id, ALICE.user_id)

    driver.event(home_opened(ALICE.user_id))

    home = home_of(slack, ALICE.user_id)
    assert EDIT_PROFILE in home
    assert FIND_MENTOR not in home


def test_a_mentor_can_answer_a_request_from_the_home_tab(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    driver.click(ALICE.user_id, ASK, BEA.user_id)
    driver.interaction(text_submission(ALICE.user_id, "request", BEA.user_id))
    home = json.loads(home_of(slack, BEA.user_id))
    [buttons] = [block for block in home["blocks"] if block["type"] == "actions" and block.get("block_id") != "home"]

    driver.click(BEA.user_id, buttons["elements"][0]["action_id"], buttons["elements"][0]["value"], in_home=True)

    assert buttons["elements"][0]["action_id"] == ACCEPT
    assert EN["status.mentoring"].split(",")[0].format(who=f"<@{ALICE.user_id}>") in home_of(slack, BEA.user_id)
    assert ACCEPT not in home_of(slack, BEA.user_id)


def test_a_home_with_many_requests_shows_ten_those_to_answer_first(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    profile(BEA.user_id, role="both", skills="Python", goals="Go")
    add_request(mentorbot.engine, BEA.user_id, DAAN.user_id, RequestStatus.PENDING)  # the oldest: one Bea sent
    for n in range(12):
        add_request(mentorbot.engine, f"UMENTEE{n}", BEA.user_id, RequestStatus.PENDING)

    driver.event(home_opened(BEA.user_id))

    home = json.loads(home_of(slack, BEA.user_id))
    buttons = [block for block in home["blocks"] if block["type"] == "actions" and block.get("block_id") != "home"]
    assert len(buttons) == 10
    assert {block["elements"][0]["action_id"] for block in buttons} == {ACCEPT}
    assert EN["status.more"].format(count=3) in json.dumps(home, ensure_ascii=False)
