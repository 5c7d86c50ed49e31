"""Ids from payloads: only values of the right shape pass."""

from __future__ import annotations

import pytest

from bot.slack_ids import channel_id, message_ts, request_id, user_id


@pytest.mark.parametrize("value", ["U0BOB0001", "W0GRID0001", "UALICE"])
def test_user_ids_pass(value: str) -> None:
    assert user_id(value) == value


@pytest.mark.parametrize(
    "value", ["", "U", "U1", "click_me_123", "<@U123>", "u0bob0001", "C0CHANNEL", "U0BOB\n", 5, None]
)
def test_anything_else_is_not_a_user_id(value: object) -> None:
    assert user_id(value) is None


@pytest.mark.parametrize(("value", "number"), [("1", 1), ("42", 42), ("2147483647", 2**31 - 1)])
def test_request_ids_are_positive_whole_numbers(value: str, number: int) -> None:
    assert request_id(value) == number


@pytest.mark.parametrize(
    "value", ["", "0", "-1", "01", "1.5", "clicked", "²", "\u0661", "2147483648", "9" * 30, 7, None]
)
def test_anything_else_is_not_a_request_id(value: object) -> None:
    assert request_id(value) is None


def test_channels_and_message_timestamps_are_checked_too() -> None:
    assert channel_id("D0DM00001") == "D0DM00001"
    assert channel_id("C111") == "C111"
    assert channel_id("x") is None
    assert message_ts("1678252213.679169") == "1678252213.679169"
    assert message_ts("1678252213") is None
