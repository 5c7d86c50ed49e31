"""The handshake's news as outbox rows: written with the change, in the order people should hear it."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from sqlalchemy import select
from sqlmodel import col

from bot.app import Mentorbot, build
from bot.delivery.letters import phrase_from_json
from bot.delivery.slack_replies import person_facts
from bot.i18n import EN
from bot.pairings import Answered
from bot.profiles import ProfileData, Role
from bot.runtime.settings import Settings
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.migrate import upgrade
from storage.models import OutboxRow, OutboxState
from storage.uow import UnitOfWork
from tests.support.slack import SLACK_TIMEOUT_SECONDS

ANN, BEA, CHEN = "UANN", "UBEA", "UCHEN"


@pytest.fixture
def stopped(settings: Settings, slack: SlackStandIn) -> Iterator[Mentorbot]:
    """The app with its dispatcher stopped: what each step writes stays in the outbox to be read."""
    bot = build(settings)
    upgrade(bot.engine)
    _people(bot, slack)
    yield bot
    bot.engine.dispose()


@pytest.fixture
def running(mentorbot: Mentorbot, slack: SlackStandIn) -> Mentorbot:
    """The app as the tests run it: each commit's letters sent before it returns."""
    _people(mentorbot, slack)
    return mentorbot


def _people(bot: Mentorbot, slack: SlackStandIn) -> None:
    for user_id, role in ((ANN, Role.MENTEE), (BEA, Role.MENTOR), (CHEN, Role.MENTOR)):
        slack.add_user(user_id, user_id.title())
        bot.services.profiles.save(user_id, ProfileData(role, "Engineering", "Python", "Python", 1, True))


def rows(bot: Mentorbot, after: int = 0) -> list[tuple[str, str, dict[str, object]]]:
    """(kind, recipient, subject) of each row written after row `after`, in the order written."""
    with UnitOfWork(make_session_factory(bot.engine)) as uow:
        query = select(OutboxRow).where(col(OutboxRow.id) > after).order_by(col(OutboxRow.id))
        found = uow.session.execute(query).scalars()
        return [(row.kind, row.recipient, json.loads(row.subject)) for row in found]


def waiting_homes(bot: Mentorbot) -> list[str]:
    """Whose App Home waits to be refreshed: once each, however many changes are waiting."""
    return sorted(to for kind, to, _ in rows(bot) if kind == "home")


def last_row_id(bot: Mentorbot) -> int:
    with UnitOfWork(make_session_factory(bot.engine)) as uow:
        return max((row.id or 0 for row in uow.session.execute(select(OutboxRow)).scalars()), default=0)


def asked(bot: Mentorbot, mentee: str, mentor: str) -> int:
    result = bot.services.pairings.ask(mentee, mentor, "")
    assert result.request is not None
    return result.request.request_id


def test_a_request_is_queued_for_the_mentor_with_the_request_itself(stopped: Mentorbot) -> None:
    before = last_row_id(stopped)

    request_id = asked(stopped, ANN, BEA)

    assert rows(stopped, before) == [
        ("request.ask", BEA, {"request": request_id, "mentee": ANN, "mentor": BEA}),
    ]


def test_a_decline_tells_the_mentee_with_a_next_mentor_before_the_mentors_copy_changes(stopped: Mentorbot) -> None:
    request_id = asked(stopped, ANN, BEA)
    before = last_row_id(stopped)

    stopped.services.pairings.decline(request_id, BEA, "busy")

    written = rows(stopped, before)
    assert [(kind, to) for kind, to, _ in written] == [("tell", ANN), ("request.update", BEA)]
    assert waiting_homes(stopped) == [ANN, BEA, CHEN]  # the refreshes already waiting since the profiles cover it
    tell = written[0][2]
    assert tell["mentors"] == 1
    assert [phrase_from_json(n).key for n in tell["notices"]] == ["request.declined.mentee"]  # type: ignore[attr-defined]
    assert "busy" not in json.dumps(written)  # the reason is never news


def test_an_accept_queues_the_introduction_then_the_other_mentors_copies(stopped: Mentorbot) -> None:
    first = asked(stopped, ANN, BEA)
    other = asked(stopped, ANN, CHEN)
    before = last_row_id(stopped)

    assert stopped.services.pairings.accept(first, BEA).answered is Answered.DONE

    written = rows(stopped, before)
    assert [(kind, to) for kind, to, _ in written] == [("pairing.introduce", ANN), ("request.update", CHEN)]
    assert waiting_homes(stopped) == [ANN, BEA, CHEN]
    assert written[0][2]["others_withdrawn"] is True
    assert written[1][2]["request"] == other


def test_nothing_is_queued_when_the_answer_changes_nothing(stopped: Mentorbot) -> None:
    request_id = asked(stopped, ANN, BEA)
    stopped.services.pairings.accept(request_id, BEA)
    before = last_row_id(stopped)

    assert stopped.services.pairings.accept(request_id, BEA).answered is Answered.CLOSED
    assert stopped.services.pairings.decline(request_id, CHEN, "").answered is Answered.NOT_YOURS

    assert rows(stopped, before) == []


def test_a_request_slack_refuses_to_deliver_is_dropped_and_the_mentee_told(
    running: Mentorbot, slack: SlackStandIn
) -> None:
    slack.fail_next("chat.postMessage", error="channel_not_found")

    request_id = asked(running, ANN, BEA)

    assert running.services.pairings.request_info(request_id) is None
    [told] = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == ANN]
    assert told.args["text"] == EN["request.undelivered"].format(mentor=f"<@{BEA}>")


def test_an_introduction_whose_answer_never_came_still_tells_both_once(running: Mentorbot, slack: SlackStandIn) -> None:
    request_id = asked(running, ANN, BEA)
    slack.hang_next("chat.postMessage", SLACK_TIMEOUT_SECONDS + 0.5)  # the introduction arrives; its answer doesn't

    running.services.pairings.accept(request_id, BEA)

    channel = slack.state.conversations[frozenset({ANN, BEA})]
    assert len([c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == channel]) == 1
    [told] = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == ANN]
    assert told.args["text"].startswith(EN["request.accepted.mentee"].format(mentor=f"<@{BEA}>", mentee=f"<@{ANN}>"))


def test_news_for_someone_who_left_is_cancelled_not_sent(running: Mentorbot, slack: SlackStandIn) -> None:
    request_id = asked(running, ANN, BEA)
    running.services.people.remember(person_facts({"id": ANN, "deleted": True}))
    sent_before = len(slack.calls_to("chat.postMessage"))

    running.services.pairings.decline(request_id, BEA, "")

    to_ann = [c for c in slack.calls_to("chat.postMessage")[sent_before:] if c.args["channel"] == ANN]
    assert to_ann == []
    with UnitOfWork(make_session_factory(running.engine)) as uow:
        tells = uow.session.execute(select(OutboxRow).where(col(OutboxRow.kind) == "tell")).scalars()
        assert [row.state for row in tells] == [OutboxState.CANCELLED.value]


def test_a_request_to_a_mentor_who_left_before_it_went_out_is_dropped_and_the_mentee_told(
    stopped: Mentorbot, slack: SlackStandIn
) -> None:
    request_id = asked(stopped, ANN, BEA)
    stopped.services.people.remember(person_facts({"id": BEA, "deleted": True}))

    stopped.operations.tick()

    assert stopped.services.pairings.request_info(request_id) is None
    [told] = [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == ANN]
    assert told.args["text"] == EN["request.undelivered"].format(mentor=f"<@{BEA}>")
    assert [c for c in slack.calls_to("chat.postMessage") if c.args["channel"] == BEA] == []
