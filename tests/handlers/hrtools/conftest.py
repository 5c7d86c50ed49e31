"""HR's tools on the privacy scenarios' programme (the `programme` fixture), Bea the HR admin."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.runtime.settings import Settings
from tests.factories import BEA


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, hr_admins=frozenset({BEA.user_id}))
