"""What reaches the logs when something goes wrong: never what a person typed."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from bot.app import Mentorbot
from bot.runtime.cli import OUR_LOGGERS, library_level
from bot.runtime.settings import parse_settings
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from tests.factories import ALICE

SECRET_GOAL = "leaving-my-ex-behind-51c9"


def refuse_profile_writes(bot: Mentorbot) -> None:
    """The database turns down any write to `profile`, as a full disk or a held lock would."""
    with bot.engine.begin() as connection:
        if connection.dialect.name == "sqlite":
            connection.execute(
                text("CREATE TRIGGER refuse BEFORE INSERT ON profile BEGIN SELECT RAISE(ABORT, 'refused'); END")
            )
            return
        connection.execute(
            text(
                "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql "
                "AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$"
            )
        )
        connection.execute(
            text("CREATE TRIGGER refuse BEFORE INSERT ON profile FOR EACH ROW EXECUTE FUNCTION refuse()")
        )


def test_a_database_error_while_saving_a_profile_keeps_what_was_typed_out_of_the_logs(
    mentorbot: Mentorbot, driver: SlackDriver, caplog: pytest.LogCaptureFixture
) -> None:
    refuse_profile_writes(mentorbot)
    caplog.set_level(logging.DEBUG)

    driver.interaction(profile_submission(ALICE.user_id, goals=f"Python, {SECRET_GOAL}"))

    errors = [record for record in caplog.records if record.levelno >= logging.ERROR and record.exc_info]
    assert errors, "the refused write should have reached the error handler"
    formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    logged = "\n".join(formatter.format(record) for record in caplog.records)
    assert "refused" in logged
    assert SECRET_GOAL not in logged


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, logging.INFO),
        ({"LOG_LEVEL": "DEBUG"}, logging.INFO),
        ({"LOG_LEVEL": "WARNING"}, logging.WARNING),
        ({"LOG_LEVEL": "DEBUG", "LOG_LIBRARIES": "DEBUG"}, logging.DEBUG),
        ({"LOG_LEVEL": "INFO", "LOG_LIBRARIES": "ERROR"}, logging.ERROR),
    ],
)
def test_libraries_log_at_info_or_above_unless_log_libraries_says(environment: dict[str, str], expected: int) -> None:
    assert library_level(parse_settings(environment)) == expected


def test_bolts_own_logger_is_a_librarys_not_ours(mentorbot: Mentorbot) -> None:
    """Bolt logs request and response bodies at DEBUG: LOG_LEVEL=DEBUG must not switch that on."""
    name = mentorbot.app.logger.name

    assert not any(name == ours or name.startswith(f"{ours}.") for ours in OUR_LOGGERS)
