"""HR's tools on the privacy scenarios' programme (tests.support.privacy), Bea the HR admin."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import BEA
from tests.support import privacy


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, hr_admins=frozenset({BEA.user_id}))


@pytest.fixture
def programme(
    clock: FrozenDateTimeFactory,
    driver: SlackDriver,
    slack: SlackStandIn,
    profile: Callable[..., None],
    mentorbot: Mentorbot,
) -> None:
    privacy.programme(clock, driver, slack, profile, mentorbot)
