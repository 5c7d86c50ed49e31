"""The rules of a knowledge session offer and its timing: plain values in, decisions out (no session, no clock)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum

from bot.slack_ids import channel_id

LENGTHS = (30, 45, 60, 90, 120)  # minutes, the dialog's choices
MAX_TITLE = 150
MAX_LEARN = 2000
MAX_SEATS = 500
REMIND_BEFORE = timedelta(hours=1)
# Who joined a session is deleted this long after it started; the session's own facts (title, time, how many
# seats were taken) stay for the HR digest's counts.
SEATS_KEPT = timedelta(days=30)


class Field(StrEnum):
    """The dialog's fields (each its block id, where an error is shown)."""

    TITLE = "title"
    LEARN = "learn"
    WHEN = "when"
    LENGTH = "length"
    SEATS = "seats"
    CHANNEL = "channel"


@dataclass(frozen=True)
class OfferForm:
    """What the dialog sent, as text: `when` is the picker's UNIX time."""

    title: str = ""
    learn: str = ""
    when: str = ""
    length: str = ""
    seats: str = ""
    channel: str = ""


@dataclass(frozen=True)
class Offer:
    title: str
    learn: str
    starts_at: datetime
    minutes: int
    seats: int
    channel: str

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.minutes)


def check_offer(form: OfferForm, now: datetime) -> tuple[Offer | None, dict[Field, str]]:
    """The offer, or the catalog key of each field's problem."""
    errors: dict[Field, str] = {}
    title, learn = form.title.strip(), form.learn.strip()
    if not title or len(title) > MAX_TITLE:
        errors[Field.TITLE] = "knowledge.error.title"
    if len(learn) > MAX_LEARN:
        errors[Field.LEARN] = "knowledge.error.learn"
    starts_at = _moment(form.when)
    if starts_at is None:
        errors[Field.WHEN] = "knowledge.error.when"
    elif starts_at <= now:
        errors[Field.WHEN] = "knowledge.error.past"
    minutes = _number(form.length)
    if minutes not in LENGTHS:
        errors[Field.LENGTH] = "knowledge.error.length"
    seats = _number(form.seats)
    if seats is None:
        errors[Field.SEATS] = "knowledge.error.seats"
    elif seats < 1:
        errors[Field.SEATS] = "knowledge.error.no_seats"
    elif seats > MAX_SEATS:
        errors[Field.SEATS] = "knowledge.error.many_seats"
    if channel_id(form.channel.strip()) is None:
        errors[Field.CHANNEL] = "knowledge.error.channel"
    if errors or starts_at is None or minutes is None or seats is None:
        return None, errors
    return Offer(title, learn, starts_at, minutes, seats, form.channel.strip()), {}


def reminder_window(now: datetime) -> tuple[datetime, datetime]:
    """Sessions starting after the first and by the second are due their reminder now."""
    return now, now + REMIND_BEFORE


def can_join(starts_at: datetime, now: datetime) -> bool:
    """A session that has started (or is over) can't be joined."""
    return starts_at > now


def _moment(text: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(int(text.strip()), UTC)
    except (ValueError, OverflowError, OSError):
        return None


def _number(text: str) -> int | None:
    text = text.strip()
    return int(text) if text.lstrip("-").isdigit() and len(text) < 9 else None
