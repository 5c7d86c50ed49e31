"""The offer's checks and the reminder's window: plain values in, decisions out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.knowledge.rules import Field, OfferForm, can_join, check_offer, reminder_window

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
LATER = int((NOW + timedelta(days=2)).timestamp())


def form(**overrides: str) -> OfferForm:
    values = {"title": "Git rebase", "learn": "Rewrite history", "when": str(LATER), "length": "60", "seats": "8"}
    return OfferForm(**{**values, "channel": "CKNOW001", **overrides})


def test_a_good_offer_is_taken_as_it_was_filled_in() -> None:
    offer, errors = check_offer(form(), NOW)

    assert errors == {}
    assert offer is not None
    assert offer.starts_at == datetime.fromtimestamp(LATER, UTC)
    assert (offer.minutes, offer.seats, offer.channel) == (60, 8, "CKNOW001")
    assert offer.ends_at - offer.starts_at == timedelta(minutes=60)


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"when": str(int(NOW.timestamp()) - 60)}, Field.WHEN, "knowledge.error.past"),
        ({"when": str(int(NOW.timestamp()))}, Field.WHEN, "knowledge.error.past"),
        ({"when": ""}, Field.WHEN, "knowledge.error.when"),
        ({"seats": "0"}, Field.SEATS, "knowledge.error.no_seats"),
        ({"seats": "-3"}, Field.SEATS, "knowledge.error.no_seats"),
        ({"seats": "twelve"}, Field.SEATS, "knowledge.error.seats"),
        ({"seats": "2.5"}, Field.SEATS, "knowledge.error.seats"),
        ({"seats": "501"}, Field.SEATS, "knowledge.error.many_seats"),
        ({"length": "75"}, Field.LENGTH, "knowledge.error.length"),
        ({"title": "  "}, Field.TITLE, "knowledge.error.title"),
        ({"channel": ""}, Field.CHANNEL, "knowledge.error.channel"),
        ({"channel": "<!channel>"}, Field.CHANNEL, "knowledge.error.channel"),
    ],
)
def test_a_bad_field_is_refused_with_its_reason(overrides: dict[str, str], field: Field, key: str) -> None:
    offer, errors = check_offer(form(**overrides), NOW)

    assert offer is None
    assert errors == {field: key}


def test_every_problem_is_told_at_once() -> None:
    _, errors = check_offer(form(seats="0", when="", title=""), NOW)

    assert set(errors) == {Field.SEATS, Field.WHEN, Field.TITLE}


def test_a_session_that_has_started_cannot_be_joined() -> None:
    assert can_join(NOW + timedelta(minutes=1), NOW)
    assert not can_join(NOW, NOW)
    assert not can_join(NOW - timedelta(hours=1), NOW)


def test_the_reminder_is_due_for_sessions_starting_within_the_hour() -> None:
    assert reminder_window(NOW) == (NOW, NOW + timedelta(hours=1))
