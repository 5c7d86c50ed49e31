"""Giving feedback: one dialog from three places, stored anonymously once a week per topic, thanked in the dialog."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from handlers.feedback.blocks import CALLBACK, OPEN
from tests.factories import ALICE, DAAN, FINN
from tests.support.evaluations import END, tick_at
from tests.support.feedback import give, records, stored, thanks_text
from tests.support.handshake import dms_to

Profile = Callable[..., None]


def opened(slack: SlackStandIn) -> dict[str, Any]:
    view: dict[str, Any] = slack.calls_to("views.open")[-1].args["view"]
    return view


def offered_topics(view: dict[str, Any]) -> list[str]:
    [topic] = [block for block in view["blocks"] if block.get("block_id") == "topic"]
    return [option["value"] for option in topic["element"]["options"]]


@pytest.mark.usefixtures("clock")
def test_the_command_opens_the_dialog_saying_what_anonymity_means_and_what_it_does_not_protect_against(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    driver.command(ALICE.user_id, "feedback")

    view = opened(slack)
    shown = json.dumps(view, ensure_ascii=False)
    assert view["callback_id"] == CALLBACK
    assert EN["feedback.anonymous"].format(k=5) in shown
    assert EN["feedback.not_protected"] in shown


@pytest.mark.usefixtures("clock")
def test_the_app_home_has_a_button_that_opens_the_dialog(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.event(home_opened(FINN.user_id))
    home = slack.calls_to("views.publish")[-1].args["view"]
    assert OPEN in json.dumps(home)

    driver.click(FINN.user_id, OPEN, "feedback", in_home=True)

    assert opened(slack)["callback_id"] == CALLBACK


@pytest.mark.usefixtures("paired")
def test_the_end_evaluations_invitation_has_a_button_that_opens_the_dialog(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, slack: SlackStandIn, driver: SlackDriver
) -> None:
    tick_at(mentorbot, clock, END)
    [invitation] = [call.args for call in dms_to(slack, ALICE.user_id) if OPEN in json.dumps(call.args)]
    assert EN["evaluation.feedback"] in json.dumps(invitation)

    driver.click(ALICE.user_id, OPEN, "feedback", message=(ALICE.user_id, "1.0"))

    assert opened(slack)["callback_id"] == CALLBACK


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize(
    ("role", "topics"),
    [
        (None, ["programme"]),
        ("mentee", ["programme", "received"]),
        ("mentor", ["programme", "given"]),
        ("both", ["programme", "received", "given"]),
    ],
)
def test_the_topics_offered_fit_the_persons_role(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, role: str | None, topics: list[str]
) -> None:
    if role is not None:
        profile(ALICE.user_id, role=role, skills="Python", goals="Python")

    driver.command(ALICE.user_id, "feedback")

    assert offered_topics(opened(slack)) == topics


@pytest.mark.usefixtures("clock")
def test_a_submission_is_thanked_in_the_dialog_and_stored_with_no_user_id(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, area="Data", goals="SQL")
    posted_before = len(slack.calls_to("chat.postMessage"))

    answer = give(driver, ALICE.user_id, "received", "5", "More time together, please")

    assert answer["response_action"] == "update"
    assert thanks_text(answer) == EN["feedback.thanks"]
    [row] = stored(mentorbot.engine)
    assert (row.topic, row.role, row.function_area, row.week, row.rating, row.comment) == (
        "received",
        "mentee",
        "Data",
        "2027-W09",
        5,
        "More time together, please",
    )
    assert len(row.id) == 32
    assert ALICE.user_id not in json.dumps(row.model_dump())
    assert len(slack.calls_to("chat.postMessage")) == posted_before  # the thanks is the dialog's answer only


@pytest.mark.usefixtures("clock")
def test_someone_without_a_profile_is_kept_as_role_none_and_no_function_area(
    mentorbot: Mentorbot, driver: SlackDriver
) -> None:
    give(driver, FINN.user_id)

    [row] = stored(mentorbot.engine)
    assert (row.role, row.function_area) == ("none", "")


@pytest.mark.usefixtures("clock")
def test_dutch_speakers_get_the_dialog_and_the_thanks_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "feedback")  # the first time, before the bot knows Daan's language
    driver.command(DAAN.user_id, "feedback")
    assert opened(slack)["title"]["text"] == NL["feedback.title"]

    answer = give(driver, DAAN.user_id)

    assert thanks_text(answer) == NL["feedback.thanks"]


def test_a_second_answer_on_a_topic_in_one_week_is_refused_kindly_and_allowed_on_another_topic_or_week(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    give(driver, ALICE.user_id, "programme", "4")
    clock.move_to("2027-03-07 23:59")  # Sunday: the same ISO week

    again = give(driver, ALICE.user_id, "programme", "1")
    other_topic = give(driver, ALICE.user_id, "received", "3")
    clock.move_to("2027-03-08 00:00")  # Monday: the next week
    next_week = give(driver, ALICE.user_id, "programme", "2")

    assert again == {"response_action": "errors", "errors": {"topic": EN["feedback.error.already"]}}
    assert other_topic["response_action"] == next_week["response_action"] == "update"
    kept = sorted((row.week, row.topic, row.rating) for row in stored(mentorbot.engine))
    assert kept == [("2027-W09", "programme", 4), ("2027-W09", "received", 3), ("2027-W10", "programme", 2)]


def test_the_once_a_week_record_is_deleted_by_the_tick_once_the_week_is_over(
    mentorbot: Mentorbot, clock: FrozenDateTimeFactory, driver: SlackDriver
) -> None:
    give(driver, FINN.user_id)
    clock.move_to("2027-03-07 23:59")
    mentorbot.operations.tick()
    assert records(mentorbot.engine) == [("2027-W09", "programme", FINN.user_id)]

    clock.move_to("2027-03-08 00:00")
    mentorbot.operations.tick()

    assert records(mentorbot.engine) == []
    assert len(stored(mentorbot.engine)) == 1  # the answer stays; only who gave it is forgotten


@pytest.mark.usefixtures("clock")
@pytest.mark.parametrize(
    ("topic", "rating", "comment", "field", "key"),
    [
        ("given", "4", "", "topic", "feedback.error.topic"),  # a mentee's forged topic
        ("evaluation.end", "4", "", "topic", "feedback.error.topic"),
        ("programme", "9", "", "rating", "feedback.error.rating"),
        ("programme", "", "", "rating", "feedback.error.rating"),
        ("programme", "3", "x" * 1001, "comment", "feedback.error.too_long"),
    ],
)
def test_what_cant_be_stored_is_refused_on_its_field_and_nothing_is_kept(
    mentorbot: Mentorbot,
    driver: SlackDriver,
    profile: Profile,
    topic: str,
    rating: str,
    comment: str,
    field: str,
    key: str,
) -> None:
    profile(ALICE.user_id, goals="Python")

    answer = give(driver, ALICE.user_id, topic, rating, comment)

    assert answer == {"response_action": "errors", "errors": {field: EN[key]}}
    assert stored(mentorbot.engine) == []
    assert records(mentorbot.engine) == []
