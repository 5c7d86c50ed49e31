"""When a request expires: three working days on the mentor's own clock, with plain values."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.checkins.calendar import PublicHolidays
from bot.checkins.rules import WorkingDays, request_expires_at

AMSTERDAM, SINGAPORE, NEW_YORK = ZoneInfo("Europe/Amsterdam"), ZoneInfo("Asia/Singapore"), ZoneInfo("America/New_York")


@pytest.mark.parametrize(
    ("sent", "zone", "expires"),
    [
        # Monday 15:00 in Amsterdam: Thursday 15:00 there.
        (datetime(2027, 3, 1, 14, 0, tzinfo=UTC), AMSTERDAM, datetime(2027, 3, 4, 14, 0, tzinfo=UTC)),
        # Friday 15:00 in Amsterdam: the weekend doesn't count, Wednesday 15:00.
        (datetime(2027, 3, 5, 14, 0, tzinfo=UTC), AMSTERDAM, datetime(2027, 3, 10, 14, 0, tzinfo=UTC)),
        # The same moment is Saturday 04:00 in Singapore: counted from Monday, so it ends with Wednesday there.
        (datetime(2027, 3, 5, 20, 0, tzinfo=UTC), SINGAPORE, datetime(2027, 3, 10, 16, 0, tzinfo=UTC)),
        # ... and still Friday 21:00 in Amsterdam: Wednesday 21:00 there.
        (datetime(2027, 3, 5, 20, 0, tzinfo=UTC), AMSTERDAM, datetime(2027, 3, 10, 20, 0, tzinfo=UTC)),
        # Friday 10:00 in New York before the clocks change on 14 March: Wednesday 10:00 EDT, an hour earlier in UTC.
        (datetime(2027, 3, 12, 15, 0, tzinfo=UTC), NEW_YORK, datetime(2027, 3, 17, 14, 0, tzinfo=UTC)),
    ],
)
def test_a_request_waits_three_working_days_on_the_mentors_clock(
    sent: datetime, zone: ZoneInfo, expires: datetime
) -> None:
    assert request_expires_at(sent, zone, WorkingDays()) == expires


def test_a_public_holiday_does_not_count() -> None:
    # Monday 26 April 2027 at 12:00 in Amsterdam; Tuesday 27 April is King's Day.
    sent = datetime(2027, 4, 26, 10, 0, tzinfo=UTC)

    expires = request_expires_at(sent, AMSTERDAM, WorkingDays(PublicHolidays("NL")))

    assert expires == datetime(2027, 4, 30, 10, 0, tzinfo=UTC)
