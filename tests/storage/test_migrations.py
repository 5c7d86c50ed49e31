"""Migrations build exactly the schema the models describe, on SQLite and PostgreSQL alike."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, select, text

from storage.db import make_engine, make_session_factory
from storage.migrate import alembic_config, current_revision, upgrade
from storage.models import PairingRequest, metadata
from storage.people import get_person, save_person
from storage.uow import UnitOfWork


def test_an_empty_database_upgrades_to_exactly_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)

    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    engine.dispose()
    assert differences == []


def test_the_copy_each_test_gets_is_the_migrated_schema_at_the_newest_revision(engine: Engine) -> None:
    """The `engine` fixture copies a template migrated once per run (tests/support/databases.py)."""
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection, opts={"compare_type": True}), metadata)
    upgraded = upgrade(engine)

    assert differences == []
    assert upgraded.before == upgraded.after is not None


def test_upgrading_twice_changes_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    first = current_revision(engine)

    upgrade(engine)

    assert current_revision(engine) == first is not None
    engine.dispose()


def test_datetimes_come_back_timezone_aware_in_utc(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    amsterdam_morning = datetime(2026, 11, 27, 10, 0, tzinfo=timezone(timedelta(hours=1)))

    with UnitOfWork(make_session_factory(engine)) as uow:
        save_person(uow.session, "U1", locale="nl-NL", tz="Europe/Amsterdam", fetched_at=amsterdam_morning)
        uow.commit()
    with UnitOfWork(make_session_factory(engine)) as uow:
        person = get_person(uow.session, "U1")
        assert person is not None
        fetched_at = person.fetched_at

    engine.dispose()
    assert fetched_at == datetime(2026, 11, 27, 9, 0, tzinfo=UTC)
    assert fetched_at.tzinfo is UTC


def test_leaving_a_unit_of_work_without_commit_keeps_nothing(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    now = datetime.now(UTC)

    with UnitOfWork(make_session_factory(engine)) as uow:
        save_person(uow.session, "U1", locale="en-US", tz="UTC", fetched_at=now)
    with UnitOfWork(make_session_factory(engine)) as uow:
        assert get_person(uow.session, "U1") is None
    engine.dispose()


def test_mentors_saved_before_topics_were_indexed_keep_their_topics(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:
        insert = text(
            "INSERT INTO profile (user_id, role, function_area, skills, goals, capacity, available,"
            " skill_words, goal_words, updated_at) VALUES (:user_id, :role, 'Data', '', '', 2, :yes, :words, '', :at)"
        )
        now = datetime.now(UTC)
        connection.execute(
            insert, {"user_id": "UMENTOR", "role": "both", "yes": True, "words": "python sql", "at": now}
        )
        connection.execute(insert, {"user_id": "UMENTEE", "role": "mentee", "yes": True, "words": "go", "at": now})

    upgrade(engine, "0021")

    with engine.connect() as connection:
        rows = connection.execute(text("SELECT user_id, word FROM profile_topic ORDER BY word")).all()
    assert [tuple(row) for row in rows] == [("UMENTOR", "python"), ("UMENTOR", "sql")]

    upgrade(engine)  # 0022: nothing reads the table any more; the words stay in profile.skill_words
    with engine.connect() as connection:
        assert "profile_topic" not in inspect(connection).get_table_names()
        command.downgrade(alembic_config(connection), "0021")  # and back: filled again from those words
        connection.commit()
        rows = connection.execute(text("SELECT user_id, word FROM profile_topic ORDER BY word")).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("UMENTOR", "python"), ("UMENTOR", "sql")]


def test_people_cached_before_0004_lose_their_name_and_an_invalid_zone(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0003")
    insert = text(
        "INSERT INTO person (user_id, locale, tz, real_name, fetched_at) VALUES (:user_id, 'nl-NL', :tz, 'A', :at)"
    )
    with engine.begin() as connection:
        now = datetime.now(UTC)
        connection.execute(insert, {"user_id": "UKEPT", "tz": "Europe/Amsterdam", "at": now})
        connection.execute(insert, {"user_id": "UODD", "tz": "Mars/Olympus_Mons", "at": now})

    upgrade(engine)

    with UnitOfWork(make_session_factory(engine)) as uow:
        kept, odd = get_person(uow.session, "UKEPT"), get_person(uow.session, "UODD")
        assert kept is not None
        assert odd is not None
        assert (kept.tz, kept.gone) == ("Europe/Amsterdam", False)
        assert (odd.tz, odd.gone) == ("UTC", False)
        assert odd.fetched_at < now - timedelta(days=1)  # asked again on next use
    engine.dispose()


def test_requests_waiting_before_0007_expire_five_days_after_they_were_sent(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0006")
    insert = text(
        "INSERT INTO pairing_request (mentee_id, mentor_id, status, note, decline_reason, created_at,"
        " dm_channel, dm_ts) VALUES (:mentee, 'UMENTOR', :status, '', '', :at, '', '')"
    )
    sent = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    with engine.begin() as connection:
        connection.execute(insert, {"mentee": "UWAITS", "status": "pending", "at": sent})
        connection.execute(insert, {"mentee": "UDONE", "status": "accepted", "at": sent})

    upgrade(engine)

    with UnitOfWork(make_session_factory(engine)) as uow:
        rows = {row.mentee_id: row.expires_at for row in uow.session.execute(select(PairingRequest)).scalars()}
    assert rows == {"UWAITS": sent + timedelta(days=5), "UDONE": None}
    engine.dispose()


def evaluations_answered_before_0011(engine: Engine) -> None:
    """At 0008: Bea (Data) mentors Alice (no profile); Alice answered the midpoint, both the end."""
    at = datetime(2027, 6, 1, 14, 0, tzinfo=UTC)  # a Tuesday of ISO week 22
    profile = text(
        "INSERT INTO profile (user_id, role, function_area, skills, goals, capacity, available, skill_words,"
        " goal_words, updated_at) VALUES ('UBEA', 'mentor', 'Data', '', '', 2, :yes, '', '', :at)"
    )
    pairing = text(
        "INSERT INTO pairing (id, mentor_id, mentee_id, status, channel_id, started_at)"
        " VALUES (7, 'UBEA', 'UALICE', 'active', '', :at)"
    )
    answer = text(
        "INSERT INTO evaluation (pairing_id, step, side, progress, usefulness, recommend, comment, carry_on,"
        " created_at) VALUES (7, :step, :side, :progress, :usefulness, :recommend, :comment, :carry_on, :at)"
    )
    with engine.begin() as connection:
        connection.execute(profile, {"yes": True, "at": at})
        connection.execute(pairing, {"at": at - timedelta(days=92)})
        for step, side, scores, comment, carry_on, when in (
            (0, "mentee", (2, 3, 4), "slow start", None, at),
            (1, "mentee", (5, 5, 4), "", True, at + timedelta(days=92)),
            (1, "mentor", (4, 3, 5), "good", False, at + timedelta(days=93)),
        ):
            progress, usefulness, recommend = scores
            values = {"progress": progress, "usefulness": usefulness, "recommend": recommend}
            connection.execute(
                answer, {"step": step, "side": side, "comment": comment, "carry_on": carry_on, "at": when, **values}
            )


def test_evaluation_scores_move_into_the_anonymous_store_and_leave_the_pairings_rows(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0008")
    evaluations_answered_before_0011(engine)

    upgrade(engine)

    with engine.connect() as connection:
        moved = connection.execute(
            text("SELECT topic, role, function_area, week, rating, progress, recommend, comment FROM feedback")
        ).all()
        kept = connection.execute(text("SELECT * FROM evaluation ORDER BY step, side")).mappings().all()
    engine.dispose()
    assert sorted(tuple(row) for row in moved) == [
        ("evaluation.end", "mentee", "", "2027-W35", 5, 5, 4, ""),
        ("evaluation.end", "mentor", "Data", "2027-W35", 3, 4, 5, "good"),
        ("evaluation.midpoint", "mentee", "", "2027-W22", 3, 2, 4, "slow start"),
    ]
    assert [(row["step"], row["side"], row["carry_on"]) for row in kept] == [
        (0, "mentee", None),
        (1, "mentee", True),
        (1, "mentor", False),
    ]
    assert set(kept[0].keys()) == {"id", "pairing_id", "step", "side", "carry_on"}


def test_a_downgrade_from_0011_brings_the_evaluation_columns_back_empty(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0008")
    evaluations_answered_before_0011(engine)
    upgrade(engine, "0011")

    with engine.connect() as connection:
        command.downgrade(alembic_config(connection), "0010")
        connection.commit()
        rows = connection.execute(
            text("SELECT side, progress, usefulness, recommend, comment FROM evaluation ORDER BY step, side")
        ).all()
    engine.dispose()
    assert [tuple(row) for row in rows] == [("mentee", 0, 0, 0, ""), ("mentee", 0, 0, 0, ""), ("mentor", 0, 0, 0, "")]

    upgrade(engine)  # ... and up again: nothing moves twice
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM feedback")).scalar_one() == 3
    engine.dispose()


def test_letters_written_before_0009_learn_their_pairing_from_their_unique_keys(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine, "0008")
    insert = text(
        "INSERT INTO outbox (kind, recipient, subject, unique_key, order_key, state, due_at, claimed_by, repeatable,"
        " attempts, progress, error, created_at) VALUES (:kind, 'U1', '{}', :key, '', 'pending', :at, '', false, 0,"
        " '{}', '', :at)"
    )
    at = datetime(2027, 3, 1, 9, 30, tzinfo=UTC)
    rows = {
        "checkin.ask:12:3:U1": ("checkin.ask", 12),
        "checkin.nudge:12:3": ("checkin.nudge", 12),
        "checkin.stalled:7:4": ("tell", 7),  # the stall note: a `tell`, told apart by its key
        "evaluation.ask:9:1:U2": ("evaluation.ask", 9),
        "pairing.introduce:5": ("pairing.introduce", 5),  # no trailing `:`
        "k": ("tell", None),
        None: ("home", None),
    }
    with engine.begin() as connection:
        for key, (kind, _) in rows.items():
            connection.execute(insert, {"kind": kind, "key": key, "at": at})

    upgrade(engine)

    with engine.connect() as connection:
        found = {key: pairing for key, pairing in connection.execute(text("SELECT unique_key, pairing_id FROM outbox"))}
    assert found == {key: pairing for key, (_, pairing) in rows.items()}
    engine.dispose()
