"""Fixtures the check-in, evaluation, quiet-pairing, departure, privacy and HR-tools scenarios share."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT
from tests.factories import ALICE, DAAN
from tests.support import privacy
from tests.support.handshake import ask, request_id


@pytest.fixture
def clock() -> Iterator[FrozenDateTimeFactory]:
    """Monday 1 March 2027, noon UTC, moved on by the test."""
    with freeze_time("2027-03-01 12:00") as frozen:
        assert isinstance(frozen, FrozenDateTimeFactory)
        yield frozen


@pytest.fixture
def paired(clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]) -> int:
    """Alice and Daan, paired through the app on that Monday; the pairing's id."""
    profile(ALICE.user_id, goals="Python, code review")
    profile(DAAN.user_id, role="mentor", skills="Python, code review")
    ask(driver, ALICE.user_id, DAAN.user_id)
    driver.click(DAAN.user_id, ACCEPT, request_id(slack, DAAN.user_id))
    return 1


@pytest.fixture
def programme(
    clock: FrozenDateTimeFactory,
    driver: SlackDriver,
    slack: SlackStandIn,
    profile: Callable[..., None],
    mentorbot: Mentorbot,
) -> None:
    """The privacy scenarios' programme (tests.support.privacy): people, pairings, notes and feedback."""
    privacy.programme(clock, driver, slack, profile, mentorbot)
