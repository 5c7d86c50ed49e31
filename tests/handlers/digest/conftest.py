"""Digest scenarios: HR_CHANNEL is CHR00001 (the bot invited), Bea (English) and Daan (Dutch) are the HR admins,
Bea listed first; the digest is due on Mondays at 09:00 in Amsterdam."""

from __future__ import annotations

import dataclasses
from datetime import time
from zoneinfo import ZoneInfo

import pytest

from bot.runtime.settings import Settings, WeeklyTime
from bot.standin.server import SlackStandIn
from tests.factories import BEA, DAAN
from tests.support.digest import HR_CHANNEL


@pytest.fixture
def first_hr_admin() -> str:
    return BEA.user_id


@pytest.fixture
def hr_channel() -> str | None:
    """Parametrize `hr_channel` with None for a bot without HR_CHANNEL."""
    return HR_CHANNEL


@pytest.fixture
def settings(settings: Settings, slack: SlackStandIn, first_hr_admin: str, hr_channel: str | None) -> Settings:
    slack.add_channel(HR_CHANNEL)
    return dataclasses.replace(
        settings,
        hr_channel=hr_channel,
        hr_admins=frozenset({BEA.user_id, DAAN.user_id}),
        first_hr_admin=first_hr_admin,
        hr_timezone=ZoneInfo("Europe/Amsterdam"),
        digest_at=WeeklyTime(0, time(9, 0)),
    )
