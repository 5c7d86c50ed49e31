"""The digest's figures, read from a scripted programme and checked by hand; and their number of statements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine, event, insert

from bot.digest.figures import Figures, PairingState, Rate
from bot.digest.read import read_figures
from bot.matching import topic_words
from bot.synonyms.table import built_in
from storage.db import make_session_factory
from storage.models import Checkin, Pairing, PairingRequest, Person, Profile, Rhythm
from storage.uow import UnitOfWork

NOW = datetime(2027, 3, 15, 8, 0, tzinfo=UTC)  # a Monday, 09:00 in Amsterdam
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
K = 3


def days_ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


def read(engine: Engine, k: int = K) -> Figures:
    with UnitOfWork(make_session_factory(engine)) as uow:
        return read_figures(uow.session, NOW, hr_zone=AMSTERDAM, k=k, synonyms=built_in())


def add(engine: Engine, table: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        with UnitOfWork(make_session_factory(engine)) as uow:
            uow.session.execute(insert(table), rows)
            uow.commit()


def profile(
    user_id: str, role: str, created: datetime, skills: str = "", goals: str = "", capacity: int = 2
) -> dict[str, Any]:
    return {
        "user_id": user_id, "role": role, "function_area": "Data", "skills": skills, "goals": goals,
        "capacity": capacity, "available": True, "skill_words": " ".join(sorted(topic_words(skills))),
        "goal_words": " ".join(sorted(topic_words(goals))), "updated_at": created, "created_at": created,
    }  # fmt: skip


def test_an_empty_programme_has_nothing_to_rate(engine: Engine) -> None:
    figures = read(engine)
    assert figures.participants == 0
    assert figures.completion == Rate(0, 0)
    assert figures.completion.value is None
    assert figures.young
    assert len(figures.weekly) == 12
    assert figures.longest_wait_since is None
    assert figures.unmet_skills == ()
    assert figures.stalled_pairings == ()
    assert figures.waiting_longest == ()


def topics(user_id: str, skills: str) -> list[dict[str, Any]]:
    return [{"user_id": user_id, "word": word} for word in sorted(topic_words(skills))]


def pairing(
    n: int, mentor: str, mentee: str, status: str, started: float, ended: float | None = None
) -> dict[str, Any]:
    return {
        "id": n, "mentor_id": mentor, "mentee_id": mentee, "status": status, "channel_id": "",
        "started_at": days_ago(started), "ended_at": days_ago(ended) if ended is not None else None,
    }  # fmt: skip


def rhythm(n: int, cadence: str, stalled: float | None = None) -> dict[str, Any]:
    return {
        "pairing_id": n, "cadence": cadence, "period": 0, "period_start": date(2027, 1, 1),
        "stalled_at": days_ago(stalled) if stalled is not None else None,
    }  # fmt: skip


def checkins(n: int, *ago: float) -> list[dict[str, Any]]:
    return [
        {"pairing_id": n, "period": period, "logged_by": "U", "met_on": days_ago(days).date(),
         "created_at": days_ago(days)}
        for period, days in enumerate(sorted(ago, reverse=True))
    ]  # fmt: skip


def request(mentee: str, mentor: str, status: str, sent: float, answered: float | None = None) -> dict[str, Any]:
    return {
        "mentee_id": mentee, "mentor_id": mentor, "status": status, "created_at": days_ago(sent),
        "answered_at": days_ago(answered) if answered is not None else None,
    }  # fmt: skip


def script(engine: Engine) -> None:
    """Three mentors (one of them also a mentee), six mentees and one who left; five pairings, one in each state
    and one formed this week; check-ins over five weeks; requests answered every way."""
    add(engine, Person, [{"user_id": "UGONE", "gone": True, "fetched_at": NOW}])
    add(engine, Profile, [
        profile("UM1", "mentor", days_ago(60), skills="python, sql", capacity=3),
        profile("UM2", "mentor", days_ago(3), skills="design, rust", capacity=1),  # new this week
        profile("UM3", "both", days_ago(40), skills="sales", goals="kubernetes leadership", capacity=1),
        profile("UE1", "mentee", days_ago(50), goals="kubernetes leadership"),
        profile("UE2", "mentee", days_ago(50), goals="kubernetes rust"),
        profile("UE3", "mentee", days_ago(30), goals="kubernetes"),
        profile("UE4", "mentee", days_ago(20), goals="rust"),
        profile("UE5", "mentee", days_ago(10), goals="rust kubernetes"),
        profile("UE6", "mentee", days_ago(2), goals="rust"),  # new this week
        profile("UGONE", "mentee", days_ago(1), goals="rust"),  # left: counted nowhere
    ])  # fmt: skip
    add(engine, Pairing, [
        pairing(1, "UM1", "UE1", "active", started=35),
        pairing(2, "UM1", "UE2", "active", started=42),  # stalled
        pairing(3, "UM3", "UE3", "paused", started=20),
        pairing(4, "UM2", "UE4", "ended", started=30, ended=2.5),
        pairing(5, "UM1", "UE6", "active", started=1),
    ])  # fmt: skip
    add(engine, Rhythm, [
        rhythm(1, "weekly"), rhythm(2, "biweekly", stalled=5), rhythm(3, "monthly"), rhythm(4, "weekly"),
        rhythm(5, "weekly"),
    ])  # fmt: skip
    add(engine, Checkin, checkins(1, 1, 8, 15, 22, 29) + checkins(2, 40) + checkins(3, 10) + checkins(4, 20, 6))
    add(engine, PairingRequest, [
        request("UE5", "UM1", "pending", sent=3),
        request("UE4", "UM2", "declined", sent=9, answered=6),
        request("UE6", "UM1", "accepted", sent=2, answered=1),
        request("UE5", "UM3", "expired", sent=8, answered=1),
        request("UE1", "UM1", "accepted", sent=40, answered=35),  # long ago
    ])  # fmt: skip


@pytest.fixture
def scripted(engine: Engine) -> Engine:
    script(engine)
    return engine


def test_people_and_requests_of_the_week(scripted: Engine) -> None:
    figures = read(scripted)
    assert (figures.participants, figures.new_profiles) == (9, 2)
    sent = (figures.requests_sent, figures.requests_accepted, figures.requests_declined, figures.requests_expired)
    assert sent == (2, 1, 1, 1)


def test_mentees_waiting_are_counted_and_the_longest_named(scripted: Engine) -> None:
    figures = read(scripted)
    assert figures.mentees_waiting == 3  # UM3 (as a mentee), UE4 (their pairing ended), UE5
    assert figures.longest_wait_since == days_ago(40)
    assert [(w.user_id, w.since) for w in figures.waiting_longest] == [
        ("UM3", days_ago(40)),
        ("UE5", days_ago(10)),
        ("UE4", days_ago(2.5)),
    ]


def test_pairings_by_state_and_of_the_week(scripted: Engine) -> None:
    figures = read(scripted)
    assert figures.by_state == {
        PairingState.ACTIVE: 2,
        PairingState.PAUSED: 1,
        PairingState.STALLED: 1,
        PairingState.ENDED: 1,
    }
    assert (figures.pairings_formed, figures.pairings_ended) == (1, 1)
    assert [(s.pairing_id, s.mentor_id, s.mentee_id, s.since) for s in figures.stalled_pairings] == [
        (2, "UM1", "UE2", days_ago(5))
    ]


def test_checkins_and_the_completion_rate(scripted: Engine) -> None:
    figures = read(scripted)
    assert (figures.checkins, figures.checkins_ever) == (2, 9)
    # Latest week first: due (started a rhythm's length before the week's end, current, not paused now) and met.
    assert [(w.rate.due, w.rate.met) for w in reversed(figures.weekly[-4:])] == [(2, 1), (3, 1), (3, 2), (3, 1)]
    assert figures.completion == Rate(5, 11)
    assert figures.weekly[-1].ends == date(2027, 3, 15)
    assert figures.weekly[0].ends == date(2026, 12, 28)
    assert not figures.young


def test_capacity_and_skills_nobody_offers(scripted: Engine) -> None:
    figures = read(scripted)
    assert (figures.places_taken, figures.places_offered) == (4, 5)
    # kubernetes: 5 mentees; rust: 4, but UM2 offers it; leadership: 2, under k.
    [missing] = figures.unmet_skills
    assert (missing.word, missing.mentees) == ("kubernetes", 5)  # as the mentees wrote it, not "kubernete"
    assert read(scripted, k=6).unmet_skills == ()


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    yield seen
    event.remove(engine, "before_cursor_execute", count)


def more_of_everything(engine: Engine, n: int) -> None:
    """n more mentors, each with a mentee, a pairing, check-ins and a request."""
    people = [profile(f"UXM{i}", "mentor", days_ago(30), skills="go") for i in range(n)]
    people += [profile(f"UXE{i}", "mentee", days_ago(30), goals="haskell") for i in range(n)]
    add(engine, Profile, people)
    add(engine, Pairing, [pairing(100 + i, f"UXM{i}", f"UXE{i}", "active", started=29) for i in range(n)])
    add(engine, Rhythm, [rhythm(100 + i, "weekly", stalled=1 if i % 3 == 0 else None) for i in range(n)])
    add(engine, Checkin, [row for i in range(n) for row in checkins(100 + i, 3, 10, 17)])
    add(engine, PairingRequest, [request(f"UXE{i}", f"UXM{i}", "accepted", sent=4, answered=3) for i in range(n)])


def test_the_statements_do_not_grow_with_the_programme(scripted: Engine, statements: list[str]) -> None:
    read(scripted)
    small = len(statements)
    more_of_everything(scripted, 60)
    statements.clear()
    figures = read(scripted)
    assert len(statements) == small
    assert figures.participants == 9 + 120
    assert len(figures.stalled_pairings) == 10  # named: the first ten
    assert [s.word for s in figures.unmet_skills][:1] == ["haskell"]


def test_a_skill_asked_for_in_dutch_is_offered_by_a_mentor_who_wrote_it_in_english(engine: Engine) -> None:
    """Read as concepts with matching's synonyms: three mentees asking for "presenteren" are served by a mentor
    of "public speaking"; three asking for "k8s" are not, and are shown as they wrote it."""
    mentees = [profile(f"UP{i}", "mentee", days_ago(20), goals="Presenteren") for i in range(3)]
    mentees += [profile(f"UK{i}", "mentee", days_ago(20), goals="K8s, python") for i in range(3)]
    add(engine, Profile, [*mentees, profile("UM", "mentor", days_ago(20), skills="Public speaking, Python")])

    assert [(s.word, s.mentees) for s in read(engine).unmet_skills] == [("K8s", 3)]
