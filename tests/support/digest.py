"""Steps digest scenarios share: ticking at a moment, and what the HR channel holds."""

from __future__ import annotations

from typing import Any

from freezegun import freeze_time

from bot.app import Mentorbot
from bot.runtime.operations import TickReport
from bot.standin.files import Share
from bot.standin.server import SlackStandIn

HR_CHANNEL = "CHR00001"  # the digest scenarios' HR channel (tests/handlers/digest/conftest.py sets it up)
# Monday 15 March 2027, 09:00 in Amsterdam (UTC+1 until the end of March): the digest of week 11 is due.
MONDAY_W11 = "2027-03-15 08:00"


def tick_at(mentorbot: Mentorbot, moment: str) -> TickReport:
    """A tick at `moment` (UTC), as the scheduler would run it."""
    with freeze_time(moment):
        return mentorbot.operations.tick()


def digests_in(slack: SlackStandIn, channel: str) -> list[dict[str, Any]]:
    """The messages in the HR channel (each digest's), oldest first."""
    return [args for _, args in slack.messages_in(channel)]


def charts_in(slack: SlackStandIn, channel: str) -> list[Share]:
    return slack.files_in(channel)
