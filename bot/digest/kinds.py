"""The weekly HR digest's kind of letter: one row per digest, posted to HR_CHANNEL with its chart.

The weekly one is keyed by its week (`digest:<ISO week>`, bot.digest.schedule.weekly_key), so any number of
replicas plan it once; one an HR admin posts from a preview is keyed by that preview (`digest:now:<id>`), so a
double click posts it once and the weekly one is neither moved nor doubled. handlers/digest/deliveries.py
renders it when it goes out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.delivery.kinds import KINDS, KindSpec, Payload

DIGEST = "digest"


@dataclass(frozen=True)
class DigestAbout(Payload):
    """Which digest: its ISO week, the moment it was due (ISO 8601; "" for one posted now), who asked for it now."""

    week: str
    due: str = ""
    asked_by: str = ""

    @property
    def weekly(self) -> bool:
        return not self.asked_by

    @property
    def due_at(self) -> datetime | None:
        return datetime.fromisoformat(self.due) if self.due else None


# Posted in a channel, read by no one person: nobody leaving makes it moot (a newer digest does: the service).
DIGESTS = KINDS.declare(
    KindSpec(
        DIGEST,
        DigestAbout,
        DigestAbout("2027-W11", "2027-03-15T08:00:00+00:00"),
        frozenset(),
        survives="it goes to the HR channel, not to a person: no one's leaving makes it moot",
    )
)


def now_key(preview_id: str) -> str:
    """The unique key of a digest posted from one preview: a second click on its button finds it taken."""
    return f"digest:now:{preview_id}"
