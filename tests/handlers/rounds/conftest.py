"""A small cohort: Bea the HR admin; Alice (Engineering) and Eva (Data) wait for a mentor, Chen (Sales) finds none;
Daan (Engineering) and Finn (Data) mentor, one place each."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from freezegun.api import FrozenDateTimeFactory

from bot.runtime.settings import Settings
from tests.factories import ALICE, BEA, CHEN, DAAN, EVA, FINN


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, hr_admins=frozenset({BEA.user_id}))


@pytest.fixture
def cohort(clock: FrozenDateTimeFactory, profile: Callable[..., None]) -> None:
    profile(DAAN.user_id, role="mentor", area="Engineering", skills="Python, code review", capacity="1")
    profile(FINN.user_id, role="mentor", area="Data", skills="SQL, dashboards", capacity="1")
    profile(ALICE.user_id, area="Engineering", goals="Python")
    clock.tick(60)
    profile(EVA.user_id, area="Data", goals="SQL")
    clock.tick(60)
    profile(CHEN.user_id, area="Sales", goals="negotiation")
