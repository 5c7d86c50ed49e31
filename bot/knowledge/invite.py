"""The calendar invite of a knowledge session: an `.ics` file (RFC 5545, built with `icalendar`), pure.

Times are in UTC, so any calendar shows them in its reader's zone; the organiser's zone is named in the
description and as `X-WR-TIMEZONE`. No ORGANIZER line: the bot keeps no e-mail address, and a calendar that
sees an organiser without one treats the event as a meeting it can't answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from icalendar import Calendar, Event

PRODUCT = "-//Mentorbot//Knowledge sessions//EN"


@dataclass(frozen=True)
class InviteFacts:
    session_id: int
    title: str
    learn: str
    starts_at: datetime  # UTC
    minutes: int
    host_tz: str
    where: str  # words saying where it is announced (rendered by the caller, in the reader's language)
    zone_note: str  # words naming the organiser's zone and the local start time


def uid(session_id: int) -> str:
    """The same for every invite of one session, so a calendar updates the event instead of adding another."""
    return f"knowledge-session-{session_id}@mentorbot"


def invite_ics(facts: InviteFacts, now: datetime) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-timezone", facts.host_tz)
    event = Event()
    event.add("uid", uid(facts.session_id))
    event.add("dtstamp", now)
    event.add("dtstart", facts.starts_at)
    event.add("dtend", facts.starts_at + timedelta(minutes=facts.minutes))
    event.add("summary", facts.title)
    event.add("description", "\n\n".join(part for part in (facts.learn, facts.where, facts.zone_note) if part))
    calendar.add_component(event)
    return bytes(calendar.to_ical())


def filename(session_id: int) -> str:
    return f"knowledge-session-{session_id}.ics"
