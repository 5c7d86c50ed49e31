"""The id an erased person leaves behind in rows their partner keeps: random, and shown as "a former participant"."""

from __future__ import annotations

from uuid import uuid4

PREFIX = "gone-"
MAX_USER_ID = 32  # the width of every user id column


def new_tombstone() -> str:
    """Random, never derived from the person: nothing leads back from it (32 characters, the columns' width)."""
    return (PREFIX + uuid4().hex)[:MAX_USER_ID]


def is_tombstone(user_id: str) -> bool:
    return user_id.startswith(PREFIX)
