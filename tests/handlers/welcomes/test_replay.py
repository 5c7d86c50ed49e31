"""A `team_join` as Slack really sent it (../shared/slack-payloads), replayed signed: the joiner is welcomed."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.support.welcomes import joined_at, welcome_due, welcomes_to

PAYLOADS = Path(__file__).resolve().parents[4] / "shared" / "slack-payloads"
TEAM_JOIN = PAYLOADS / "37_team_join_new_member.json"
JOINER = "U0DAAN001"  # the payload's user, as its README substituted it


def recorded() -> dict[str, Any]:
    if not TEAM_JOIN.is_file():
        if os.environ.get("CI"):
            pytest.fail(f"{TEAM_JOIN} is missing")
        pytest.skip("no ../shared/slack-payloads next to this clone")
    loaded: dict[str, Any] = json.loads(TEAM_JOIN.read_text(encoding="utf-8"))
    return loaded


def test_a_recorded_team_join_is_welcomed_on_their_first_working_morning(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    fixture = recorded()
    slack.add_user(JOINER, "Another User", locale="nl-NL", tz="Europe/Amsterdam")
    with freeze_time("2021-02-18 06:00"):  # minutes after the recorded event_ts, Thursday 07:00 in Amsterdam
        answer = driver.post(fixture["body"], fixture["content_type"])

        assert answer.status == 200
        assert joined_at(mentorbot, JOINER) == datetime(2021, 2, 18, 5, 53, 57, 8800, tzinfo=UTC)
        assert welcome_due(mentorbot, JOINER) == [datetime(2021, 2, 18, 9, 0, tzinfo=UTC)]  # 10:00 in Amsterdam
    with freeze_time("2021-02-18 09:00"):
        mentorbot.operations.tick()
    [welcome] = welcomes_to(slack, JOINER)
    assert welcome.args["text"] == NL["welcome.text"]
