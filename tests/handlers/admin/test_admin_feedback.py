"""`/mentor admin …`: HR admins read the current feedback release; anyone else is refused politely."""

from __future__ import annotations

import json
import logging
from dataclasses import replace

import pytest
from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, BEA, DAAN, HOSTILE
from tests.support.releases import seed_feedback

HR = (BEA.user_id, DAAN.user_id)  # Bea reads English, Daan Dutch


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, hr_admins=frozenset(HR), feedback_min_group=5)


def answer(driver: SlackDriver, slack: SlackStandIn, user_id: str, text: str) -> str:
    before = len(slack.calls_to("response_url"))
    driver.command(user_id, text)
    [reply] = slack.calls_to("response_url")[before:]
    assert reply.answered_ok
    assert reply.args["response_type"] == "ephemeral"
    return json.dumps(reply.args, ensure_ascii=False)


def released(mentorbot: Mentorbot) -> None:
    """Eight answers in Engineering, five in Sales and two in Legal in week 10, released by week 11's tick."""
    seed_feedback(mentorbot.engine, 6, week="2027-W10", comment=HOSTILE[0] + " more 1:1s " + HOSTILE[2])
    seed_feedback(mentorbot.engine, 2, week="2027-W10", role="mentor")
    seed_feedback(mentorbot.engine, 5, week="2027-W10", area="Sales", rating=3)
    seed_feedback(mentorbot.engine, 2, week="2027-W10", area="Legal", rating=1)
    with freeze_time("2027-03-15 09:00"):
        report = mentorbot.operations.tick()
    assert report.feedback_released


@pytest.mark.parametrize("text", ["admin feedback", "admin whatever", "admin", "ADMIN Feedback"])
def test_someone_not_in_hr_admins_is_refused_politely_and_nothing_they_typed_is_logged(
    text: str, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, caplog: pytest.LogCaptureFixture
) -> None:
    released(mentorbot)
    caplog.set_level(logging.DEBUG)

    reply = answer(driver, slack, ALICE.user_id, text)

    assert EN["admin.refused"] in reply
    assert EN["admin.feedback.programme"] not in reply
    refusals = [r.getMessage() for r in caplog.records if r.name.startswith("handlers.admin")]
    assert refusals == ["/mentor admin refused: the caller is not an HR admin"]
    assert not [r for r in caplog.records if "whatever" in r.getMessage() or "feedback" in r.getMessage().lower()]


def test_an_admin_sees_the_release_in_english(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    released(mentorbot)

    reply = answer(driver, slack, BEA.user_id, "admin feedback")

    assert EN["admin.feedback.title"].format(week="2027-W11") in reply
    assert "Engineering: average rating 4.0 from 8 responses" in reply
    assert EN["admin.feedback.hidden"].format(name="Legal") in reply
    assert EN["admin.feedback.hidden"].format(name="Sales") in reply  # else the total less it is Legal's two
    assert "Everyone: average rating 3.3 from 15 responses" in reply
    assert "&lt;!channel&gt; more 1:1s &lt;https://x|y&gt;" in reply
    assert "<!channel>" not in reply
    assert "2027-W10" in reply
    assert EN["admin.feedback.footer"].format(k=5) in reply


def test_an_admin_sees_the_release_in_dutch(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    released(mentorbot)

    reply = answer(driver, slack, DAAN.user_id, "admin feedback")

    assert NL["admin.feedback.title"].format(week="2027-W11") in reply
    assert "Engineering: gemiddeld 4,0 uit 8 antwoorden" in reply
    assert "Legal: nog niet genoeg antwoorden" in reply
    assert NL["admin.feedback.footer"].format(k=5) in reply


def test_an_admin_is_told_when_nothing_has_been_released_yet(driver: SlackDriver, slack: SlackStandIn) -> None:
    reply = answer(driver, slack, BEA.user_id, "admin feedback")

    assert EN["admin.feedback.none"].format(k=5) in reply


def test_an_admin_typing_an_unknown_admin_subcommand_gets_the_admin_help(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    reply = answer(driver, slack, BEA.user_id, "admin whatever")

    assert EN["admin.help.not_understood"].format(text="whatever") in reply
    assert "`/mentor admin feedback`" in reply
    assert EN["admin.help.title"] in answer(driver, slack, BEA.user_id, "admin")


def test_the_help_lists_admin_feedback_to_admins_only(driver: SlackDriver, slack: SlackStandIn) -> None:
    assert EN["help.cmd.admin_feedback"] in answer(driver, slack, BEA.user_id, "help")
    assert EN["help.cmd.admin_feedback"] not in answer(driver, slack, ALICE.user_id, "help")


def test_two_ticks_in_one_week_save_one_release(mentorbot: Mentorbot) -> None:
    seed_feedback(mentorbot.engine, 6, week="2027-W10")

    with freeze_time("2027-03-15 09:00"):
        first = mentorbot.operations.tick()
    with freeze_time("2027-03-16 09:00"):
        second = mentorbot.operations.tick()

    assert (first.feedback_released, second.feedback_released) == (True, False)
