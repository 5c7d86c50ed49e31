"""`/mentor find` loads at most CANDIDATES mentors, and the best three are the same as with no limit."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from functools import partial

import pytest
from sqlalchemy import insert, text

from bot.app import Mentorbot, build
from bot.delivery.slack_replies import person_facts
from bot.i18n import language_for_locale
from bot.matching import Mentee, best_mentors, topic_words
from bot.profiles import ProfileData, Role
from bot.runtime.settings import Settings
from bot.standin.server import SlackStandIn
from bot.suggestions import FindOutcome, SuggestionService, mentor_of, sql_points
from storage.db import make_session_factory, utcnow
from storage.matching import CANDIDATES, locales_and_zones, mentor_candidates
from storage.migrate import upgrade
from storage.models import Pairing, PairingStatus, Person, Profile, ProfileTopic
from storage.uow import UnitOfWork
from tests.factories import CHEN


@pytest.fixture
def mentorbot(settings: Settings) -> Iterator[Mentorbot]:
    """The app with its dispatcher stopped: saving a profile queues an App Home refresh, which would ask
    Slack who the person is; these tests count what `find` itself asks Slack."""
    bot = build(settings)
    upgrade(bot.engine)
    yield bot
    bot.engine.dispose()


MENTORS = 3000
FIRST = 25
# Few areas, topics, zones and locales: thousands of ties, the hard case for a limit.
AREAS = ("Engineering", "Data")
TOPICS = ("Python", "SQL", "Go", "testing", "code review", "Kubernetes", "statistics")
ZONES = ("Europe/London", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
LOCALES = ("en-US", "en-GB", "nl-NL")
NEWCOMERS = {"UE1", "UE4"}  # joined in the last 90 days: mentors who like helping newcomers score more for them
MENTEES = {
    "UE1": ("Engineering", "Python and code review", "en-US", "Europe/London"),
    "UE2": ("Data", "statistics, SQL", "nl-NL", "Europe/Amsterdam"),
    "UE3": ("Engineering", "Go", "en-GB", "Asia/Kolkata"),
    "UE4": ("Design", "Kubernetes, testing, Python, SQL", "en-US", "America/Los_Angeles"),
}


def seed(mentorbot: Mentorbot, rng: random.Random) -> None:
    """Thousands of mentors in one go (ProfileService.save each would take seconds), some with mentees."""
    now = datetime.now(UTC)
    profiles, topics, people, pairings = [], [], [], []
    for n in range(MENTORS):
        user_id = f"UM{n:05d}"
        skills = ", ".join(rng.sample(TOPICS, rng.randint(1, 4)))
        words = sorted(topic_words(skills))
        capacity = rng.randint(1, 3)
        profiles.append(
            {"user_id": user_id, "role": rng.choice(("mentor", "both")), "function_area": rng.choice(AREAS),
             "skills": skills, "goals": "", "capacity": capacity, "available": rng.random() > 0.1,
             "skill_words": " ".join(words), "goal_words": "", "updated_at": now, "created_at": now,
             "likes_newcomers": rng.random() < 0.3}
        )  # fmt: skip
        topics += [{"user_id": user_id, "word": word} for word in words]
        if rng.random() > 0.05:  # a few mentors Slack has told us nothing about yet
            people.append({"user_id": user_id, "locale": rng.choice(LOCALES), "tz": rng.choice(ZONES),
                           "gone": rng.random() < 0.02, "fetched_at": now})  # fmt: skip
        pairings += [
            {"mentor_id": user_id, "mentee_id": f"UX{n:05d}{k}", "status": PairingStatus.ACTIVE.value,
             "channel_id": "", "started_at": now}
            for k in range(rng.randint(0, capacity))
        ]  # fmt: skip
    for user_id, (area, goals, locale, tz) in MENTEES.items():
        profiles.append(
            {"user_id": user_id, "role": "mentee", "function_area": area, "skills": "", "goals": goals,
             "capacity": 2, "available": True, "skill_words": "", "goal_words": " ".join(sorted(topic_words(goals))),
             "updated_at": now, "created_at": now}
        )  # fmt: skip
        joined = now - timedelta(days=10 if user_id in NEWCOMERS else 400)
        people.append(
            {"user_id": user_id, "locale": locale, "tz": tz, "gone": False, "fetched_at": now, "joined_at": joined}
        )
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        for table, rows in ((Profile, profiles), (ProfileTopic, topics), (Person, people), (Pairing, pairings)):
            uow.session.execute(insert(table), rows)
        uow.commit()
    if mentorbot.engine.dialect.name == "postgresql":  # as autovacuum would have, long before this size
        with mentorbot.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()


@pytest.mark.parametrize("seed_value", [1, 2])
def test_the_best_three_are_the_same_as_with_no_limit(mentorbot: Mentorbot, seed_value: int) -> None:
    seed(mentorbot, random.Random(seed_value))  # noqa: S311 - repeatable test data, not secrets
    settings, services = mentorbot.services.settings, mentorbot.services
    on = datetime.now(UTC).date()

    for user_id, (area, goals, locale, tz) in MENTEES.items():
        found = services.suggestions.find(user_id)

        mentee = Mentee(user_id, area, topic_words(goals), language_for_locale(locale), tz, user_id in NEWCOMERS)
        with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
            points = sql_points(mentee, locales_and_zones(uow.session), settings.working_hours, on)
            everyone = mentor_candidates(uow.session, user_id, area, mentee.goal_words, points, limit=None)
            loaded = mentor_candidates(uow.session, user_id, area, mentee.goal_words, points)
            first = mentor_candidates(uow.session, user_id, area, mentee.goal_words, points, limit=FIRST)
        unlimited = best_mentors(mentee, [mentor_of(row) for row in everyone], settings.working_hours, on)
        assert found.outcome is FindOutcome.FOUND
        assert [(s.mentor.user_id, s.score) for s in found.suggestions] == [
            (s.mentor.user_id, s.score) for s in unlimited
        ]
        assert len(loaded) == CANDIDATES < len(everyone)
        if user_id in NEWCOMERS:  # the newcomer term counts in SQL as in bot.matching
            assert any(reason.key == "match.newcomer" for s in found.suggestions for reason in s.reasons)
        # Why no limit loses the best: SQL orders by the ranking's own score, so its first rows are the best.
        ranked = best_mentors(mentee, [mentor_of(row) for row in everyone], settings.working_hours, on, FIRST)
        assert [row.user_id for row in first] == [s.mentor.user_id for s in ranked]


def test_find_asks_slack_nothing_when_there_is_nobody_to_rank(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    mentorbot.services.profiles.save(CHEN.user_id, ProfileData(Role.MENTEE, "Legal", "", "GDPR", 2, True))

    found = mentorbot.services.suggestions.find(CHEN.user_id)

    assert found.outcome is FindOutcome.NONE_FOUND
    assert slack.calls_to("users.info") == []


def test_a_mentee_slack_has_not_told_us_about_is_ranked_by_their_own_time_zone(
    mentorbot: Mentorbot, slack: SlackStandIn
) -> None:
    """Chen (Singapore) is not cached: the first order assumes UTC, Slack's answer orders again."""
    services = mentorbot.services
    uow = partial(UnitOfWork, make_session_factory(mentorbot.engine))
    one_at_most = SuggestionService(uow, services.profiles, services.people, services.settings, utcnow, candidates=1)
    services.profiles.save(CHEN.user_id, ProfileData(Role.MENTEE, "Engineering", "", "Python", 2, True))
    for user_id, tz in (("UASIA", "Asia/Singapore"), ("UEUROPE", "Europe/London")):
        services.profiles.save(user_id, ProfileData(Role.MENTOR, "Engineering", "Python", "", 2, True))
        services.people.remember(person_facts({"id": user_id, "locale": "en-US", "tz": tz}))

    found = one_at_most.find(CHEN.user_id)

    assert len(slack.calls_to("users.info")) == 1
    assert [s.mentor.user_id for s in found.suggestions] == ["UASIA"]
