"""The pairing service under contention: answers at the same moment, one consistent outcome."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TypeVar

import pytest

from bot.app import Mentorbot
from bot.pairings import Answered, Asked
from bot.profiles import ProfileData, Role
from bot.services import DatabaseBusyError, Services
from bot.standin.server import SlackStandIn

T = TypeVar("T")


@pytest.fixture(autouse=True)
def known_to_slack(slack: SlackStandIn) -> None:
    """Everyone here exists in Slack, so the request DMs the outbox sends are delivered."""
    for user_id in ("UANN", "UBEA", "UBOB", "UCHEN", "UMENTOR", *(f"UMENTEE{n}" for n in range(8))):
        slack.add_user(user_id, user_id.title())


def save(services: Services, user_id: str, role: Role, capacity: int = 1) -> None:
    services.profiles.save(user_id, ProfileData(role, "Engineering", "Python", "Python", capacity, True))


def ask(services: Services, mentee: str, mentor: str) -> int:
    asked = services.pairings.ask(mentee, mentor, "")
    assert asked.asked is Asked.SENT
    assert asked.request is not None
    return asked.request.request_id


def at_once(calls: list[Callable[[], T]]) -> list[T]:
    """Run the calls on as many threads, released together."""
    start = threading.Barrier(len(calls))

    def run(call: Callable[[], T]) -> T:
        start.wait()
        return call()

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def mentors_of(services: Services, user_id: str) -> int:
    return sum(not p.i_mentor for p in services.pairings.overview(user_id).pairings)


def test_eight_accepts_at_once_for_the_last_place_make_one_pairing(mentorbot: Mentorbot) -> None:
    services = mentorbot.services
    save(services, "UMENTOR", Role.MENTOR)
    requests = []
    for n in range(8):
        save(services, f"UMENTEE{n}", Role.MENTEE)
        requests.append(ask(services, f"UMENTEE{n}", "UMENTOR"))

    def accept(request_id: int) -> Answered | str:
        try:
            return services.pairings.accept(request_id, "UMENTOR").answered
        except DatabaseBusyError:  # waited longer than a listener may (a slow machine): the mentor is told to retry
            return "busy"

    answers = at_once([partial(accept, request_id) for request_id in requests])

    assert answers.count(Answered.DONE) == 1
    assert set(answers) - {Answered.DONE} <= {Answered.NO_ROOM, "busy"}
    assert len(services.pairings.overview("UMENTOR").pairings) == 1


def test_two_mentors_accepting_one_mentee_at_once_give_them_one_mentor(mentorbot: Mentorbot) -> None:
    services = mentorbot.services
    save(services, "UMENTEE", Role.MENTEE)
    save(services, "UBEA", Role.MENTOR)
    save(services, "UCHEN", Role.MENTOR)
    to_bea, to_chen = ask(services, "UMENTEE", "UBEA"), ask(services, "UMENTEE", "UCHEN")

    answers = at_once(
        [
            lambda: services.pairings.accept(to_bea, "UBEA").answered,
            lambda: services.pairings.accept(to_chen, "UCHEN").answered,
        ]
    )

    assert sorted(answers) == sorted([Answered.DONE, Answered.CLOSED])
    assert mentors_of(services, "UMENTEE") == 1


def test_two_people_accepting_each_other_at_once_neither_deadlock_nor_pair_twice(mentorbot: Mentorbot) -> None:
    services = mentorbot.services
    save(services, "UANN", Role.BOTH, capacity=2)
    save(services, "UBOB", Role.BOTH, capacity=2)
    ann_asks_bob, bob_asks_ann = ask(services, "UANN", "UBOB"), ask(services, "UBOB", "UANN")

    answers = at_once(
        [
            lambda: services.pairings.accept(ann_asks_bob, "UBOB").answered,
            lambda: services.pairings.accept(bob_asks_ann, "UANN").answered,
        ]
    )

    assert sorted(answers) == sorted([Answered.DONE, Answered.CLOSED])
    assert len(services.pairings.overview("UANN").pairings) == 1
