"""The tables. Every datetime is timezone-aware UTC (see storage.db.UTCDateTime)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from storage.db import UTCDateTime


class ProcessedEvent(SQLModel, table=True):
    """An Events API delivery claimed by one replica, so each `event_id` is acted on once."""

    __tablename__ = "processed_event"

    event_id: str = Field(primary_key=True, max_length=64)
    done: bool = Field(default=False)
    claimed_at: datetime = Field(sa_type=UTCDateTime)


class Person(SQLModel, table=True):
    """What Slack says about a person (locale, time zone), cached so requests stay quick."""

    __tablename__ = "person"

    user_id: str = Field(primary_key=True, max_length=32)
    locale: str = Field(default="en-US", max_length=16)
    tz: str = Field(default="UTC", max_length=64)
    real_name: str = Field(default="", max_length=200)
    fetched_at: datetime = Field(sa_type=UTCDateTime)


class Profile(SQLModel, table=True):
    """Who someone is in the programme. The word sets are kept normalised, so matching needn't re-parse."""

    __tablename__ = "profile"

    user_id: str = Field(primary_key=True, max_length=32)
    role: str = Field(max_length=8)
    function_area: str = Field(max_length=60, index=True)
    skills: str = Field(default="", max_length=1000)
    goals: str = Field(default="", max_length=1000)
    capacity: int = Field(default=2)
    available: bool = Field(default=True)
    skill_words: str = Field(default="", max_length=2000)
    goal_words: str = Field(default="", max_length=2000)
    updated_at: datetime = Field(sa_type=UTCDateTime)


# What Alembic compares and migrates: every table above.
metadata = SQLModel.metadata
