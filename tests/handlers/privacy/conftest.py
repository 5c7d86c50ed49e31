"""The privacy scenarios' programme (tests.support.privacy), as a fixture."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.support import privacy


@pytest.fixture
def programme(
    clock: FrozenDateTimeFactory,
    driver: SlackDriver,
    slack: SlackStandIn,
    profile: Callable[..., None],
    mentorbot: Mentorbot,
) -> None:
    privacy.programme(clock, driver, slack, profile, mentorbot)
