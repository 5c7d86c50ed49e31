"""The waiting notice's pure rules: what fits (a term about the work), the best fit, and the week's key."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from bot.checkins.rules import Schedule
from bot.i18n import Language
from bot.matching import Mentee, Mentor, score
from bot.synonyms.table import built_in
from bot.waiting.rules import WAITING_FOR, best_fit, deliver_at, fits, iso_week, key_around, waiting_since, week_key

HOURS = (time(9, 0), time(17, 0))
ON = date(2027, 3, 3)


def make_mentee(**overrides: Any) -> Mentee:
    base = Mentee("UMENTEE", "Engineering", built_in().topics("Python, code review"), Language.EN, "Europe/Amsterdam")
    return replace(base, **overrides)


def make_mentor(skills: str = "Rust", **overrides: Any) -> Mentor:
    base = Mentor("UMENTOR", "Sales", built_in().topics(skills), skills, Language.EN, "Europe/Amsterdam", 2)
    return replace(base, **overrides)


def test_a_shared_topic_fits() -> None:
    assert fits(score(make_mentee(), make_mentor("Python"), HOURS, ON))


def test_a_synonym_in_another_language_fits() -> None:
    suggestion = score(make_mentee(goals=built_in().topics("presenteren")), make_mentor("public speaking"), HOURS, ON)

    assert "match.asked_offered" in [reason.key for reason in suggestion.reasons]
    assert fits(suggestion)


def test_the_same_function_area_fits() -> None:
    assert fits(score(make_mentee(), make_mentor(function_area="Engineering"), HOURS, ON))


def test_language_hours_and_room_alone_never_fit() -> None:
    suggestion = score(make_mentee(), make_mentor(), HOURS, ON)

    assert suggestion.score > 0  # same language, same hours, room to spare
    assert not fits(suggestion)


def test_the_best_fit_is_the_best_ranked_of_those_that_fit() -> None:
    other_area = make_mentor("Python", user_id="UPY")
    same_area_and_topic = make_mentor("Python", user_id="UBOTH", function_area="Engineering")
    unfit = make_mentor(user_id="UNOFIT", free_slots=9)

    best = best_fit(make_mentee(), [unfit, other_area, same_area_and_topic], HOURS, ON)

    assert best is not None
    assert best.mentor.user_id == "UBOTH"


def test_no_fit_among_mentors_who_do_not_fit() -> None:
    assert best_fit(make_mentee(), [make_mentor(), make_mentor(user_id="U2")], HOURS, ON) is None
    assert best_fit(make_mentee(), [], HOURS, ON) is None


def test_the_mentee_is_never_their_own_fit() -> None:
    assert best_fit(make_mentee(), [make_mentor("Python", user_id="UMENTEE")], HOURS, ON) is None


def test_the_iso_week_is_utc_and_turns_on_monday() -> None:
    assert iso_week(datetime(2027, 3, 7, 23, 59, tzinfo=UTC)) == "2027-W09"
    assert iso_week(datetime(2027, 3, 8, 0, 0, tzinfo=UTC)) == "2027-W10"
    assert iso_week(datetime(2027, 1, 1, 12, tzinfo=UTC)) == "2026-W53"


def test_the_week_key_is_built_as_sql_builds_it() -> None:
    before, after = key_around("2027-W09")

    assert week_key("UALICE", "2027-W09") == before + "UALICE" + after == "waiting:UALICE:2027-W09"


def test_waiting_begins_two_days_after_the_profile_or_when_mentors_were_last_shown() -> None:
    created = datetime(2027, 3, 1, 12, tzinfo=UTC)
    later = datetime(2027, 3, 9, 8, tzinfo=UTC)

    assert waiting_since(created, None, None) == created + WAITING_FOR
    assert waiting_since(created, later, None) == later  # a pairing ended: the news showed who else fits
    assert waiting_since(created, None, later) == later  # a request declined or expired: the same
    assert waiting_since(created, datetime(2027, 2, 1, tzinfo=UTC), None) == created + WAITING_FOR


def test_a_notice_arrives_now_within_working_hours_else_at_the_next_prompt_time() -> None:
    amsterdam, schedule = ZoneInfo("Europe/Amsterdam"), Schedule()  # 09:00-17:00, prompts at 10:00
    tuesday_noon = datetime(2027, 3, 2, 11, tzinfo=UTC)  # 12:00 there
    tuesday_night = datetime(2027, 3, 2, 21, tzinfo=UTC)
    saturday = datetime(2027, 3, 6, 11, tzinfo=UTC)

    assert deliver_at(tuesday_noon, amsterdam, schedule) == tuesday_noon
    assert deliver_at(tuesday_night, amsterdam, schedule) == datetime(2027, 3, 3, 9, tzinfo=UTC)
    assert deliver_at(saturday, amsterdam, schedule) == datetime(2027, 3, 8, 9, tzinfo=UTC)
