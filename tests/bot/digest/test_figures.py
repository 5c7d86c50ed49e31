"""Week-over-week changes, an empty programme, the figures kept as JSON, and the chart."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from io import BytesIO

import pytest
from PIL import Image

from bot.digest.chart import chart_alt_text, chart_png
from bot.digest.figures import (
    Digest,
    Figures,
    Rate,
    StalledPairing,
    UnmetSkill,
    WaitingMentee,
    WeekRate,
    changes,
    figures_from_json,
    figures_to_json,
)
from bot.i18n import Language, Translator

AT = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)
EN, NL = Translator(Language.EN), Translator(Language.NL)


def weeks(*rates: tuple[int, int]) -> tuple[WeekRate, ...]:
    return tuple(
        WeekRate(date(2027, 3, 15) - timedelta(weeks=len(rates) - 1 - n), Rate(*r)) for n, r in enumerate(rates)
    )


NOW = Figures(
    at=AT, since=AT - timedelta(days=7), participants=12, new_profiles=3, mentees_waiting=2,
    longest_wait_since=AT - timedelta(days=20), requests_sent=4, requests_accepted=2, active=5, paused=1, stalled=1,
    ended=2, checkins=6, checkins_ever=40, completion=Rate(6, 8), places_taken=6, places_offered=10,
    weekly=weeks(*[(0, 0)] * 8, (1, 2), (2, 2), (1, 2), (2, 2)), unmet_skills=(UnmetSkill("rust", 5),),
    asked_by_at_least=5, stalled_pairings=(StalledPairing(7, "UM", "UE", AT - timedelta(days=3)),),
    waiting_longest=(WaitingMentee("UW", AT - timedelta(days=20)),),
)  # fmt: skip
LAST = Figures(
    at=AT - timedelta(days=7), since=AT - timedelta(days=14), participants=9, new_profiles=1, mentees_waiting=4,
    active=5, stalled=2, checkins=6, completion=Rate(1, 2), places_taken=5, places_offered=10,
)  # fmt: skip


def test_changes_are_this_week_minus_last() -> None:
    changed = changes(NOW, LAST)
    assert changed.of("participants") == 3
    assert changed.of("mentees_waiting") == -2
    assert changed.of("stalled") == -1
    assert changed.of("checkins") == 0
    assert changed.completion_points == 25  # 75 % against 50 %
    assert changed.capacity_points == 10


def test_the_first_digest_has_no_changes() -> None:
    changed = Digest("2027-W11", NOW).changes
    assert changed.of("participants") is None
    assert changed.completion_points is None


def test_a_rate_with_nothing_due_is_not_compared() -> None:
    assert changes(NOW, Figures(at=AT, since=AT)).completion_points is None
    assert Rate(0, 0).value is None


def test_figures_survive_json() -> None:
    assert figures_from_json(figures_to_json(NOW)) == NOW
    assert figures_from_json(figures_to_json(LAST)) == LAST


def test_json_from_something_else_is_refused() -> None:
    with pytest.raises(KeyError):
        figures_from_json({"at": AT.isoformat()})


@pytest.mark.parametrize(
    ("t", "title"), [(EN, "Mentoring programme, week 2027-W11"), (NL, "Mentorprogramma, week 2027-W11")]
)
def test_the_chart_is_a_png_titled_in_the_readers_language(t: Translator, title: str) -> None:
    png = chart_png(Digest("2027-W11", NOW, LAST), t)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(BytesIO(png))
    assert image.info["Title"] == title
    assert image.size[0] >= 800


def test_an_empty_programme_still_charts() -> None:
    empty = Figures(at=AT, since=AT - timedelta(days=7), weekly=weeks(*[(0, 0)] * 12))
    png = chart_png(Digest("2027-W11", empty), EN)
    assert Image.open(BytesIO(png)).info["Title"] == "Mentoring programme, week 2027-W11"
    assert "no check-ins were due yet" in chart_alt_text(Digest("2027-W11", empty), EN)


def test_the_alt_text_says_both_panels_numbers() -> None:
    text = chart_alt_text(Digest("2027-W11", NOW), EN)
    assert "2027-02-22 50%, 2027-03-01 100%, 2027-03-08 50%, 2027-03-15 100%" in text
    assert "5 active, 1 paused, 1 stalled, 2 ended" in text
    assert "5 actief, 1 gepauzeerd, 1 stilgevallen, 2 gestopt" in chart_alt_text(Digest("2027-W11", NOW), NL)
