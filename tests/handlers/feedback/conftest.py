"""Feedback scenarios run with two HR admins, Bea and Chen, unless a test parametrizes `hr_admins`."""

from __future__ import annotations

import dataclasses

import pytest

from bot.runtime.settings import Settings
from tests.factories import BEA, CHEN


@pytest.fixture
def hr_admins() -> frozenset[str]:
    return frozenset({BEA.user_id, CHEN.user_id})


@pytest.fixture
def settings(settings: Settings, hr_admins: frozenset[str]) -> Settings:
    return dataclasses.replace(settings, hr_admins=hr_admins)
