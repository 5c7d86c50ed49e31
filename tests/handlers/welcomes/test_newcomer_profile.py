"""A mentor's "I like helping newcomers settle in": in the profile dialog, saved, and shown again when editing."""

from __future__ import annotations

import json
from typing import Any

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, DAAN


def opened_view(slack: SlackStandIn) -> dict[str, Any]:
    opened = slack.calls_to("views.open")[-1]
    view = opened.args["view"]
    return json.loads(view) if isinstance(view, str) else dict(view)


def newcomers_box(slack: SlackStandIn) -> dict[str, Any] | None:
    return next((b for b in opened_view(slack)["blocks"] if b.get("block_id") == "likes_newcomers"), None)


def test_a_first_profile_offers_the_box_unticked(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "profile")

    box = newcomers_box(slack)
    assert box is not None
    assert box["optional"] is True
    assert box["label"]["text"] == EN["profile.newcomers.label"]
    assert box["element"]["options"][0]["text"]["text"] == EN["profile.newcomers.option"]
    assert "initial_options" not in box["element"]


def test_a_mentor_who_ticks_it_is_saved_so_and_sees_it_ticked_again(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.interaction(profile_submission(ALICE.user_id, role="both", skills="Go", likes_newcomers="yes"))

    profile = mentorbot.services.profiles.get(ALICE.user_id)
    assert profile is not None
    assert profile.likes_newcomers
    driver.command(ALICE.user_id, "profile")
    box = newcomers_box(slack)
    assert box is not None
    assert [o["value"] for o in box["element"]["initial_options"]] == ["likes_newcomers"]


def test_unticking_it_is_saved(driver: SlackDriver, mentorbot: Mentorbot) -> None:
    driver.interaction(profile_submission(ALICE.user_id, role="mentor", skills="Go", likes_newcomers="yes"))
    driver.interaction(profile_submission(ALICE.user_id, role="mentor", skills="Go"))

    profile = mentorbot.services.profiles.get(ALICE.user_id)
    assert profile is not None
    assert not profile.likes_newcomers


def test_a_mentee_neither_keeps_it_nor_sees_it(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    driver.interaction(profile_submission(ALICE.user_id, role="mentee", likes_newcomers="yes"))

    profile = mentorbot.services.profiles.get(ALICE.user_id)
    assert profile is not None
    assert not profile.likes_newcomers
    driver.command(ALICE.user_id, "profile")
    assert newcomers_box(slack) is None


def test_the_box_reads_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "help")  # the bot has met Daan, so his language is known
    driver.command(DAAN.user_id, "profile")

    box = newcomers_box(slack)
    assert box is not None
    assert box["label"]["text"] == NL["profile.newcomers.label"]
    assert box["hint"]["text"] == NL["profile.newcomers.hint"]
