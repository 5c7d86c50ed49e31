"""One rule for who may look for a mentor: `/mentor find` and a request refuse alike."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.app import Mentorbot
from bot.eligibility import Ineligible, eligibility_of, mentee_eligibility
from bot.profiles import ProfileData, Role
from bot.services import Services
from storage.db import make_session_factory
from storage.models import PairingStatus
from storage.uow import UnitOfWork
from tests.factories import add_pairing


def save(services: Services, user_id: str, role: Role) -> None:
    services.profiles.save(user_id, ProfileData(role, "Engineering", "Python", "Python", 2, True))


def no_profile(services: Services) -> None:
    """UMENTEE never saved a profile."""


def only_mentors(services: Services) -> None:
    save(services, "UMENTEE", Role.MENTOR)


def has_a_mentor(services: Services) -> None:
    save(services, "UMENTEE", Role.MENTEE)
    save(services, "UOTHER", Role.MENTOR)


@pytest.mark.parametrize(
    ("setup", "refused"),
    [
        (no_profile, Ineligible.NO_PROFILE),
        (only_mentors, Ineligible.NOT_A_MENTEE),
        (has_a_mentor, Ineligible.HAS_MENTOR),
    ],
)
def test_find_and_ask_refuse_with_the_same_reason(
    mentorbot: Mentorbot, setup: Callable[[Services], None], refused: Ineligible
) -> None:
    services = mentorbot.services
    save(services, "UMENTOR", Role.MENTOR)
    setup(services)
    if refused is Ineligible.HAS_MENTOR:
        add_pairing(mentorbot.engine, "UOTHER", "UMENTEE")

    found = services.suggestions.find("UMENTEE")
    asked = services.pairings.ask("UMENTEE", "UMENTOR", "")

    assert found.outcome is asked.asked is refused
    assert found.suggestions == ()
    assert asked.request is None


def test_the_rule_for_many_at_once_says_what_it_says_for_each(mentorbot: Mentorbot) -> None:
    """A matching round's cohort (bot.eligibility.eligibility_of) is judged exactly as one person is."""
    services = mentorbot.services
    for user_id, role in [("UA", Role.MENTEE), ("UB", Role.BOTH), ("UC", Role.MENTOR), ("UD", Role.MENTEE)]:
        save(services, user_id, role)
    save(services, "UE", Role.MENTEE)
    add_pairing(mentorbot.engine, "UC", "UD")
    add_pairing(mentorbot.engine, "UC", "UE", PairingStatus.ENDED)
    people = ["UA", "UB", "UC", "UD", "UE", "UNONE"]

    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        many = eligibility_of(uow.session, people)
        each = {user_id: mentee_eligibility(uow.session, user_id) for user_id in people}

    assert many == each
    assert {user_id for user_id, answer in many.items() if isinstance(answer, Ineligible)} == {"UC", "UD", "UNONE"}
