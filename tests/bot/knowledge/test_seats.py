"""Seats and the waiting list on a real database (SQLite, or PostgreSQL through TEST_DATABASE_URL): joining,
leaving, promotion, the last seat under concurrent clicks, cancellation, reminders and what is forgotten."""

from __future__ import annotations

from sqlalchemy import Engine

from bot.knowledge.kinds import NEWS, UPDATE
from bot.knowledge.service import CancelOutcome, JoinOutcome, LeaveOutcome
from tests.support.knowledge import START, Clock, at_once, form, hours, outbox_keys, seats_table, service

PEOPLE = [f"UPERSON{i:02d}" for i in range(8)]
HOST = "UHOST0001"


def offered(engine: Engine, seats: int = 2, clock: Clock | None = None) -> int:
    offered = service(engine, clock or Clock()).offer(HOST, form(seats=seats))
    assert offered.errors == {}
    assert offered.session_id is not None
    return offered.session_id


def test_people_take_the_free_seats_then_wait_in_the_order_they_came(engine: Engine) -> None:
    session_id = offered(engine, seats=2)
    knowledge = service(engine, Clock())

    joined = [knowledge.join(session_id, person) for person in PEOPLE[:4]]

    seated, waiting = JoinOutcome.SEATED, JoinOutcome.WAITING
    assert [j.outcome for j in joined] == [seated, seated, waiting, waiting]
    assert [j.place for j in joined[2:]] == [1, 2]
    view = knowledge.view(session_id)
    assert view is not None
    assert (view.taken, view.seats_left, view.waiting) == (2, 0, 2)


def test_a_second_click_takes_no_second_seat(engine: Engine) -> None:
    session_id = offered(engine)
    knowledge = service(engine, Clock())

    knowledge.join(session_id, PEOPLE[0])

    assert knowledge.join(session_id, PEOPLE[0]).outcome is JoinOutcome.ALREADY_SEATED
    assert seats_table(engine) == [(PEOPLE[0], "attending")]


def test_leaving_promotes_the_first_on_the_waiting_list_who_is_told(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    knowledge = service(engine, Clock())
    for person in PEOPLE[:3]:
        knowledge.join(session_id, person)

    assert knowledge.leave(session_id, PEOPLE[0]) is LeaveOutcome.LEFT

    assert seats_table(engine) == [(PEOPLE[1], "attending"), (PEOPLE[2], "waiting")]
    assert knowledge.view(session_id).taken == 1  # type: ignore[union-attr]
    assert [key for key in outbox_keys(engine, NEWS) if "promoted" in key] == ["knowledge.promoted:2"]


def test_leaving_with_nobody_waiting_frees_the_seat(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    knowledge = service(engine, Clock())
    knowledge.join(session_id, PEOPLE[0])

    knowledge.leave(session_id, PEOPLE[0])

    assert knowledge.view(session_id).seats_left == 1  # type: ignore[union-attr]
    assert knowledge.leave(session_id, PEOPLE[0]) is LeaveOutcome.NOT_JOINED


def test_two_clicks_for_the_last_seat_at_one_instant_give_it_to_exactly_one(engine: Engine) -> None:
    session_id = offered(engine, seats=1)

    joined = at_once(2, lambda i: service(engine, Clock()).join(session_id, PEOPLE[i]))

    assert sorted(j.outcome for j in joined) == [JoinOutcome.SEATED, JoinOutcome.WAITING]
    assert sorted(status for _, status in seats_table(engine)) == ["attending", "waiting"]
    assert service(engine, Clock()).view(session_id).taken == 1  # type: ignore[union-attr]


def test_eight_clicks_at_once_fill_three_seats_and_no_more(engine: Engine) -> None:
    session_id = offered(engine, seats=3)

    joined = at_once(8, lambda i: service(engine, Clock()).join(session_id, PEOPLE[i]))

    assert sum(j.outcome is JoinOutcome.SEATED for j in joined) == 3
    assert sorted(j.place for j in joined if j.outcome is JoinOutcome.WAITING) == [1, 2, 3, 4, 5]
    assert service(engine, Clock()).view(session_id).taken == 3  # type: ignore[union-attr]


def test_one_persons_double_click_at_one_instant_takes_one_seat(engine: Engine) -> None:
    session_id = offered(engine, seats=3)

    joined = at_once(2, lambda _: service(engine, Clock()).join(session_id, PEOPLE[0]))

    assert sorted(j.outcome for j in joined) == [JoinOutcome.ALREADY_SEATED, JoinOutcome.SEATED]
    assert seats_table(engine) == [(PEOPLE[0], "attending")]
    assert service(engine, Clock()).view(session_id).taken == 1  # type: ignore[union-attr]


def test_a_session_that_has_started_cannot_be_joined_or_left(engine: Engine) -> None:
    session_id = offered(engine)
    service(engine, Clock()).join(session_id, PEOPLE[0])
    started = service(engine, Clock(START))

    assert started.join(session_id, PEOPLE[1]).outcome is JoinOutcome.PAST
    assert started.leave(session_id, PEOPLE[0]) is LeaveOutcome.PAST


def test_the_host_cancels_and_everyone_who_joined_is_told_once(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    knowledge = service(engine, Clock())
    knowledge.join(session_id, PEOPLE[0])
    knowledge.join(session_id, PEOPLE[1])

    assert knowledge.cancel(session_id, PEOPLE[0]) is CancelOutcome.NOT_HOST
    assert knowledge.cancel(session_id, HOST) is CancelOutcome.CANCELLED
    assert knowledge.cancel(session_id, HOST) is CancelOutcome.ALREADY

    told = [key for key in outbox_keys(engine, NEWS) if "cancelled" in key]
    assert told == [f"knowledge.cancelled:{session_id}:{PEOPLE[0]}", f"knowledge.cancelled:{session_id}:{PEOPLE[1]}"]
    assert knowledge.join(session_id, PEOPLE[2]).outcome is JoinOutcome.CANCELLED


def test_every_change_writes_an_announcement_update_keyed_by_its_change(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    knowledge = service(engine, Clock())
    knowledge.join(session_id, PEOPLE[0])
    knowledge.join(session_id, PEOPLE[1])
    knowledge.leave(session_id, PEOPLE[0])

    keys = outbox_keys(engine, UPDATE)
    assert len(keys) == len(set(keys)) == 3
    assert keys[-1] == f"knowledge.update:{session_id}:{knowledge.view(session_id).changes}"  # type: ignore[union-attr]


def test_reminders_are_planned_within_the_hour_before_once_per_person(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    knowledge = service(engine, Clock())
    knowledge.join(session_id, PEOPLE[0])
    knowledge.join(session_id, PEOPLE[1])  # waiting: no reminder

    assert service(engine, Clock(START - hours(1.5))).plan_reminders() == 0
    assert service(engine, Clock(START - hours(0.9))).plan_reminders() == 1
    assert service(engine, Clock(START - hours(0.5))).plan_reminders() == 0

    reminders = [key for key in outbox_keys(engine, NEWS) if "reminder" in key]
    assert reminders == [f"knowledge.reminder:{session_id}:{PEOPLE[0]}"]


def test_two_ticks_racing_plan_one_reminder_per_person(engine: Engine) -> None:
    session_id = offered(engine, seats=4)
    for person in PEOPLE[:4]:
        service(engine, Clock()).join(session_id, person)

    at_once(2, lambda _: service(engine, Clock(START - hours(0.5)), wait_at_most=None).plan_reminders())

    reminders = [key for key in outbox_keys(engine, NEWS) if "reminder" in key]
    assert sorted(reminders) == sorted(f"knowledge.reminder:{session_id}:{person}" for person in PEOPLE[:4])


def test_who_joined_is_forgotten_thirty_days_after_the_session(engine: Engine) -> None:
    session_id = offered(engine, seats=2)
    service(engine, Clock()).join(session_id, PEOPLE[0])

    assert service(engine, Clock(START + hours(24 * 29))).forget_old() == 0
    assert service(engine, Clock(START + hours(24 * 31))).forget_old() == 1

    assert seats_table(engine) == []
    assert service(engine, Clock()).view(session_id).taken == 1  # type: ignore[union-attr]


def test_only_the_host_sees_who_is_coming(engine: Engine) -> None:
    session_id = offered(engine, seats=1)
    knowledge = service(engine, Clock())
    knowledge.join(session_id, PEOPLE[0])
    knowledge.join(session_id, PEOPLE[1])

    attendance = knowledge.attendance(session_id, HOST)

    assert attendance is not None
    assert (attendance.attending, attendance.waiting) == ((PEOPLE[0],), (PEOPLE[1],))
    assert knowledge.attendance(session_id, PEOPLE[0]) is None


def test_the_tick_knows_when_the_next_reminders_are_due(engine: Engine) -> None:
    offered(engine)

    assert service(engine, Clock()).next_reminder() == START - hours(1)
    assert service(engine, Clock(START - hours(0.5))).next_reminder() is None  # written already, by this hour
