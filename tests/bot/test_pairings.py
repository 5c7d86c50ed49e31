"""The pairing service under contention: many accepts for a mentor's last place, one pairing."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor

from bot.app import Mentorbot
from bot.pairings import Answered, Asked
from bot.profiles import ProfileData, Role

MENTEES = [f"UMENTEE{n}" for n in range(8)]


def test_eight_accepts_at_once_for_the_last_place_make_one_pairing(mentorbot: Mentorbot) -> None:
    services = mentorbot.services
    services.profiles.save("UMENTOR", ProfileData(Role.MENTOR, "Engineering", "Python", "", 1, True))
    requests = []
    for mentee in MENTEES:
        services.profiles.save(mentee, ProfileData(Role.MENTEE, "Engineering", "", "Python", 2, True))
        asked = services.pairings.ask(mentee, "UMENTOR", "")
        assert asked.asked is Asked.SENT
        assert asked.request is not None
        requests.append(asked.request.request_id)
    start = threading.Barrier(len(requests))

    def accept(request_id: int) -> Answered:
        start.wait()
        return services.pairings.accept(request_id, "UMENTOR").answered

    with ThreadPoolExecutor(len(requests)) as pool:
        answers = list(pool.map(accept, requests))

    assert sorted(answers) == sorted([Answered.DONE] + [Answered.NO_ROOM] * (len(requests) - 1))
    assert len(services.pairings.overview("UMENTOR").pairings) == 1
