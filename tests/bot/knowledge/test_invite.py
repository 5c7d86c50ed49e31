"""The `.ics` invite: it parses back, starts at the stored UTC moment, and names the organiser's zone."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Component

from bot.knowledge.invite import InviteFacts, invite_ics, uid

START = datetime(2027, 3, 3, 15, 0, tzinfo=UTC)


def facts(**overrides: object) -> InviteFacts:
    values: dict[str, object] = {
        "session_id": 7,
        "title": "Git rebase, <!channel> & more",
        "learn": "Rewrite history\nsafely",
        "starts_at": START,
        "minutes": 90,
        "host_tz": "Europe/Amsterdam",
        "where": "Announced in Slack.",
        "zone_note": "The host's time zone is Europe/Amsterdam.",
    }
    return InviteFacts(**{**values, **overrides})  # type: ignore[arg-type]


def event_of(content: bytes) -> Component:
    [event] = Calendar.from_ical(content).walk("VEVENT")
    return event


def test_the_invite_parses_back_with_its_start_and_end_in_utc() -> None:
    event = event_of(invite_ics(facts(), START - timedelta(days=2)))

    assert event.decoded("dtstart") == START
    assert event.decoded("dtstart").utcoffset() == timedelta(0)
    assert event.decoded("dtend") == START + timedelta(minutes=90)


def test_the_invite_keeps_the_title_as_typed_and_names_the_organisers_zone() -> None:
    content = invite_ics(facts(), START)
    calendar = Calendar.from_ical(content)
    event = event_of(content)

    assert str(event["summary"]) == "Git rebase, <!channel> & more"
    assert "Europe/Amsterdam" in str(event["description"])
    assert "Rewrite history\nsafely" in str(event["description"])
    assert str(calendar["x-wr-timezone"]) == "Europe/Amsterdam"


def test_every_invite_of_a_session_has_the_same_uid() -> None:
    first = event_of(invite_ics(facts(), START - timedelta(days=2)))
    second = event_of(invite_ics(facts(), START - timedelta(days=1)))

    assert str(first["uid"]) == str(second["uid"]) == uid(7)
    assert uid(7) != uid(8)
