"""Ids read from a payload, checked before use: a value that is not an id is refused, never shown or stored.

Button values and a dialog's private_metadata come back in payloads as the bot wrote them, unless
someone forged or mixed them up; a person, a request, a channel or a message is only ever named by
a value of the right shape.
"""

from __future__ import annotations

import re

_USER_ID = re.compile(r"[UW][A-Z0-9]{2,}")  # U… in a workspace, W… across an Enterprise Grid
_CHANNEL_ID = re.compile(r"[CDG][A-Z0-9]{2,}")  # a channel, a DM, a group DM
_MESSAGE_TS = re.compile(r"[0-9]{1,12}\.[0-9]{1,12}")
_MAX_REQUEST_ID = 2**31 - 1  # the largest an INTEGER key holds (PostgreSQL refuses more)


def user_id(value: object) -> str | None:
    return value if isinstance(value, str) and _USER_ID.fullmatch(value) else None


def channel_id(value: object) -> str | None:
    return value if isinstance(value, str) and _CHANNEL_ID.fullmatch(value) else None


def message_ts(value: object) -> str | None:
    return value if isinstance(value, str) and _MESSAGE_TS.fullmatch(value) else None


def request_id(value: object) -> int | None:
    """A request's id as a button or dialog carries it: a positive whole number, written plainly."""
    if not (isinstance(value, str) and re.fullmatch(r"[1-9][0-9]{0,9}", value)):
        return None
    number = int(value)
    return number if number <= _MAX_REQUEST_ID else None


def pairing_period(value: object) -> tuple[int, int] | None:
    """A check-in button's `pairing:period`, both whole numbers written plainly."""
    if not isinstance(value, str):
        return None
    pairing, _, period = value.partition(":")
    number = request_id(pairing)
    if number is None or not re.fullmatch(r"0|[1-9][0-9]{0,5}", period):
        return None
    return number, int(period)


def pairing_choice(value: object, choices: frozenset[str]) -> tuple[int, str] | None:
    """A menu option's `pairing:choice`, the choice one of those offered (a cadence, …)."""
    if not isinstance(value, str):
        return None
    pairing, _, choice = value.partition(":")
    number = request_id(pairing)
    return (number, choice) if number is not None and choice in choices else None
