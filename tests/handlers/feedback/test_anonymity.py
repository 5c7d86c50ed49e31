"""What makes the store anonymous: the answer's transaction writes its one row and nothing else, no table keeps a
submitter's id, name or a hash of either beside what they said, and the table can't hold what points to a person."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from sqlalchemy import Date, DateTime, Engine, Time, event, inspect, select, text
from sqlmodel import SQLModel

from bot.app import Mentorbot
from bot.feedback import giving
from bot.feedback.rules import FeedbackForm
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from storage.db import UTCDateTime, make_session_factory
from storage.models import Feedback
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, CHEN, DAAN, EVA, FINN, PEOPLE, Persona
from tests.support.feedback import give, stored

pytestmark = pytest.mark.usefixtures("clock")

WRITES = re.compile(r"^\s*(INSERT|UPDATE|DELETE)\b", re.IGNORECASE)
GUS = Persona("UGUS", "Gus Verhoeven", "nl-NL", "Europe/Amsterdam")


@dataclass
class Transactions:
    """The write statements each transaction on an engine ran, in order."""

    done: list[list[str]] = field(default_factory=list)
    running: dict[int, list[str]] = field(default_factory=dict)

    def containing(self, fragment: str) -> list[list[str]]:
        return [writes for writes in self.done if any(fragment in statement for statement in writes)]


@pytest.fixture
def transactions(mentorbot: Mentorbot) -> Iterator[Transactions]:
    engine: Engine = mentorbot.engine
    seen = Transactions()

    def began(connection: Any) -> None:
        seen.running[id(connection)] = []

    def ran(connection: Any, _cursor: Any, statement: str, _parameters: Any, _context: Any, many: bool) -> None:
        if WRITES.match(statement) and id(connection) in seen.running:
            seen.running[id(connection)].append(statement + (" [many]" if many else ""))

    def ended(connection: Any) -> None:
        seen.done.append(seen.running.pop(id(connection), []))

    listeners: list[tuple[str, Callable[..., None]]] = [
        ("begin", began),
        ("before_cursor_execute", ran),
        ("commit", ended),
        ("rollback", ended),
    ]
    for name, listener in listeners:
        event.listen(engine, name, listener)
    yield seen
    for name, listener in listeners:
        event.remove(engine, name, listener)


def test_the_answers_transaction_writes_exactly_its_one_row(
    transactions: Transactions, driver: SlackDriver, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, goals="Python")
    transactions.done.clear()

    give(driver, ALICE.user_id, "received", "4", "Good sessions")

    [answers] = transactions.containing("INSERT INTO feedback ")
    assert len(answers) == 1
    assert "[many]" not in answers[0]
    [claim] = transactions.containing("INSERT INTO feedback_given")
    assert len(claim) == 1  # its own transaction: the record of who, apart from what
    assert claim is not answers


def test_a_failed_answer_releases_its_claim_and_may_be_sent_again(
    mentorbot: Mentorbot, driver: SlackDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the disk is full")

    with monkeypatch.context() as patched:
        patched.setattr(giving, "store_answer", broken)
        with pytest.raises(RuntimeError):
            mentorbot.services.feedback.give(ALICE.user_id, FeedbackForm("programme", "4", "", False))

    answer = give(driver, ALICE.user_id)

    assert answer["response_action"] == "update"
    assert len(stored(mentorbot.engine)) == 1


def hexes_of(value: str) -> set[str]:
    """The hashes someone might store to "hide" an id: what the scan must not find either."""
    data = value.encode()
    weak = {hashlib.md5(data).hexdigest(), hashlib.sha1(data).hexdigest()}  # noqa: S324 - looked for, not used
    return {hashlib.sha256(data).hexdigest(), *weak}


def every_row(engine: Engine) -> Iterator[tuple[str, str]]:
    """(table, a row's values as one text) for every row of every table the models know, a new one included."""
    with engine.connect() as connection:
        for table in SQLModel.metadata.sorted_tables:
            for row in connection.execute(select(table)):
                yield table.name, " ".join(str(value) for value in row)


def test_after_seven_answers_no_table_keeps_a_submitters_id_name_or_its_hash_beside_what_they_said(
    mentorbot: Mentorbot, driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    slack.add_user(GUS.user_id, GUS.name, locale=GUS.locale, tz=GUS.tz)
    people = [ALICE, BEA, CHEN, DAAN, EVA, FINN, GUS]
    profile(ALICE.user_id, goals="Python")
    profile(DAAN.user_id, role="mentor", skills="Python")
    profile(EVA.user_id, role="both", area="Data", skills="SQL", goals="Python")
    said = {person.user_id: f"remark number {n}: the sessions help" for n, person in enumerate(people)}
    for person in people:
        driver.command(person.user_id, "help")  # the bot meets them: their id is in its cache, as it would be
        assert give(driver, person.user_id, "programme", "4", said[person.user_id])["response_action"] == "update"

    found = 0
    for table, row in every_row(mentorbot.engine):
        if not any(comment in row for comment in said.values()):
            continue
        found += 1
        for person in [*people, *PEOPLE.values()]:
            traces = {person.user_id, person.name, *hexes_of(person.user_id), *hexes_of(person.name)}
            assert not [trace for trace in traces if trace.lower() in row.lower()], (table, person.user_id)
    assert found == len(people)


# Names that would point to a person, a pairing, or a time finer than the week.
POINTING = re.compile(
    r"user|author|person|people|member|slack|mentor|mentee|pairing|request|side|"
    r"created|updated|_at$|time|date|day|hour|ts$|hash|hmac|seq",
    re.IGNORECASE,
)


def test_the_feedback_table_has_no_column_for_a_person_a_pairing_or_a_time_finer_than_the_week() -> None:
    table = SQLModel.metadata.tables["feedback"]

    assert [column.name for column in table.columns if POINTING.search(column.name)] == []
    assert not [column for column in table.columns if isinstance(column.type, (DateTime, Date, Time, UTCDateTime))]
    assert table.foreign_keys == set()
    assert table.dialect_options["sqlite"]["with_rowid"] is False
    assert getattr(table.c.week.type, "length", None) == 8  # `2027-W09`: nothing finer fits
    [key] = table.primary_key.columns
    assert key.name == "id"
    assert key.autoincrement is not True


def test_the_migrated_feedback_table_is_as_the_model_says_and_keeps_no_rowid(mentorbot: Mentorbot) -> None:
    engine = mentorbot.engine
    columns = {column["name"] for column in inspect(engine).get_columns("feedback")}
    assert columns == set(Feedback.model_fields)
    assert inspect(engine).get_foreign_keys("feedback") == []
    if engine.dialect.name == "sqlite":
        with UnitOfWork(make_session_factory(engine)) as uow:
            sql = uow.session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'feedback'")).scalar_one()
        assert "WITHOUT ROWID" in sql.upper()


def test_giving_feedback_logs_nothing_of_its_author_at_any_level_of_ours(
    mentorbot: Mentorbot, driver: SlackDriver, caplog: pytest.LogCaptureFixture
) -> None:
    comment = "my-mentor-never-shows-7f3a"
    for ours in ("bot", "handlers", "storage"):
        caplog.set_level(logging.DEBUG, logger=ours)
    answer = give(driver, ALICE.user_id, rating="2", comment=comment)
    again = give(driver, ALICE.user_id, rating="3", comment=comment)  # refused: once a week

    assert answer["response_action"] == "update"
    assert again["response_action"] == "errors"
    logged = "\n".join(f"{record.name} {record.getMessage()} {record.args!r}" for record in caplog.records)
    for trace in (ALICE.user_id, ALICE.name, comment, hashlib.sha256(ALICE.user_id.encode()).hexdigest()):
        assert trace not in logged
