"""Saving profiles under contention: first saves at once by one new person, one consistent profile."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from bot.app import Mentorbot
from bot.matching import topic_words
from bot.profiles import ProfileData, Role
from storage.db import make_session_factory
from storage.models import Profile
from storage.uow import UnitOfWork

SKILLS = ("Python, SQL", "Go, Kubernetes", "Figma, prototyping", "Rust", "Excel, budgeting", "Spark")


def test_first_saves_at_once_by_a_new_person_all_succeed_with_one_profile(mentorbot: Mentorbot) -> None:
    profiles = mentorbot.services.profiles
    start = threading.Barrier(len(SKILLS))

    def save(skills: str) -> bool:
        start.wait()
        return profiles.save("UNEW", ProfileData(Role.MENTOR, "Engineering", skills, "", 2, True))

    with ThreadPoolExecutor(len(SKILLS)) as pool:
        created = list(pool.map(save, SKILLS))  # re-raises whatever a save raised

    assert sorted(created) == [False] * (len(SKILLS) - 1) + [True]
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        rows = uow.session.execute(select(func.count()).select_from(Profile)).scalar_one()
        stored = uow.session.get(Profile, "UNEW")
        assert stored is not None
        assert rows == 1
        assert stored.skills in SKILLS
        assert stored.skill_words == " ".join(sorted(topic_words(stored.skills)))  # the save that stands, no mix


def test_saving_again_replaces_the_profile_and_its_words(mentorbot: Mentorbot) -> None:
    profiles = mentorbot.services.profiles

    first = profiles.save("UNEW", ProfileData(Role.MENTOR, "Engineering", "Python", "", 2, True))
    second = profiles.save("UNEW", ProfileData(Role.BOTH, "Data", "Spark", "SQL", 3, False))

    assert (first, second) == (True, False)
    assert profiles.get("UNEW") == ProfileData(Role.BOTH, "Data", "Spark", "SQL", 3, False)
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        stored = uow.session.get(Profile, "UNEW")
        assert stored is not None
        assert stored.skill_words == "spark"
