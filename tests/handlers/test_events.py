"""Events API: App Home, the person cache, and each `event_id` acted on once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from storage.db import make_session_factory
from storage.people import get_person
from storage.uow import UnitOfWork
from tests.factories import ALICE, DAAN


def uow(mentorbot: Mentorbot) -> UnitOfWork:
    return UnitOfWork(make_session_factory(mentorbot.engine))


def test_opening_app_home_publishes_it_in_the_persons_language(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.event(home_opened(DAAN.user_id))

    [publish] = slack.calls_to("views.publish")
    assert publish.answered_ok
    assert publish.args["user_id"] == DAAN.user_id
    assert publish.args["view"]["blocks"][0]["text"]["text"] == NL["home.title"]


def test_an_event_delivered_twice_is_acted_on_once(driver: SlackDriver, slack: SlackStandIn) -> None:
    first = driver.event(home_opened(ALICE.user_id), event_id="EvSAME")
    retry = driver.event(home_opened(ALICE.user_id), event_id="EvSAME", retry_num=1)

    assert (first.status, retry.status) == (200, 200)
    assert len(slack.calls_to("views.publish")) == 1


def test_different_events_are_each_acted_on(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.event(home_opened(ALICE.user_id), event_id="EvONE")
    driver.event(home_opened(ALICE.user_id), event_id="EvTWO")

    assert len(slack.calls_to("views.publish")) == 2


def test_an_event_whose_handling_failed_is_retried_by_the_tick_once_slack_recovers(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    slack.fail_next("views.publish", status=500)

    assert driver.event(home_opened(ALICE.user_id), event_id="EvFLAKY").status == 200
    driver.event(home_opened(ALICE.user_id), event_id="EvFLAKY", retry_num=1)  # Slack's retry changes nothing
    failed_by = datetime.now(UTC)  # after the failure, however slow a busy machine made it: its retry is due 5 s on
    with freeze_time(failed_by + timedelta(seconds=6)):
        mentorbot.operations.tick()

    outcomes = [call.answered_ok for call in slack.calls_to("views.publish")]
    assert outcomes == [False, True]


def test_the_messages_tab_does_not_publish_a_home(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.event({**home_opened(ALICE.user_id), "tab": "messages"})

    assert slack.calls_to("views.publish") == []


def test_user_change_refreshes_the_cached_person(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    driver.command(ALICE.user_id, "help")  # caches Alice, locale included
    changed = {"id": ALICE.user_id, "real_name": "Alice Jones", "tz": "Asia/Tokyo"}

    driver.event({"type": "user_change", "user": changed})

    with uow(mentorbot) as work:
        person = get_person(work.session, ALICE.user_id)
        assert person is not None
        assert (person.tz, person.locale) == ("Asia/Tokyo", ALICE.locale)


def test_a_new_joiner_is_remembered(driver: SlackDriver, mentorbot: Mentorbot) -> None:
    driver.event({"type": "team_join", "user": {"id": "UNEW", "real_name": "Nina", "tz": "Europe/Paris"}})

    with uow(mentorbot) as work:
        person = get_person(work.session, "UNEW")
        assert person is not None
        assert person.tz == "Europe/Paris"


def test_english_home_for_an_english_person(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.event(home_opened(ALICE.user_id))

    [publish] = slack.calls_to("views.publish")
    assert publish.args["view"]["blocks"][0]["text"]["text"] == EN["home.title"]


def test_a_dutch_new_joiner_is_answered_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    slack.add_user("UBOB", "Bob Bakker", locale="nl-NL")
    driver.event({"type": "team_join", "user": {"id": "UBOB", "real_name": "Bob Bakker", "tz": "Europe/Amsterdam"}})

    driver.command("UBOB", "help")

    [reply] = slack.calls_to("response_url")
    assert NL["help.title"] in str(reply.args["blocks"])
