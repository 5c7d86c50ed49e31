"""Counting quiet periods: those ended since the first one without a check-in."""

from __future__ import annotations

import pytest

from bot.checkins.quiet import quiet_periods


@pytest.mark.parametrize(
    ("quiet_from", "period", "quiet"),
    [
        (0, 0, 0),  # the first period is under way: nothing ended yet
        (0, 2, 2),  # periods 0 and 1 ended unlogged
        (2, 2, 0),  # period 1 was logged
        (4, 3, 0),  # the period under way was logged already
        (1, 4, 3),
    ],
)
def test_quiet_periods_are_those_ended_since_the_last_check_in(quiet_from: int, period: int, quiet: int) -> None:
    assert quiet_periods(quiet_from, period) == quiet
