"""Counting quiet periods: in a row, and a check-in starts the count again."""

from __future__ import annotations

import pytest

from bot.checkins.quiet import missed_after


@pytest.mark.parametrize(
    ("before", "logged", "after"),
    [
        (0, [], 0),
        (0, [False], 1),
        (1, [False], 2),
        (2, [True], 0),
        (1, [False, False], 3),  # the bot was down across two period ends: both count
        (2, [False, True, False], 1),
    ],
)
def test_quiet_periods_are_counted_in_a_row(before: int, logged: list[bool], after: int) -> None:
    assert missed_after(before, logged) == after
