"""The outbox kind of HR's export: one letter to the HR admin who asked, its files built when it goes out."""

from __future__ import annotations

from datetime import datetime

from bot.delivery.kinds import KINDS, KindSpec, Nothing

HR_EXPORT = "hr.export"
HR_EXPORTING = KINDS.declare(KindSpec(HR_EXPORT, Nothing, Nothing()))


def export_key(user_id: str, now: datetime) -> str:
    """One export per HR admin and minute: a double command sends one set of files."""
    return f"{HR_EXPORT}:{user_id}:{now:%Y-%m-%dT%H:%M}"


def nudge_key(pairing_id: int, day: str, user_id: str) -> str:
    """HR's kind message about a stalled pairing: once per pairing, person and day (HR's calendar)."""
    return f"hr.nudge:{pairing_id}:{day}:{user_id}"
