"""Knowledge session scenarios: Bea (a mentor, in London) hosts in CKNOW0001, where the bot is a member."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import BEA
from tests.support.knowledge import CHANNEL, offer_submission


@pytest.fixture
def hosted(clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]) -> int:
    """Bea's session "Git rebase", Wednesday 3 March 2027 15:00 UTC, 2 seats, announced; its id."""
    slack.add_channel(CHANNEL)
    profile(BEA.user_id, role="mentor", skills="git")
    result = driver.interaction(offer_submission(BEA.user_id, seats="2"))
    assert result.json() == {"response_action": "clear"}, result.body
    return 1
