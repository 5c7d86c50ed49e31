"""The welcome's "Find me a buddy": the profile dialog as a mentee who wants to settle in; saving it sends the
suggestions, where mentors who like helping newcomers count for more."""

from __future__ import annotations

import json
from typing import Any

from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from handlers.welcomes.blocks import BUDDY_PROFILE, FIND_BUDDY
from tests.factories import BEA, DAAN
from tests.support.handshake import dms_to
from tests.support.welcomes import join

NEW = "UNEW1"


def opened_view(slack: SlackStandIn) -> dict[str, Any]:
    [opened] = slack.calls_to("views.open")
    assert opened.answered_ok
    view = opened.args["view"]
    return json.loads(view) if isinstance(view, str) else dict(view)


def block(view: dict[str, Any], block_id: str) -> dict[str, Any] | None:
    return next((b for b in view["blocks"] if b.get("block_id") == block_id), None)


def as_slack_sends_it(view: dict[str, Any], user_id: str, area: str = "Engineering") -> dict[str, Any]:
    """What Slack sends when the dialog is submitted as it was opened, with `area` chosen."""
    role = block(view, "role")
    goals = block(view, "goals")
    assert role is not None
    assert goals is not None
    return profile_submission(
        user_id,
        role=role["element"]["initial_option"]["value"],
        area=area,
        goals=goals["element"]["initial_value"],
        callback_id=view["callback_id"],
    )


def mentors(driver: SlackDriver) -> None:
    """Bea (same language and zone as the newcomer) and Daan, who likes helping newcomers settle in."""
    driver.interaction(profile_submission(BEA.user_id, role="mentor", skills="Python"))
    driver.interaction(profile_submission(DAAN.user_id, role="mentor", skills="SQL", likes_newcomers="yes"))


def test_the_buddy_button_opens_the_profile_dialog_as_a_mentee_who_wants_to_settle_in(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    join(driver, slack, NEW, tz="Europe/London")

    driver.click(NEW, FIND_BUDDY)

    view = opened_view(slack)
    assert view["callback_id"] == BUDDY_PROFILE
    assert block(view, "role")["element"]["initial_option"]["value"] == "mentee"  # type: ignore[index]
    assert block(view, "goals")["element"]["initial_value"] == EN["welcome.buddy.goal"]  # type: ignore[index]
    assert EN["profile.first_time"] in json.dumps(view)  # what is stored, and who can see it
    assert block(view, "likes_newcomers") is None  # a mentor's choice


def test_saving_the_buddy_dialog_makes_a_mentee_profile_and_sends_suggestions_with_newcomer_mentors_first(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    mentors(driver)
    join(driver, slack, NEW, tz="Europe/London")
    driver.click(NEW, FIND_BUDDY)

    answer = driver.interaction(as_slack_sends_it(opened_view(slack), NEW)).json()

    assert answer["response_action"] == "update"
    assert EN["welcome.saved"] in json.dumps(answer["view"])
    profile = mentorbot.services.profiles.get(NEW)
    assert profile is not None
    assert (profile.role.value, profile.goals) == ("mentee", EN["welcome.buddy.goal"])
    [suggestions] = dms_to(slack, NEW)
    shown = json.dumps(suggestions.args["blocks"])
    assert EN["match.newcomer"] in shown
    assert shown.index(f"<@{DAAN.user_id}>") < shown.index(f"<@{BEA.user_id}>")  # Bea first were Daan not keen


def test_someone_not_new_sees_no_newcomer_preference(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn
) -> None:
    mentors(driver)
    slack.add_user(NEW, "Old Hand", tz="Europe/London")  # the bot never saw them join

    driver.interaction(profile_submission(NEW, goals=EN["welcome.buddy.goal"]))
    driver.command(NEW, "find")

    [reply] = slack.calls_to("response_url")
    shown = json.dumps(reply.args["blocks"])
    assert EN["match.newcomer"] not in shown
    assert shown.index(f"<@{BEA.user_id}>") < shown.index(f"<@{DAAN.user_id}>")


def test_the_buddy_dialog_checks_its_fields_inline(driver: SlackDriver, slack: SlackStandIn) -> None:
    join(driver, slack, NEW)
    driver.click(NEW, FIND_BUDDY)

    result = driver.interaction(as_slack_sends_it(opened_view(slack), NEW, area=""))

    assert result.json() == {"response_action": "errors", "errors": {"function_area": EN["profile.error.area"]}}


def test_choosing_to_mentor_in_the_buddy_dialog_saves_without_suggestions(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    join(driver, slack, NEW)

    answer = driver.interaction(
        profile_submission(NEW, role="mentor", skills="Go", goals="", callback_id=BUDDY_PROFILE)
    ).json()

    assert EN["profile.saved"] in json.dumps(answer["view"])
    assert dms_to(slack, NEW) == []


def test_a_dutch_joiner_gets_the_buddy_dialog_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    join(driver, slack, NEW, locale="nl-NL")
    driver.command(NEW, "help")  # the welcome asked Slack their language; here a command does

    driver.click(NEW, FIND_BUDDY)

    view = opened_view(slack)
    assert block(view, "goals")["element"]["initial_value"] == NL["welcome.buddy.goal"]  # type: ignore[index]
    assert NL["profile.title"] in json.dumps(view, ensure_ascii=False)


def test_someone_with_a_profile_meanwhile_gets_their_own_profile_to_change(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    join(driver, slack, NEW)
    driver.interaction(profile_submission(NEW, goals="Kotlin"))

    driver.click(NEW, FIND_BUDDY)

    view = opened_view(slack)
    assert block(view, "goals")["element"]["initial_value"] == "Kotlin"  # type: ignore[index]
    assert EN["profile.first_time"] not in json.dumps(view)
