"""Settings: read from the environment (and `.env`), validated once at start."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import time
from pathlib import Path
from typing import TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import dotenv_values
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from bot.synonyms.table import SynonymsError, load_synonyms
from bot.values import Cadence as Cadence
from bot.values import known_country

T = TypeVar("T")

DEFAULT_FUNCTION_AREAS = (
    "Engineering",
    "Product",
    "Design",
    "Data",
    "Sales",
    "Marketing",
    "Customer Success",
    "Operations",
    "Finance",
    "People/HR",
    "Legal",
    "Other",
)
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_CHANNEL_ID = re.compile(r"^[CG][A-Z0-9]{2,}$")
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_HH_MM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")
_PASSWORD_OPTION = re.compile(r"(password=)[^&]*", re.IGNORECASE)
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
# A Slack select offers at most 100 options, and the profile's function area is one.
MAX_FUNCTION_AREAS = 100
# The database kinds Mentorbot is built and tested on, as SQLAlchemy spells their drivers.
SUPPORTED_DATABASE_DRIVERS = ("sqlite", "sqlite+pysqlite", "postgresql", "postgresql+psycopg", "postgres")


class SettingsError(ValueError):
    """A setting is missing or malformed; the message is one line naming it."""

    def __init__(self, name: str, problem: str) -> None:
        super().__init__(f"Setting {name} {problem}. See .env.example for every setting and its meaning.")
        self.name = name


@dataclass(frozen=True)
class WeeklyTime:
    weekday: int  # Monday is 0, as in datetime.weekday()
    at: time


@dataclass(frozen=True)
class Settings:
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str = "https://slack.com/api/"
    slack_timeout_seconds: int = 10
    database_url: str = "sqlite:///mentorbot.db"
    database_wait_seconds: int = 30
    port: int = 3000
    hr_channel: str | None = None
    hr_admins: frozenset[str] = frozenset()
    first_hr_admin: str | None = None  # the first of HR_ADMINS as written: the weekly digest is in their language
    hr_timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("Europe/Amsterdam"))
    function_areas: tuple[str, ...] = DEFAULT_FUNCTION_AREAS
    checkin_cadence: Cadence = Cadence.BIWEEKLY
    prompt_time: time = time(10, 0)
    working_hours: tuple[time, time] = (time(9, 0), time(17, 0))
    holiday_country: str | None = None  # public holidays there are not working days
    programme_months: int = 6
    digest_at: WeeklyTime = WeeklyTime(0, time(9, 0))
    feedback_min_group: int = 5
    note_retention_days: int = 365
    erase_after_days: int = 30  # someone gone from Slack is erased this many days later
    prompt_max_age_days: int = 7
    welcome_new_joiners: bool = True
    tick_seconds: int = 60
    outbox_lease_seconds: int = 60
    log_level: str = "INFO"
    log_libraries: str | None = None  # None: libraries at INFO or above, whatever LOG_LEVEL says
    messages_dir: Path | None = None  # HR's own en.po / nl.po, overriding single catalog entries
    synonyms_file: Path | None = None  # HR's own synonym groups, over the built-in ones (bot.synonyms)

    @property
    def socket_mode(self) -> bool:
        return bool(self.slack_app_token)

    def require_for_serving(self) -> None:
        """`serve` needs credentials the demo and the tests do without."""
        if not self.slack_bot_token:
            raise SettingsError("SLACK_BOT_TOKEN", "is required to serve (the bot token, xoxb-…)")
        if not self.socket_mode and not self.slack_signing_secret:
            raise SettingsError(
                "SLACK_SIGNING_SECRET",
                "is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)",
            )


def load_settings(environ: Mapping[str, str] | None = None, dotenv_path: Path | None = None) -> Settings:
    """Build settings from the environment, with `.env` filling in what it lacks."""
    values: dict[str, str] = {}
    if dotenv_path is not None and dotenv_path.is_file():
        values.update({k: v for k, v in dotenv_values(dotenv_path).items() if v is not None})
    values.update(os.environ if environ is None else environ)
    return parse_settings(values)


def parse_settings(values: Mapping[str, str]) -> Settings:
    def get(name: str, parse: Callable[[str, str], T], default: T) -> T:
        raw = values.get(name, "").strip()
        return parse(name, raw) if raw else default

    defaults = Settings()
    return Settings(
        slack_bot_token=get("SLACK_BOT_TOKEN", _prefixed("xoxb-"), None),
        slack_signing_secret=get("SLACK_SIGNING_SECRET", _text, None),
        slack_app_token=get("SLACK_APP_TOKEN", _prefixed("xapp-"), None),
        slack_api_url=get("SLACK_API_URL", _api_url, defaults.slack_api_url),
        database_url=get("DATABASE_URL", _database_url, defaults.database_url),
        slack_timeout_seconds=get("SLACK_TIMEOUT_SECONDS", _int_between(1, 60), defaults.slack_timeout_seconds),
        database_wait_seconds=get("DATABASE_WAIT_SECONDS", _int_between(0, 600), defaults.database_wait_seconds),
        port=get("PORT", _int_between(1, 65535), defaults.port),
        hr_channel=get("HR_CHANNEL", _matching(_CHANNEL_ID, "a channel id such as C0123ABCD"), None),
        hr_admins=get("HR_ADMINS", _user_ids, defaults.hr_admins),
        first_hr_admin=get("HR_ADMINS", _first_user_id, None),
        hr_timezone=get("HR_TIMEZONE", _zone, defaults.hr_timezone),
        function_areas=get("FUNCTION_AREAS", _areas, defaults.function_areas),
        checkin_cadence=get("CHECKIN_CADENCE", _cadence, defaults.checkin_cadence),
        prompt_time=get("PROMPT_TIME", _clock, defaults.prompt_time),
        working_hours=get("WORKING_HOURS", _hours, defaults.working_hours),
        holiday_country=get("HOLIDAY_COUNTRY", _country, defaults.holiday_country),
        programme_months=get("PROGRAMME_MONTHS", _int_between(1, 36), defaults.programme_months),
        digest_at=get("DIGEST_AT", _weekly, defaults.digest_at),
        feedback_min_group=get("FEEDBACK_MIN_GROUP", _int_between(3, 1000), defaults.feedback_min_group),
        note_retention_days=get("NOTE_RETENTION_DAYS", _int_between(1, 3650), defaults.note_retention_days),
        erase_after_days=get("ERASE_AFTER_DAYS", _int_between(1, 3650), defaults.erase_after_days),
        prompt_max_age_days=get("PROMPT_MAX_AGE_DAYS", _int_between(1, 60), defaults.prompt_max_age_days),
        welcome_new_joiners=get("WELCOME_NEW_JOINERS", _bool, defaults.welcome_new_joiners),
        log_level=get("LOG_LEVEL", _log_level, defaults.log_level),
        tick_seconds=get("TICK_SECONDS", _int_between(1, 3600), defaults.tick_seconds),
        outbox_lease_seconds=get("OUTBOX_LEASE_SECONDS", _int_between(5, 3600), defaults.outbox_lease_seconds),
        log_libraries=get("LOG_LIBRARIES", _log_level, defaults.log_libraries),
        messages_dir=get("MESSAGES_DIR", _folder, defaults.messages_dir),
        synonyms_file=get("SYNONYMS_FILE", _synonyms_file, defaults.synonyms_file),
    )


def _synonyms_file(name: str, raw: str) -> Path:
    """An existing synonyms file whose every line reads (one group per line: terms separated by commas)."""
    path = Path(raw).expanduser()
    if not path.is_file():
        raise SettingsError(name, f"must be an existing file, got {raw!r}")
    try:
        load_synonyms(path)
    except SynonymsError as e:
        raise SettingsError(name, f"has a bad entry: {e}") from None
    return path


def _text(name: str, raw: str) -> str:
    return raw


def _folder(name: str, raw: str) -> Path:
    path = Path(raw).expanduser()
    if not path.is_dir():
        raise SettingsError(name, f"must be an existing folder, got {raw!r}")
    return path


def _database_url(name: str, raw: str) -> str:
    problem = database_url_problem(raw)
    if problem:
        raise SettingsError(name, problem)
    return raw


def database_url_problem(raw: str) -> str | None:
    """What is wrong with a database URL, in words that never show its password; None if nothing."""
    try:
        url = make_url(raw)
        url.port  # noqa: B018 - a port that is not a number fails only when read
    except (ArgumentError, ValueError):
        return f"must be a database URL such as sqlite:///mentorbot.db, got {mask_password(raw)!r}"
    if url.drivername not in SUPPORTED_DATABASE_DRIVERS:
        return (
            "must be a SQLite (sqlite:///…) or PostgreSQL (postgresql://…) URL; "
            f"{url.drivername} is not supported, got {mask_password(raw)!r}"
        )
    return None


def mask_password(raw: str) -> str:
    """`scheme://user:secret@host/db` as `scheme://user:***@host/db`, even when the URL is malformed."""
    masked = _PASSWORD_OPTION.sub(r"\1***", raw)
    userinfo, at, rest = masked.rpartition("@")
    if not at:
        return masked
    scheme, slashes, credentials = userinfo.rpartition("://")
    user, colon, _password = credentials.partition(":")
    return f"{scheme}{slashes}{user}{colon}{'***' if colon else ''}@{rest}"


def _prefixed(prefix: str) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        if not raw.startswith(prefix):
            raise SettingsError(name, f"must start with {prefix}")
        return raw

    return parse


def _api_url(name: str, raw: str) -> str:
    if not raw.startswith(("http://", "https://")):
        raise SettingsError(name, f"must be an http(s) URL ending in /api/, got {raw!r}")
    return raw if raw.endswith("/") else raw + "/"


def _int_between(low: int, high: int) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        try:
            number = int(raw)
        except ValueError:
            number = low - 1
        if not low <= number <= high:
            raise SettingsError(name, f"must be a whole number from {low} to {high}, got {raw!r}")
        return number

    return parse


def _matching(pattern: re.Pattern[str], what: str) -> Callable[[str, str], str]:
    def parse(name: str, raw: str) -> str:
        if not pattern.match(raw):
            raise SettingsError(name, f"must be {what}, got {raw!r}")
        return raw

    return parse


def _user_ids(name: str, raw: str) -> frozenset[str]:
    ids = [part.strip() for part in raw.split(",") if part.strip()]
    bad = [i for i in ids if not _USER_ID.match(i)]
    if bad:
        raise SettingsError(name, f"must be comma-separated Slack user ids (U…), got {bad[0]!r}")
    return frozenset(ids)


def _first_user_id(name: str, raw: str) -> str | None:
    return next((part.strip() for part in raw.split(",") if part.strip()), None)


def _zone(name: str, raw: str) -> ZoneInfo:
    try:
        return ZoneInfo(raw)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(name, f"must be an IANA time zone such as Europe/Amsterdam, got {raw!r}") from None


def _areas(name: str, raw: str) -> tuple[str, ...]:
    areas = tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))
    if not areas:
        raise SettingsError(name, "must list at least one function area")
    if len(areas) > MAX_FUNCTION_AREAS:
        raise SettingsError(
            name, f"lists {len(areas)} areas; a Slack menu offers at most {MAX_FUNCTION_AREAS}, so list fewer"
        )
    if any(len(area) > 60 for area in areas):
        raise SettingsError(name, "has an area longer than 60 characters")
    return areas


def _cadence(name: str, raw: str) -> Cadence:
    try:
        return Cadence(raw.lower())
    except ValueError:
        raise SettingsError(name, f"must be weekly, biweekly or monthly, got {raw!r}") from None


def _clock(name: str, raw: str) -> time:
    match = _HH_MM.match(raw)
    if not match:
        raise SettingsError(name, f"must be a time as HH:MM, got {raw!r}")
    return time(int(match[1]), int(match[2]))


def _hours(name: str, raw: str) -> tuple[time, time]:
    start, _, end = raw.partition("-")
    try:
        hours = (_clock(name, start.strip()), _clock(name, end.strip()))
    except SettingsError:
        raise SettingsError(name, f"must be HH:MM-HH:MM, got {raw!r}") from None
    if hours[0] >= hours[1]:
        raise SettingsError(name, f"must start before it ends, got {raw!r}")
    return hours


def _country(name: str, raw: str) -> str:
    country = raw.upper()
    if not known_country(country):
        raise SettingsError(name, f"must be a country code the holidays package knows, such as NL, got {raw!r}")
    return country


def _weekly(name: str, raw: str) -> WeeklyTime:
    day, _, clock = raw.lower().partition(" ")
    if day[:3] not in WEEKDAYS or not _HH_MM.match(clock.strip()):
        raise SettingsError(name, f"must be a weekday and a time such as 'mon 09:00', got {raw!r}")
    return WeeklyTime(WEEKDAYS.index(day[:3]), _clock(name, clock.strip()))


def _bool(name: str, raw: str) -> bool:
    lowered = raw.lower()
    if lowered in ("true", "1", "yes", "on"):
        return True
    if lowered in ("false", "0", "no", "off"):
        return False
    raise SettingsError(name, f"must be true or false, got {raw!r}")


def _log_level(name: str, raw: str) -> str:
    level = raw.upper()
    if level not in LOG_LEVELS:
        raise SettingsError(name, f"must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {raw!r}")
    return level
