"""`/mentor find` over the pool: the best three equal the reference ranking over every mentor the rules allow."""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, text

from bot.app import Mentorbot, build
from bot.delivery.slack_replies import person_facts
from bot.i18n import language_for_locale
from bot.matching import Mentee, Mentor, best_mentors
from bot.profiles import ProfileData, Role
from bot.runtime.settings import Settings
from bot.standin.server import SlackStandIn
from bot.suggestions import FindOutcome
from bot.synonyms.table import built_in
from storage.db import make_session_factory
from storage.migrate import upgrade
from storage.models import Pairing, PairingRequest, PairingStatus, Person, Profile, RequestStatus
from storage.people import DEFAULT_LOCALE, DEFAULT_ZONE
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
# Few areas, topics, zones and locales: thousands of ties, the hard case for a top three.
AREAS = ("Engineering", "Data")
TOPICS = ("Python", "SQL", "Go", "testing", "code review", "Kubernetes", "k8s", "statistics", "presenteren")
ZONES = ("Europe/London", "Europe/Amsterdam", "America/New_York", "Asia/Kolkata", "Australia/Sydney")
LOCALES = ("en-US", "en-GB", "nl-NL")
NEWCOMERS = {"UE1", "UE4"}  # joined in the last 90 days: mentors who like helping newcomers score more for them
MENTEES = {
    "UE1": ("Engineering", "Python and code review", "en-US", "Europe/London"),
    "UE2": ("Data", "statistics, SQL", "nl-NL", "Europe/Amsterdam"),
    "UE3": ("Engineering", "Go, public speaking", "en-GB", "Asia/Kolkata"),
    "UE4": ("Design", "kubernetes, testing, Python, SQL", "en-US", "America/Los_Angeles"),
}
RULED_OUT = (RequestStatus.DECLINED, RequestStatus.PENDING, RequestStatus.EXPIRED)


def seed(mentorbot: Mentorbot, rng: random.Random) -> list[dict[str, Any]]:
    """Thousands of mentors in one go, some full, gone, unavailable, paired with or asked by a mentee."""
    now = datetime.now(UTC)
    profiles, people, pairings, requests = [], [], [], []
    for n in range(MENTORS):
        user_id = f"UM{n:05d}"
        skills = ", ".join(rng.sample(TOPICS, rng.randint(1, 4)))
        capacity = rng.randint(1, 3)
        profiles.append(
            {"user_id": user_id, "role": rng.choice(("mentor", "both")), "function_area": rng.choice(AREAS),
             "skills": skills, "goals": "", "capacity": capacity, "available": rng.random() > 0.1,
             "skill_words": "", "goal_words": "", "updated_at": now, "created_at": now,
             "likes_newcomers": rng.random() < 0.3}
        )  # fmt: skip
        if rng.random() > 0.05:  # a few mentors Slack has told us nothing about yet
            people.append({"user_id": user_id, "locale": rng.choice(LOCALES), "tz": rng.choice(ZONES),
                           "gone": rng.random() < 0.02, "fetched_at": now})  # fmt: skip
        pairings += [
            {"mentor_id": user_id, "mentee_id": f"UX{n:05d}{k}", "status": PairingStatus.ACTIVE.value,
             "channel_id": "", "started_at": now}
            for k in range(rng.randint(0, capacity))
        ]  # fmt: skip
        for mentee_id in MENTEES:
            if rng.random() < 0.01:  # once paired (ended): never suggested again
                pairings.append({"mentor_id": user_id, "mentee_id": mentee_id, "status": PairingStatus.ENDED.value,
                                 "channel_id": "", "started_at": now})  # fmt: skip
            if rng.random() < 0.02:
                status = rng.choice([*RULED_OUT, RequestStatus.WITHDRAWN])  # a withdrawn request rules nothing out
                requests.append({"mentee_id": mentee_id, "mentor_id": user_id, "status": status.value,
                                 "created_at": now})  # fmt: skip
    for user_id, (area, goals, locale, tz) in MENTEES.items():
        profiles.append(
            {"user_id": user_id, "role": "mentee", "function_area": area, "skills": "", "goals": goals,
             "capacity": 2, "available": True, "skill_words": "", "goal_words": "",
             "updated_at": now, "created_at": now, "likes_newcomers": False}
        )  # fmt: skip
        joined = now - timedelta(days=10 if user_id in NEWCOMERS else 400)
        people.append(
            {"user_id": user_id, "locale": locale, "tz": tz, "gone": False, "fetched_at": now, "joined_at": joined}
        )
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        for table, rows in ((Profile, profiles), (Person, people), (Pairing, pairings), (PairingRequest, requests)):
            uow.session.execute(insert(table), rows)
        uow.commit()
    if mentorbot.engine.dialect.name == "postgresql":  # as autovacuum would have, long before this size
        with mentorbot.engine.connect() as connection:
            connection.execute(text("ANALYZE"))
            connection.commit()
    return [{"profiles": profiles, "people": people, "pairings": pairings, "requests": requests}]


def allowed_mentors(data: dict[str, Any], mentee_id: str) -> list[Mentor]:
    """The rules written out again from the seeded rows, independently of storage.matching and bot.pool."""
    people = {p["user_id"]: p for p in data["people"]}
    taken: dict[str, int] = {}
    for pairing in data["pairings"]:
        if pairing["status"] in ("active", "paused"):
            taken[pairing["mentor_id"]] = taken.get(pairing["mentor_id"], 0) + 1
    ruled_out = {p["mentor_id"] for p in data["pairings"] if p["mentee_id"] == mentee_id}
    ruled_out |= {
        r["mentor_id"] for r in data["requests"] if r["mentee_id"] == mentee_id and r["status"] != "withdrawn"
    }
    area = MENTEES[mentee_id][0]
    goals = built_in().concepts(MENTEES[mentee_id][1])
    mentors = []
    for profile in data["profiles"]:
        user_id, person = profile["user_id"], people.get(profile["user_id"], {})
        free = profile["capacity"] - taken.get(user_id, 0)
        if profile["role"] == "mentee" or not profile["available"] or person.get("gone") or free < 1:
            continue
        skills = built_in().topics(profile["skills"])
        if user_id in ruled_out or not (profile["function_area"] == area or skills.concepts & goals):
            continue
        locale, tz = person.get("locale", DEFAULT_LOCALE), person.get("tz", DEFAULT_ZONE)
        mentors.append(Mentor(user_id, profile["function_area"], skills, profile["skills"],
                              language_for_locale(locale), tz, free, profile["likes_newcomers"]))  # fmt: skip
    return mentors


@pytest.mark.parametrize("seed_value", [1, 2])
def test_the_best_three_are_the_reference_rankings_over_every_allowed_mentor(
    mentorbot: Mentorbot, seed_value: int
) -> None:
    (data,) = seed(mentorbot, random.Random(seed_value))  # noqa: S311 - repeatable test data, not secrets
    services, on = mentorbot.services, datetime.now(UTC).date()

    for user_id, (area, goals, locale, tz) in MENTEES.items():
        found = services.suggestions.find(user_id)

        mentee = Mentee(user_id, area, built_in().topics(goals), language_for_locale(locale), tz, user_id in NEWCOMERS)
        expected = best_mentors(mentee, allowed_mentors(data, user_id), services.settings.working_hours, on)
        assert found.outcome is FindOutcome.FOUND
        assert [(s.mentor.user_id, s.score, s.reasons) for s in found.suggestions] == [
            (s.mentor.user_id, s.score, s.reasons) for s in expected
        ]
        if user_id in NEWCOMERS:  # the newcomer term counts in the pool as in bot.matching
            assert any(reason.key == "match.newcomer" for s in found.suggestions for reason in s.reasons)
    assert services.pool.builds == 1  # nothing changed between the finds: one pool for all of them


def test_find_asks_slack_nothing_when_there_is_nobody_to_rank(mentorbot: Mentorbot, slack: SlackStandIn) -> None:
    mentorbot.services.profiles.save(CHEN.user_id, ProfileData(Role.MENTEE, "Legal", "", "GDPR", 2, True))

    found = mentorbot.services.suggestions.find(CHEN.user_id)

    assert found.outcome is FindOutcome.NONE_FOUND
    assert slack.calls_to("users.info") == []


def test_a_mentee_slack_has_not_told_us_about_is_ranked_by_their_own_time_zone(
    mentorbot: Mentorbot, slack: SlackStandIn
) -> None:
    """Chen (Singapore) is not cached: the first order assumes UTC (London first), Slack's answer orders again."""
    services = mentorbot.services
    services.profiles.save(CHEN.user_id, ProfileData(Role.MENTEE, "Engineering", "", "Python", 2, True))
    for user_id, tz in (("UASIA", "Asia/Singapore"), ("UEUROPE", "Europe/London")):
        services.profiles.save(user_id, ProfileData(Role.MENTOR, "Engineering", "Python", "", 2, True))
        services.people.remember(person_facts({"id": user_id, "locale": "en-US", "tz": tz}))

    found = services.suggestions.find(CHEN.user_id)

    assert len(slack.calls_to("users.info")) == 1
    assert [s.mentor.user_id for s in found.suggestions] == ["UASIA", "UEUROPE"]
