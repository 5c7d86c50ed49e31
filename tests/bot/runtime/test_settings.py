"""Settings: PRODUCT.md's defaults, and one clear line for anything missing or malformed."""

from __future__ import annotations

import re
from datetime import time
from pathlib import Path

import pytest

from bot.runtime.cli import main
from bot.runtime.settings import Cadence, Settings, SettingsError, load_settings, parse_settings


def test_defaults_are_those_of_the_settings_table() -> None:
    settings = parse_settings({})

    assert settings.slack_api_url == "https://slack.com/api/"
    assert settings.database_url == "sqlite:///mentorbot.db"
    assert settings.port == 3000
    assert str(settings.hr_timezone) == "Europe/Amsterdam"
    assert settings.checkin_cadence is Cadence.BIWEEKLY
    assert settings.prompt_time == time(10, 0)
    assert settings.working_hours == (time(9, 0), time(17, 0))
    assert (settings.digest_at.weekday, settings.digest_at.at) == (0, time(9, 0))
    assert settings.feedback_min_group == 5
    assert "People/HR" in settings.function_areas
    assert settings.welcome_new_joiners is True
    assert settings.database_wait_seconds == 30
    assert (settings.log_level, settings.log_libraries) == ("INFO", None)
    assert settings.messages_dir is None


def test_a_missing_trailing_slash_on_the_api_url_is_added() -> None:
    assert parse_settings({"SLACK_API_URL": "http://127.0.0.1:9/api"}).slack_api_url == "http://127.0.0.1:9/api/"


def test_lists_and_times_are_parsed() -> None:
    settings = parse_settings({"HR_ADMINS": "U1AA, U2BB", "DIGEST_AT": "Fri 16:30", "FUNCTION_AREAS": "A, B ,A"})

    assert settings.hr_admins == frozenset({"U1AA", "U2BB"})
    assert (settings.digest_at.weekday, settings.digest_at.at) == (4, time(16, 30))
    assert settings.function_areas == ("A", "B")


MALFORMED = {
    "PORT": "abc",
    "FEEDBACK_MIN_GROUP": "2",
    "HR_TIMEZONE": "Mars/Olympus",
    "CHECKIN_CADENCE": "daily",
    "PROMPT_TIME": "25:00",
    "WORKING_HOURS": "17:00-09:00",
    "DIGEST_AT": "someday 09:00",
    "HR_CHANNEL": "#hr",
    "HR_ADMINS": "alice",
    "WELCOME_NEW_JOINERS": "maybe",
    "SLACK_BOT_TOKEN": "xoxp-user-token",
    "SLACK_API_URL": "slack.com/api",
    "LOG_LEVEL": "LOUD",
    "DATABASE_URL": "notaurl",
    "DATABASE_WAIT_SECONDS": "forever",
    "LOG_LIBRARIES": "CHATTY",
    "HOLIDAY_COUNTRY": "Narnia",
    "MESSAGES_DIR": "/nonexistent/messages",
    "SYNONYMS_FILE": "/nonexistent/synonyms.txt",
    "FUNCTION_AREAS": ",".join(f"Area {n}" for n in range(101)),
}


@pytest.mark.parametrize(("name", "value"), MALFORMED.items(), ids=MALFORMED.keys())
def test_a_malformed_setting_is_named_in_one_line(name: str, value: str) -> None:
    with pytest.raises(SettingsError) as raised:
        parse_settings({name: value})

    message = str(raised.value)
    assert name in message
    assert ".env.example" in message
    assert "\n" not in message


def test_a_holiday_country_is_a_code_the_holidays_package_knows() -> None:
    assert parse_settings({"HOLIDAY_COUNTRY": "nl"}).holiday_country == "NL"
    assert parse_settings({}).holiday_country is None


def test_a_hundred_function_areas_fit_in_a_slack_menu() -> None:
    areas = ",".join(f"Area {n}" for n in range(100))

    assert len(parse_settings({"FUNCTION_AREAS": areas}).function_areas) == 100


@pytest.mark.parametrize(
    "url",
    [
        "mysql://root:hunter2@db/mentorbot",
        "postgresql+asyncpg://app:hunter2@db/mentorbot",
        "oracle://app:hunter2@db/mentorbot",
    ],
)
def test_a_database_of_an_unsupported_kind_is_refused_without_its_password(url: str) -> None:
    with pytest.raises(SettingsError) as raised:
        parse_settings({"DATABASE_URL": url})

    message = str(raised.value)
    assert "DATABASE_URL" in message
    assert "not supported" in message
    assert "hunter2" not in message


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://app:hunter2@db:notaport/mentorbot",
        "postgresql//app:hunter2@db/mentorbot",
        "app:hunter2@db",
        "postgresql://app:hunt@er2@db:x/mentorbot",
        "postgresql://db:x/mentorbot?password=hunter2",
    ],
)
def test_a_malformed_database_url_is_shown_without_its_password(url: str) -> None:
    with pytest.raises(SettingsError) as raised:
        parse_settings({"DATABASE_URL": url})

    message = str(raised.value)
    assert "DATABASE_URL" in message
    assert "hunter2" not in message
    assert "er2" not in message


@pytest.mark.parametrize(
    "url",
    ["sqlite:///mentorbot.db", "postgresql://app:pw@db/mentorbot", "postgres://app@db/x", "postgresql+psycopg://db/x"],
)
def test_sqlite_and_postgresql_urls_are_accepted(url: str) -> None:
    assert parse_settings({"DATABASE_URL": url}).database_url == url


def test_serving_needs_a_bot_token() -> None:
    with pytest.raises(SettingsError, match="SLACK_BOT_TOKEN"):
        Settings().require_for_serving()


def test_http_mode_needs_a_signing_secret_but_socket_mode_does_not() -> None:
    with pytest.raises(SettingsError, match="SLACK_SIGNING_SECRET"):
        Settings(slack_bot_token="xoxb-1").require_for_serving()
    Settings(slack_bot_token="xoxb-1", slack_app_token="xapp-1").require_for_serving()


def test_the_environment_wins_over_dotenv(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text("PORT=4000\nPROGRAMME_MONTHS=9\n")

    settings = load_settings({"PORT": "5000"}, dotenv)

    assert (settings.port, settings.programme_months) == (5000, 9)


def test_the_command_line_prints_one_line_for_a_bad_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PORT", "eighty")

    assert main(["db", "upgrade"]) == 2

    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "PORT" in err
    assert "Traceback" not in err


class ReadNames(dict[str, str]):
    """A mapping that remembers every name asked of it."""

    def __init__(self) -> None:
        super().__init__()
        self.asked: set[str] = set()

    def get(self, name: str, default: object = None) -> str:
        self.asked.add(name)
        return ""


def test_env_example_documents_every_setting_and_no_other() -> None:
    example = (Path(__file__).parents[3] / ".env.example").read_text()
    documented = set(re.findall(r"^#? ?([A-Z][A-Z_]+)=", example, re.MULTILINE))
    names = ReadNames()

    parse_settings(names)

    assert documented == names.asked
