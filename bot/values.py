"""Values the settings parse and the check-in rules use: the cadence, and the countries with known holidays.

Shared by bot/runtime/settings.py (which only parses) and bot/checkins/ (which applies them), so the
settings import no rule of the domain.
"""

from __future__ import annotations

from enum import StrEnum

import holidays


class Cadence(StrEnum):
    WEEKLY = "weekly"
    BIWEEKLY = "biweekly"
    MONTHLY = "monthly"


def known_country(country: str) -> bool:
    """Whether the `holidays` package knows this country's public holidays."""
    return country in holidays.list_supported_countries()
