"""`GET /healthz` in HTTP mode and in Socket Mode: 503, with one word of why, while the database can't be used."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from bot.app import Mentorbot, build
from bot.runtime.health import DatabaseCheck, Health
from bot.runtime.settings import Settings
from bot.runtime.socket_mode import HealthServer, SocketModeLink
from bot.runtime.web import HEALTH_PATH, SlackHttpEntry
from bot.standin.driver import InlineExecutor, serving
from tests.support.databases import UNREACHABLE
from tests.support.slack import SIGNING_SECRET


def get(url: str) -> tuple[int, dict[str, Any]]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read())


@pytest.fixture(params=UNREACHABLE.keys())
def unreachable(request: pytest.FixtureRequest, settings: Settings, tmp_path: Path) -> Iterator[Mentorbot]:
    """The app, built on a database that can't be reached (refused) or opened (its folder is gone)."""
    url = UNREACHABLE[request.param](tmp_path)
    bot = build(replace(settings, database_url=url), listener_executor=InlineExecutor(), inline=True)
    yield bot
    bot.engine.dispose()


def test_healthz_answers_200_while_the_database_answers(base_url: str) -> None:
    assert get(base_url + HEALTH_PATH) == (200, {"ok": True})


def test_healthz_answers_503_and_why_when_the_database_cannot_be_used(unreachable: Mentorbot) -> None:
    with serving(SlackHttpEntry(unreachable.app, SIGNING_SECRET, unreachable.health)) as base_url:
        answer = get(base_url + HEALTH_PATH)

    assert answer == (503, {"ok": False, "database": "unreachable"})


def test_a_database_that_does_not_answer_gets_503_in_time_from_one_probe_at_a_time(mentorbot: Mentorbot) -> None:
    released = threading.Event()
    checkouts: list[int] = []

    @event.listens_for(mentorbot.engine, "checkout")
    def hang(*_: Any) -> None:  # a server that neither answers nor refuses
        checkouts.append(1)
        released.wait(10)

    health = Health([DatabaseCheck(mentorbot.engine, timeout=0.3)])
    with serving(SlackHttpEntry(mentorbot.app, SIGNING_SECRET, health)) as base_url:
        started = time.monotonic()
        answers = [get(base_url + HEALTH_PATH) for _ in range(3)]
        took = time.monotonic() - started
    released.set()

    assert answers == [(503, {"ok": False, "database": "unresponsive"})] * 3
    assert took < 3
    assert len(checkouts) == 1


def test_socket_modes_healthz_names_the_database_beside_the_socket(unreachable: Mentorbot) -> None:
    link = SocketModeLink(unreachable.app, "xapp-1-test")  # never connected
    server = HealthServer(0, unreachable.health.including(link.check))
    server.start()
    try:
        answer = get(f"http://127.0.0.1:{server.port}{HEALTH_PATH}")
    finally:
        server.stop()

    assert answer == (503, {"ok": False, "socket": "disconnected", "database": "unreachable"})
