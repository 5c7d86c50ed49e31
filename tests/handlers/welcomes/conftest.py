"""The welcome scenarios run with the Dutch public holidays; a test turns welcomes off with `welcome_settings`."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from bot.runtime.settings import Settings


@pytest.fixture
def welcome_settings() -> dict[str, Any]:
    """More settings for one test (`@pytest.mark.parametrize("welcome_settings", [{…}])`)."""
    return {}


@pytest.fixture
def settings(settings: Settings, welcome_settings: dict[str, Any]) -> Settings:
    return replace(settings, holiday_country="NL", **welcome_settings)
