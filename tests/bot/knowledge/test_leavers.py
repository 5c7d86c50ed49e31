"""Someone who leaves (or erases their data) gives up their seats in sessions to come, and the sessions they host
are cancelled, by the steps `leave` and `cancel` take; sessions that have started are history and stay as they are.
On a real database (SQLite, or PostgreSQL through TEST_DATABASE_URL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Engine

from bot.delivery.letters import News as Letters
from bot.knowledge.kinds import INVITE, NEWS, UPDATE
from bot.knowledge.service import JoinOutcome, give_up_seats_of_leaver
from storage.db import make_session_factory
from storage.uow import UnitOfWork
from tests.support.knowledge import NOW, START, Clock, at_once, form, hours, outbox_keys, seats_table, service

PEOPLE = [f"UPERSON{i:02d}" for i in range(6)]
HOST = "UHOST0001"


def offered(engine: Engine, seats: int, host: str = HOST, start: datetime = START) -> int:
    session_id = service(engine, Clock()).offer(host, form(seats=seats, start=start)).session_id
    assert session_id is not None
    return session_id


def joined(engine: Engine, session_id: int, *people: str) -> None:
    for person in people:
        assert service(engine, Clock()).join(session_id, person).outcome in {JoinOutcome.SEATED, JoinOutcome.WAITING}


def leaver(engine: Engine, user_id: str, now: datetime = NOW) -> int:
    """`give_up_seats_of_leaver` in a unit of work of its own, committed, as a departure or an erasure runs it."""
    with UnitOfWork(make_session_factory(engine)) as uow:
        done = give_up_seats_of_leaver(uow.session, Letters(uow.session, now), user_id, now)
        uow.commit()
    return done


def taken(engine: Engine, session_id: int) -> int:
    view = service(engine, Clock()).view(session_id)
    assert view is not None
    return view.taken


def test_a_leavers_seat_in_a_full_session_goes_to_the_first_waiting_who_is_told_and_invited(engine: Engine) -> None:
    session_id = offered(engine, seats=2)
    joined(engine, session_id, *PEOPLE[:4])  # two seated, two waiting

    assert leaver(engine, PEOPLE[0]) == 1

    assert seats_table(engine) == [(PEOPLE[1], "attending"), (PEOPLE[2], "attending"), (PEOPLE[3], "waiting")]
    assert taken(engine, session_id) == 2
    assert [key for key in outbox_keys(engine, NEWS) if "promoted" in key] == ["knowledge.promoted:3"]
    assert "knowledge.invite:3" in outbox_keys(engine, INVITE)


def test_a_leaver_and_a_click_for_the_seat_at_one_instant_are_taken_in_turn(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    joined(engine, session_id, PEOPLE[0], PEOPLE[1])  # one seated, one waiting

    at_once(2, lambda i: leaver(engine, PEOPLE[0]) if i == 0 else service(engine, Clock()).join(session_id, PEOPLE[2]))

    assert seats_table(engine) == [(PEOPLE[1], "attending"), (PEOPLE[2], "waiting")]  # whichever went first
    assert taken(engine, session_id) == 1


def test_a_leavers_seat_with_nobody_waiting_is_free_again(engine: Engine) -> None:
    session_id = offered(engine, seats=2)
    joined(engine, session_id, PEOPLE[0], PEOPLE[1])

    leaver(engine, PEOPLE[0])

    assert taken(engine, session_id) == 1
    assert seats_table(engine) == [(PEOPLE[1], "attending")]


def test_a_leaver_on_a_waiting_list_leaves_it_and_the_seats_stay_as_they_were(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    joined(engine, session_id, *PEOPLE[:3])
    updates = len(outbox_keys(engine, UPDATE))

    assert leaver(engine, PEOPLE[1]) == 1

    assert seats_table(engine) == [(PEOPLE[0], "attending"), (PEOPLE[2], "waiting")]
    assert taken(engine, session_id) == 1
    assert len(outbox_keys(engine, UPDATE)) == updates + 1  # the announcement shows one fewer waiting
    assert [key for key in outbox_keys(engine, NEWS) if "promoted" in key] == []


def test_every_session_to_come_is_given_up_at_once(engine: Engine) -> None:
    first, second = offered(engine, seats=1), offered(engine, seats=1, start=START + hours(24))
    joined(engine, first, PEOPLE[0], PEOPLE[1])
    joined(engine, second, PEOPLE[0], PEOPLE[2])

    assert leaver(engine, PEOPLE[0]) == 2

    assert seats_table(engine) == [(PEOPLE[1], "attending"), (PEOPLE[2], "attending")]
    promoted = [key for key in outbox_keys(engine, NEWS) if "promoted" in key]
    assert promoted == ["knowledge.promoted:2", "knowledge.promoted:4"]


def test_a_leaving_hosts_sessions_to_come_are_cancelled_and_everyone_who_joined_told_once(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    joined(engine, session_id, PEOPLE[0], PEOPLE[1])

    assert leaver(engine, HOST) == 1

    view = service(engine, Clock()).view(session_id)
    assert view is not None
    assert view.cancelled
    told = [key for key in outbox_keys(engine, NEWS) if "cancelled" in key]
    assert told == [f"knowledge.cancelled:{session_id}:{PEOPLE[0]}", f"knowledge.cancelled:{session_id}:{PEOPLE[1]}"]


def test_running_it_twice_changes_nothing_more_and_tells_nobody_twice(engine: Engine) -> None:
    hosted, attended = offered(engine, seats=1), offered(engine, seats=1, host=PEOPLE[5])
    joined(engine, hosted, PEOPLE[0])
    joined(engine, attended, HOST, PEOPLE[1])
    leaver(engine, HOST)
    written = {kind: outbox_keys(engine, kind) for kind in (NEWS, UPDATE, INVITE)}
    changes = service(engine, Clock()).view(attended).changes  # type: ignore[union-attr]

    assert leaver(engine, HOST) == 0

    assert {kind: outbox_keys(engine, kind) for kind in (NEWS, UPDATE, INVITE)} == written
    assert service(engine, Clock()).view(attended).changes == changes  # type: ignore[union-attr]  # not even locked


def test_sessions_that_have_started_keep_their_seats_and_counts(engine: Engine) -> None:
    held = offered(engine, seats=1)
    hosted_by_leaver = offered(engine, seats=2, host=PEOPLE[0])
    joined(engine, held, PEOPLE[0], PEOPLE[1])
    joined(engine, hosted_by_leaver, PEOPLE[2])
    before = seats_table(engine)

    assert leaver(engine, PEOPLE[0], now=START + hours(2)) == 0

    assert seats_table(engine) == before
    assert (taken(engine, held), taken(engine, hosted_by_leaver)) == (1, 1)
    assert not service(engine, Clock()).view(hosted_by_leaver).cancelled  # type: ignore[union-attr]
    assert [key for key in outbox_keys(engine, NEWS) if "promoted" in key or "cancelled" in key] == []
