"""Public holidays from the `holidays` package, as a container of dates the scheduling rules can ask."""

from __future__ import annotations

import threading
from datetime import date, time
from functools import cache

import holidays

from bot.checkins.rules import Schedule, WorkingDays


class PublicHolidays:
    """`day in PublicHolidays("NL")`: whether `day` is a public holiday there (each year looked up once)."""

    def __init__(self, country: str) -> None:
        self.country = country
        self._lock = threading.Lock()  # the package fills its dict as years are asked for

    def __contains__(self, day: object) -> bool:
        if not isinstance(day, date):
            return False
        with self._lock:
            return day in _year(self.country, day.year)


@cache
def _year(country: str, year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays(country, years=year).keys())


def schedule_for(prompt_time: time, working_hours: tuple[time, time], country: str | None) -> Schedule:
    """The rhythm's rules as the settings give them."""
    holidays_there = PublicHolidays(country) if country else frozenset[date]()
    return Schedule(prompt_time, working_hours, WorkingDays(holidays_there))
