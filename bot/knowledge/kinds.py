"""The outbox kinds of knowledge sessions; handlers/knowledge/deliveries.py renders each when it goes out.

- `knowledge.announce`: the announcement in the session's channel (once: keyed by the session).
- `knowledge.update`: the announcement brought up to date, after a change of seats or a cancellation. Each
  change writes one, keyed by the session's change count; only the newest is sent (an older one finds a newer
  change and is dropped), always after the announcement (one order key per session).
- `knowledge.invite`: the `.ics` invite as a file in a DM, for each seat once.
- `knowledge.news`: a DM about one session: the host's copy with its buttons, a promotion from the waiting
  list, the reminder an hour before, the cancellation, an announcement the channel refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from bot.delivery.kinds import KINDS, Cancels, KindSpec, Payload

ANNOUNCE = "knowledge.announce"
UPDATE = "knowledge.update"
INVITE = "knowledge.invite"
NEWS = "knowledge.news"


class News(StrEnum):
    HOSTING = "hosting"  # the host's copy: where it was announced, "Who's coming", "Cancel"
    PROMOTED = "promoted"  # a seat came free and is yours
    REMINDER = "reminder"  # it starts in an hour
    CANCELLED = "cancelled"  # the host cancelled it
    REFUSED = "refused"  # the announcement could not be posted in the channel


@dataclass(frozen=True)
class SessionRef(Payload):
    session: int


@dataclass(frozen=True)
class SessionChange(Payload):
    session: int
    version: int


@dataclass(frozen=True)
class SessionNews(Payload):
    session: int
    news: str


_CHANNEL = "it goes to the session's channel, not to a person: no one's leaving makes it moot"
ANNOUNCING = KINDS.declare(KindSpec(ANNOUNCE, SessionRef, SessionRef(1), frozenset(), survives=_CHANNEL))
UPDATING = KINDS.declare(KindSpec(UPDATE, SessionChange, SessionChange(1, 2), frozenset(), survives=_CHANNEL))
INVITING = KINDS.declare(KindSpec(INVITE, SessionRef, SessionRef(1), frozenset({Cancels.PERSON_LEAVES})))
TELLING = KINDS.declare(
    KindSpec(NEWS, SessionNews, SessionNews(1, News.REMINDER.value), frozenset({Cancels.PERSON_LEAVES}))
)


def order_key(session_id: int) -> str:
    """The announcement and its updates go out in the order they were written."""
    return f"knowledge:{session_id}"


def news_key(news: News, session_id: int, user_id: str) -> str:
    """Each person hears each piece of news about a session once (a promotion: per seat, see the service)."""
    return f"knowledge.{news.value}:{session_id}:{user_id}"
