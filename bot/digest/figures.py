"""THROWAWAY stand-in for helper F1's read side (branch digest-read): replaced by theirs at the merge."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import datetime
from typing import Any

from bot.feedback.release import Release


@dataclass(frozen=True)
class Figures:
    at: datetime
    since: datetime
    participants: int = 0
    checkins: int = 0


@dataclass(frozen=True)
class Changes:
    counts: dict[str, int]


def changes(now: Figures, last: Figures | None) -> Changes:
    if last is None:
        return Changes({})
    return Changes({"participants": now.participants - last.participants, "checkins": now.checkins - last.checkins})


@dataclass(frozen=True)
class Digest:
    week: str
    now: Figures
    last: Figures | None = None
    release: Release | None = None


def figures_to_json(figures: Figures) -> dict[str, Any]:
    return {f.name: _json(getattr(figures, f.name)) for f in fields(Figures)}


def _json(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def figures_from_json(data: dict[str, Any]) -> Figures:
    return Figures(
        datetime.fromisoformat(data["at"]),
        datetime.fromisoformat(data["since"]),
        int(data["participants"]),
        int(data["checkins"]),
    )
