"""`/mentor profile`: the modal, its checks inline, saving, and editing pre-filled."""

from __future__ import annotations

import json

import pytest

from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, DAAN


def opened_modal(slack: SlackStandIn) -> str:
    opened = slack.calls_to("views.open")
    assert opened
    assert opened[-1].answered_ok
    return json.dumps(opened[-1].args["view"], ensure_ascii=False)


def test_profile_opens_a_modal_that_says_what_is_stored_the_first_time(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    driver.command(ALICE.user_id, "profile")

    modal = opened_modal(slack)
    assert EN["profile.title"] in modal
    assert EN["profile.first_time"] in modal


def test_saving_a_valid_profile_says_so(driver: SlackDriver) -> None:
    result = driver.interaction(profile_submission(ALICE.user_id))

    assert result.status == 200
    answer = result.json()
    assert answer["response_action"] == "update"
    assert EN["profile.saved"] in json.dumps(answer["view"])


def test_editing_shows_the_saved_profile_without_the_notice(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.interaction(profile_submission(ALICE.user_id, role="both", skills="Kubernetes", capacity="3"))

    driver.command(ALICE.user_id, "profile")

    modal = opened_modal(slack)
    assert EN["profile.first_time"] not in modal
    assert '"initial_value": "Kubernetes"' in modal
    assert '"initial_value": "3"' in modal
    assert '"value": "both"' in modal


INVALID = {
    "mentor without skills": ({"role": "mentor", "skills": ""}, "skills", "profile.error.skills_needed"),
    "mentee without goals": ({"role": "mentee", "goals": ""}, "goals", "profile.error.goals_needed"),
    "capacity above five": ({"capacity": "9"}, "capacity", "profile.error.capacity"),
    "capacity in words": ({"capacity": "two"}, "capacity", "profile.error.capacity"),
    "goals too long": ({"goals": "x" * 501}, "goals", "profile.error.too_long"),
    "unknown area": ({"area": "Astrology"}, "function_area", "profile.error.area"),
    "no role": ({"role": ""}, "role", "profile.error.role"),
}


@pytest.mark.parametrize(("fields", "block", "key"), INVALID.values(), ids=INVALID.keys())
def test_invalid_input_gets_an_inline_error_on_its_field(
    driver: SlackDriver, fields: dict[str, str], block: str, key: str
) -> None:
    result = driver.interaction(profile_submission(ALICE.user_id, **fields))

    assert result.status == 200
    assert result.json() == {"response_action": "errors", "errors": {block: EN[key]}}


def test_a_dutch_person_gets_the_modal_and_its_errors_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "help")  # the bot has met Daan, so his language is known
    driver.command(DAAN.user_id, "profile")
    result = driver.interaction(profile_submission(DAAN.user_id, role="mentor", skills=""))

    assert NL["profile.title"] in opened_modal(slack)
    assert result.json()["errors"] == {"skills": NL["profile.error.skills_needed"]}


def test_a_first_timers_dialog_opens_without_waiting_for_slack_and_then_speaks_their_language(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    driver.command(DAAN.user_id, "profile")
    result = driver.interaction(profile_submission(DAAN.user_id, role="mentor", skills=""))

    assert EN["profile.title"] in opened_modal(slack)  # nobody known yet: the workspace's default
    assert result.json()["errors"] == {"skills": NL["profile.error.skills_needed"]}


def test_an_expired_trigger_is_told_plainly(driver: SlackDriver, slack: SlackStandIn) -> None:
    slack.fail_next("views.open", error="expired_trigger_id")

    driver.command(ALICE.user_id, "profile")

    [reply] = slack.calls_to("response_url")
    assert reply.args["text"] == EN["error.generic"]
