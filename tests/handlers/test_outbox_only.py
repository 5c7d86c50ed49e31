"""With the dispatcher stopped, no listener writes through the Web API: what it causes waits in the outbox.

Only what needs the request itself goes out directly: `views.open` (with its trigger), the
request's own `response_url`; reads (`users.info`) are fine.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from bot.app import Mentorbot, build
from bot.runtime.settings import Settings
from bot.standin.driver import InlineExecutor, SlackDriver
from bot.standin.payloads import home_opened, text_submission
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK, DECLINE, WITHDRAW
from handlers.blocks.home import EDIT_PROFILE, FIND_MENTOR
from storage.db import make_session_factory
from storage.migrate import upgrade
from storage.outbox import count_by_kind_and_state
from storage.uow import UnitOfWork
from tests.factories import ALICE, BEA, CHEN, FINN

ALLOWED = {"views.open", "response_url", "users.info", "auth.test"}


@pytest.fixture
def mentorbot(settings: Settings) -> Iterator[Mentorbot]:
    """The app with its dispatcher never started: rows are written and stay."""
    bot = build(settings, listener_executor=InlineExecutor())
    upgrade(bot.engine)
    yield bot
    bot.engine.dispose()


def waiting(mentorbot: Mentorbot) -> dict[str, int]:
    with UnitOfWork(make_session_factory(mentorbot.engine)) as uow:
        return {kind: n for kind, state, n in count_by_kind_and_state(uow.session) if state == "pending"}


def writes(slack: SlackStandIn) -> list[str]:
    return [call.method for call in slack.calls if call.method not in ALLOWED]


@pytest.fixture
def requested(profile: Callable[..., None], driver: SlackDriver, mentorbot: Mentorbot) -> list[str]:
    """Alice asked Bea and Chen, Finn asked Bea; the requests' ids (their DMs still in the outbox)."""
    profile(ALICE.user_id, goals="Python")
    profile(FINN.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python", capacity="2")
    profile(CHEN.user_id, role="mentor", skills="Python")
    for mentee, mentor in ((ALICE, BEA), (ALICE, CHEN), (FINN, BEA)):
        driver.click(mentee.user_id, ASK, mentor.user_id)
        driver.interaction(text_submission(mentee.user_id, "request", mentor.user_id, "hello"))
    return ["1", "2", "3"]


def test_commands_write_nothing_directly(driver: SlackDriver, slack: SlackStandIn, requested: list[str]) -> None:
    for text in ("", "help", "profile", "find", "status", "nonsense"):
        driver.command(ALICE.user_id, text)
        driver.command(FINN.user_id, text)

    assert writes(slack) == []


def test_dialogs_and_clicks_only_write_to_the_outbox(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, requested: list[str]
) -> None:
    alice_to_bea, alice_to_chen, finn_to_bea = requested
    driver.click(BEA.user_id, DECLINE, finn_to_bea)
    driver.interaction(text_submission(BEA.user_id, "decline", finn_to_bea, "busy"))
    driver.click(BEA.user_id, ACCEPT, alice_to_bea, message=("DBEA", "1.0"))
    driver.click(ALICE.user_id, WITHDRAW, alice_to_chen, in_home=True)
    driver.click(ALICE.user_id, EDIT_PROFILE, in_home=True)
    driver.click(FINN.user_id, FIND_MENTOR, in_home=True)

    assert writes(slack) == []
    queued = waiting(mentorbot)
    assert queued["request.ask"] == 3
    assert queued["pairing.introduce"] == 1
    assert queued["tell"] >= 2  # Finn declined, Alice's withdraw answered by DM (the App Home has no reply)
    assert queued["suggest"] == 1
    assert queued["home"] >= 3


def test_events_only_write_to_the_outbox(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    driver.event(home_opened(ALICE.user_id))
    driver.event({"type": "user_change", "user": {"id": ALICE.user_id, "tz": "Asia/Tokyo"}})
    driver.event({"type": "team_join", "user": {"id": "UNEW", "tz": "Europe/Paris"}})

    assert writes(slack) == []
    assert waiting(mentorbot) == {"home": 1, "person.changed": 2, "welcome": 1}  # the welcome, for later


def test_what_waited_is_sent_once_by_the_tick(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, requested: list[str]
) -> None:
    mentorbot.operations.tick()
    mentorbot.operations.tick()

    request_dms = [
        call for call in slack.calls_to("chat.postMessage") if call.args["channel"] in (BEA.user_id, CHEN.user_id)
    ]
    assert len(request_dms) == 3
    assert waiting(mentorbot) == {}
