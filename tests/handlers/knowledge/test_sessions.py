"""Knowledge sessions through the Bolt app: the dialog, the announcement, joining, the waiting list, the invite,
the reminder, cancelling, who's coming, and the App Home."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from freezegun import freeze_time
from freezegun.api import FrozenDateTimeFactory
from icalendar import Calendar

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.payloads import home_opened
from bot.standin.server import SlackStandIn
from handlers.knowledge.blocks import CALLBACK, CANCEL, JOIN, LEAVE, WHO
from tests.factories import ALICE, BEA, CHEN, DAAN, EVA, FINN, HOSTILE
from tests.support.knowledge import CHANNEL, START, offer_submission

Profile = Callable[..., None]
WHEN = f"<!date^{int(START.timestamp())}^{{date_short_pretty}} {{time}}|2027-03-03 15:00 UTC>"


def announcement(slack: SlackStandIn) -> str:
    [(_, message)] = slack.messages_in(CHANNEL)
    return json.dumps(message, ensure_ascii=False)


def dms(slack: SlackStandIn, user_id: str) -> list[str]:
    channel = slack.dm_of(user_id)
    return [json.dumps(args, ensure_ascii=False) for _, args in slack.messages_in(channel)] if channel else []


def texts(slack: SlackStandIn, user_id: str) -> list[str]:
    channel = slack.dm_of(user_id)
    return [str(args.get("text")) for _, args in slack.messages_in(channel)] if channel else []


def news(key: str) -> str:
    return EN[key].format(title="Git rebase", when=WHEN, channel=f"<#{CHANNEL}>", host=f"<@{BEA.user_id}>")


def last_reply(slack: SlackStandIn) -> str:
    return str(slack.calls_to("response_url")[-1].args["text"])


def click(driver: SlackDriver, user_id: str, action: str, session_id: int = 1) -> None:
    result = driver.click(user_id, action, str(session_id))
    assert result.status == 200, result.body


def errors_of(result: Any) -> dict[str, str]:
    body = result.json()
    assert body["response_action"] == "errors", body
    return dict(body["errors"])


# -- the dialog ---------------------------------------------------------------------------------------


def test_a_mentor_gets_the_dialog(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> None:
    profile(BEA.user_id, role="mentor", skills="git")

    driver.command(BEA.user_id, "session")

    [opened] = slack.calls_to("views.open")
    assert opened.answered_ok
    view = opened.args["view"]
    assert view["callback_id"] == CALLBACK
    assert {block["element"]["type"] for block in view["blocks"] if block["type"] == "input"} >= {
        "datetimepicker",
        "conversations_select",
        "static_select",
    }
    assert EN["knowledge.who_sees"] in json.dumps(view)


def test_someone_who_does_not_mentor_is_told_how_to_host(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="git")

    driver.command(ALICE.user_id, "session")

    assert slack.calls_to("views.open") == []
    assert last_reply(slack) == EN["knowledge.not_mentor"]


def test_the_help_lists_the_session_command(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "help")

    assert EN["help.cmd.session"] in json.dumps(slack.calls_to("response_url")[-1].args)


def test_a_date_in_the_past_is_refused_in_words(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.add_channel(CHANNEL)
    profile(BEA.user_id, role="mentor", skills="git")

    result = driver.interaction(offer_submission(BEA.user_id, start=START.replace(year=2026)))

    assert errors_of(result) == {"when": EN["knowledge.error.past"]}
    assert slack.messages_in(CHANNEL) == []


def test_zero_seats_and_a_word_for_seats_are_refused_in_words(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.add_channel(CHANNEL)
    profile(BEA.user_id, role="mentor", skills="git")

    zero = driver.interaction(offer_submission(BEA.user_id, seats="0"))
    word = driver.interaction(offer_submission(BEA.user_id, seats="ten"))

    assert errors_of(zero) == {"seats": EN["knowledge.error.no_seats"]}
    assert errors_of(word) == {"seats": EN["knowledge.error.seats"]}


def test_a_channel_the_bot_is_not_in_is_refused_in_words(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.add_channel("CELSEWHERE", bot_member=False)
    profile(BEA.user_id, role="mentor", skills="git")

    result = driver.interaction(offer_submission(BEA.user_id, channel="CELSEWHERE"))

    assert errors_of(result) == {"channel": EN["knowledge.error.not_in_channel"]}
    assert [call.args["channel"] for call in slack.calls_to("conversations.info")] == ["CELSEWHERE"]


# -- the announcement ---------------------------------------------------------------------------------


def test_the_announcement_shows_the_time_in_each_readers_zone(hosted: int, slack: SlackStandIn) -> None:
    shown = announcement(slack)

    assert WHEN in shown
    assert EN["knowledge.announce.seats"].format(left=2, seats=2) in shown
    assert f"<@{BEA.user_id}>" in shown
    assert JOIN in shown
    assert LEAVE in shown


def test_the_host_gets_a_copy_with_who_is_coming_and_cancel(hosted: int, slack: SlackStandIn) -> None:
    [copy] = dms(slack, BEA.user_id)

    assert WHO in copy
    assert CANCEL in copy
    assert f"<#{CHANNEL}>" in copy


def test_what_the_host_typed_is_escaped_in_the_announcement(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.add_channel(CHANNEL)
    profile(BEA.user_id, role="mentor", skills="git")

    driver.interaction(offer_submission(BEA.user_id, title="Git " + HOSTILE[0], learn=" ".join(HOSTILE)))

    [(_, message)] = slack.messages_in(CHANNEL)
    # mrkdwn and the notification's text are escaped; the header is plain text, where Slack links nothing
    shown = json.dumps([message["text"], [block for block in message["blocks"] if block["type"] != "header"]])
    assert all(hostile not in shown for hostile in HOSTILE)
    assert "&lt;!channel&gt;" in shown
    assert message["blocks"][0]["text"]["type"] == "plain_text"


# -- joining, the waiting list, the invite ---------------------------------------------------------------


def test_joining_takes_a_seat_sends_the_invite_and_updates_the_announcement(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    click(driver, ALICE.user_id, JOIN)

    assert last_reply(slack) == EN["knowledge.joined"].format(title="Git rebase")
    assert EN["knowledge.announce.seats"].format(left=1, seats=2) in announcement(slack)
    [invite] = slack.files_in(slack.dm_of(ALICE.user_id))
    assert invite.filename == "knowledge-session-1.ics"
    [event] = Calendar.from_ical(invite.content).walk("VEVENT")
    assert event.decoded("dtstart") == START
    assert "Europe/London" in str(event["description"])  # the host's zone


def test_joining_when_full_puts_you_on_the_waiting_list_and_says_so(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    click(driver, ALICE.user_id, JOIN)
    click(driver, CHEN.user_id, JOIN)

    click(driver, FINN.user_id, JOIN)

    assert last_reply(slack) == EN["knowledge.waiting"].format(title="Git rebase", place=1)
    assert slack.files_in(slack.dm_of(FINN.user_id)) == []
    assert EN["knowledge.announce.full"].format(seats=2, waiting=1) in announcement(slack)


def test_leaving_promotes_the_first_waiting_who_is_told_and_invited(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    for person in (ALICE, CHEN, FINN):
        click(driver, person.user_id, JOIN)

    click(driver, ALICE.user_id, LEAVE)

    assert last_reply(slack) == EN["knowledge.left"].format(title="Git rebase")
    assert texts(slack, FINN.user_id) == [news("knowledge.news.promoted")]
    [invite] = slack.files_in(slack.dm_of(FINN.user_id))
    assert invite.filename == "knowledge-session-1.ics"
    assert EN["knowledge.announce.seats"].format(left=0, seats=2) not in announcement(slack)
    assert EN["knowledge.announce.full"].format(seats=2, waiting=0) in announcement(slack)


def test_a_past_session_cannot_be_joined(
    hosted: int, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn
) -> None:
    clock.move_to(START)

    click(driver, ALICE.user_id, JOIN)

    assert last_reply(slack) == EN["knowledge.past"].format(title="Git rebase")
    assert slack.files_in(slack.dm_of(ALICE.user_id)) == []


# -- the reminder -------------------------------------------------------------------------------------


def test_attendees_are_reminded_an_hour_before_once(
    hosted: int, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    click(driver, ALICE.user_id, JOIN)
    click(driver, CHEN.user_id, JOIN)
    click(driver, FINN.user_id, JOIN)  # waiting: not reminded

    for moment in ("2027-03-03 13:30", "2027-03-03 14:01", "2027-03-03 14:02", "2027-03-03 14:30"):
        with freeze_time(moment):
            mentorbot.operations.tick()

    reminded = [texts(slack, person.user_id).count(news("knowledge.news.reminder")) for person in (ALICE, CHEN, FINN)]
    assert reminded == [1, 1, 0]


# -- the host: cancel, who's coming -----------------------------------------------------------------------


def test_cancelling_tells_everyone_who_joined_once_and_updates_the_announcement(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    for person in (ALICE, CHEN, FINN):
        click(driver, person.user_id, JOIN)

    click(driver, BEA.user_id, CANCEL)
    click(driver, BEA.user_id, CANCEL)

    assert last_reply(slack) == EN["knowledge.cancel.already"].format(title="Git rebase")
    told = [texts(slack, person.user_id).count(news("knowledge.news.cancelled")) for person in (ALICE, CHEN, FINN)]
    assert told == [1, 1, 1]
    shown = announcement(slack)
    assert EN["knowledge.announce.cancelled"] in shown
    assert JOIN not in shown


def test_only_the_host_can_cancel(hosted: int, driver: SlackDriver, slack: SlackStandIn) -> None:
    click(driver, ALICE.user_id, CANCEL)

    assert last_reply(slack) == EN["knowledge.not_host"]
    assert EN["knowledge.announce.cancelled"] not in announcement(slack)


def test_the_host_sees_who_is_coming_and_who_waits(hosted: int, driver: SlackDriver, slack: SlackStandIn) -> None:
    for person in (ALICE, CHEN, FINN):
        click(driver, person.user_id, JOIN)

    click(driver, BEA.user_id, WHO)

    shown = json.dumps(slack.calls_to("views.open")[-1].args["view"])
    assert EN["knowledge.who.attending"].format(people=f"<@{ALICE.user_id}>, <@{CHEN.user_id}>") in shown
    assert EN["knowledge.who.waiting"].format(people=f"<@{FINN.user_id}>") in shown


def test_nobody_else_sees_who_is_coming(hosted: int, driver: SlackDriver, slack: SlackStandIn) -> None:
    click(driver, ALICE.user_id, JOIN)
    opened = len(slack.calls_to("views.open"))

    click(driver, CHEN.user_id, WHO)

    assert len(slack.calls_to("views.open")) == opened
    assert last_reply(slack) == EN["knowledge.not_host"]


# -- the App Home, and Dutch ---------------------------------------------------------------------------


def test_the_app_home_lists_upcoming_sessions_and_the_ones_you_joined(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    click(driver, ALICE.user_id, JOIN)

    driver.event(home_opened(ALICE.user_id))

    published = [call for call in slack.calls_to("views.publish") if call.args["user_id"] == ALICE.user_id]
    home = json.dumps(published[-1].args["view"], ensure_ascii=False)
    assert EN["knowledge.home.upcoming"] in home
    assert EN["knowledge.home.line"].format(title="Git rebase", when=WHEN, left=1, seats=2) in home
    assert EN["knowledge.home.seated"].format(title="Git rebase", when=WHEN) in home


def test_a_dutch_host_announces_in_dutch_and_a_dutch_attendee_reads_dutch(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.add_channel(CHANNEL)
    profile(DAAN.user_id, role="mentor", skills="git")
    driver.interaction(offer_submission(DAAN.user_id))

    click(driver, EVA.user_id, JOIN)

    assert NL["knowledge.announce.seats"].format(left=1, seats=2) in announcement(slack)
    assert last_reply(slack) == NL["knowledge.joined"].format(title="Git rebase")
    [invite] = slack.files_in(slack.dm_of(EVA.user_id))
    assert invite.title == NL["knowledge.invite.title"].format(title="Git rebase")


def test_when_slack_cannot_say_the_offer_is_taken_and_a_refusing_channel_is_told_to_the_host(
    clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    slack.add_channel(CHANNEL, bot_member=False)
    profile(BEA.user_id, role="mentor", skills="git")
    slack.fail_next("conversations.info", status=500)

    result = driver.interaction(offer_submission(BEA.user_id))

    assert result.json() == {"response_action": "clear"}
    assert slack.messages_in(CHANNEL) == []
    refused = news("knowledge.news.refused")
    assert refused in texts(slack, BEA.user_id)


def test_a_button_whose_value_is_not_a_session_changes_nothing_and_says_so(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    for value in ("", "abc", "-1", "99999999999"):
        driver.click(ALICE.user_id, JOIN, value)
        assert last_reply(slack) == EN["payload.bad_button"]

    driver.click(ALICE.user_id, JOIN, "42")

    assert last_reply(slack) == EN["knowledge.unknown"]
    assert EN["knowledge.announce.seats"].format(left=2, seats=2) in announcement(slack)
