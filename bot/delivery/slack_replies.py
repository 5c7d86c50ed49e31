"""What Slack's answers say, as plain values: the domain reads these, never a reply's fields.

A sender gets Slack's reply to the call it made; the outcome hooks of the domain (bot/handshake.py)
and the people cache (bot/people.py) are handed what it means: where a message was posted, which
group DM opened, what Slack knows of a person.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.delivery.outbox import Job

MAX_USER_ID = 32
MAX_LOCALE = 16  # the lengths of the person table's columns: what Slack sends must never overflow them
MAX_ZONE = 64
_LOCALE = re.compile(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*")


@dataclass(frozen=True)
class Posted:
    """Where `chat.postMessage` put a message: enough to update it later."""

    channel: str
    ts: str


def posted(data: Mapping[str, Any]) -> Posted | None:
    channel, ts = str(data.get("channel") or ""), str(data.get("ts") or "")
    return Posted(channel, ts) if channel and ts else None


def record_opened_channel(job: Job, opened: Mapping[str, Any]) -> None:
    """Keep the group DM `conversations.open` answered with, so a retry resumes after opening it."""
    job.record(channel=str((opened.get("channel") or {}).get("id") or ""))


def opened_channel(job: Job) -> str:
    """The group DM this letter opened ("" if none opened, or not yet)."""
    return str(job.progress.get("channel") or "")


@dataclass(frozen=True)
class PersonFacts:
    """What Slack said of a person: each field None when Slack left it out or sent what it doesn't document."""

    user_id: str
    locale: str | None
    tz: str | None
    gone: bool | None  # deactivated, deleted or a bot; None when Slack didn't say
    joined_at: datetime | None = None  # when they joined the workspace: only a `team_join` says


def person_facts(user: Mapping[str, Any]) -> PersonFacts | None:
    """A user object (from `users.info`, `user_change` or `team_join`), or None without a usable id."""
    user_id = user.get("id")
    if not isinstance(user_id, str) or not user_id or len(user_id) > MAX_USER_ID:
        return None
    return PersonFacts(user_id, _locale(user.get("locale")), _zone(user.get("tz")), _gone(user))


def _locale(value: object) -> str | None:
    """A locale as Slack writes them (`en-US`, `nl-NL`), or None for anything else."""
    if isinstance(value, str) and len(value) <= MAX_LOCALE and _LOCALE.fullmatch(value):
        return value
    return None


def _zone(value: object) -> str | None:
    """An IANA zone Python can load, or None: matching and prompts read it as a zone."""
    if not isinstance(value, str) or not value or len(value) > MAX_ZONE:
        return None
    try:
        ZoneInfo(value)
    except (LookupError, ValueError, OSError):  # unknown, not a key, a folder or not a zone file
        return None
    return value


def _gone(user: Mapping[str, Any]) -> bool | None:
    """Deactivated or deleted (Slack says `deleted` for both) or a bot; back only when Slack says so."""
    if user.get("deleted") is True or user.get("is_bot") is True:
        return True
    if user.get("deleted") is False:
        return False
    return None


# Slack's flags of someone who did not join as a full member: a bot or app, a guest (single- or multi-channel),
# or an account already deactivated.
NOT_A_MEMBER = ("is_bot", "is_app_user", "is_restricted", "is_ultra_restricted", "deleted")


@dataclass(frozen=True)
class Joined:
    """A `team_join`: who joined, when, and whether as a full member."""

    facts: PersonFacts
    at: datetime
    member: bool


def joined(event: Mapping[str, Any], now: datetime) -> Joined | None:
    """A `team_join` event as plain values (None without a usable user), its time never later than `now`."""
    user = event.get("user")
    facts = person_facts(user) if isinstance(user, Mapping) else None
    if facts is None or not isinstance(user, Mapping):
        return None
    member = not any(user.get(flag) is True for flag in NOT_A_MEMBER)
    return Joined(facts, _event_time(event.get("event_ts"), now), member)


def _event_time(event_ts: object, now: datetime) -> datetime:
    """`event_ts` (seconds since 1970, as text), or `now` without a usable one; never later than `now`
    (a clock ahead of ours would keep someone a newcomer longer)."""
    try:
        seconds = float(str(event_ts))
    except ValueError:
        return now
    if not 0 < seconds < 1e11:  # not a time at all (nan, negative, in milliseconds)
        return now
    return min(datetime.fromtimestamp(seconds, now.tzinfo), now)
