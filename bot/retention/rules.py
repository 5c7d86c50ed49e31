"""How long private texts are kept: pure rules, moments in, moments out."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

# A mentor's reason for declining helps HR see why requests fail for a while, then it goes.
DECLINE_REASON_DAYS = 90


@dataclass(frozen=True)
class Cutoffs:
    """Texts older than these are due for deletion: notes by when written, reasons by when the request was answered."""

    notes_written_before: datetime
    reasons_answered_before: datetime


def cutoffs(now: datetime, note_retention_days: int) -> Cutoffs:
    return Cutoffs(now - timedelta(days=note_retention_days), now - timedelta(days=DECLINE_REASON_DAYS))
