"""Through the Bolt app: someone who erases their data (`/mentor privacy delete`) or leaves the company (a
`user_change`) gives up their seats, the first waiting moves up and is told; a host's sessions are cancelled and
everyone who joined is told once; sessions that have started stay as they were."""

from __future__ import annotations

import json

from freezegun.api import FrozenDateTimeFactory

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.knowledge.blocks import JOIN
from handlers.privacy.blocks import DELETE
from tests.factories import ALICE, BEA, CHEN, DAAN, FINN
from tests.support.knowledge import CHANNEL, START, hours, seats_table

WHEN = f"<!date^{int(START.timestamp())}^{{date_short_pretty}} {{time}}|2027-03-03 15:00 UTC>"


def announcement(slack: SlackStandIn) -> str:
    [(_, message)] = slack.messages_in(CHANNEL)
    return json.dumps(message, ensure_ascii=False)


def texts(slack: SlackStandIn, user_id: str) -> list[str]:
    channel = slack.dm_of(user_id)
    return [str(args.get("text")) for _, args in slack.messages_in(channel)] if channel else []


def news(key: str, host: str = f"<@{BEA.user_id}>") -> str:
    return EN[key].format(title="Git rebase", when=WHEN, channel=f"<#{CHANNEL}>", host=host)


def full_with_finn_waiting(driver: SlackDriver) -> None:
    """Alice and Chen take Bea's two seats; Finn waits."""
    for person in (ALICE, CHEN, FINN):
        assert driver.click(person.user_id, JOIN, "1").status == 200


def erases(driver: SlackDriver, user_id: str) -> None:
    driver.command(user_id, "privacy delete")
    driver.click(user_id, DELETE, "me")


def leaves(driver: SlackDriver, slack: SlackStandIn, user_id: str) -> None:
    slack.state.users[user_id] |= {"deleted": True}
    driver.event({"type": "user_change", "user": {"id": user_id, "deleted": True}})


def taken(mentorbot: Mentorbot) -> int:
    view = mentorbot.services.knowledge.view(1)
    assert view is not None
    return view.taken


def test_an_erased_attendees_seat_goes_to_the_first_waiting_who_is_told_and_invited(
    hosted: int, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    full_with_finn_waiting(driver)

    erases(driver, ALICE.user_id)

    assert seats_table(mentorbot.engine) == [(CHEN.user_id, "attending"), (FINN.user_id, "attending")]
    assert taken(mentorbot) == 2
    assert texts(slack, FINN.user_id) == [news("knowledge.news.promoted")]
    [invite] = slack.files_in(slack.dm_of(FINN.user_id))
    assert invite.filename == "knowledge-session-1.ics"
    assert EN["knowledge.announce.full"].format(seats=2, waiting=0) in announcement(slack)


def test_a_leavers_seat_goes_to_the_first_waiting_who_is_told_and_invited(
    hosted: int, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    full_with_finn_waiting(driver)

    leaves(driver, slack, ALICE.user_id)

    assert seats_table(mentorbot.engine) == [(CHEN.user_id, "attending"), (FINN.user_id, "attending")]
    assert taken(mentorbot) == 2
    assert texts(slack, FINN.user_id) == [news("knowledge.news.promoted")]
    assert len(slack.files_in(slack.dm_of(FINN.user_id))) == 1
    assert EN["knowledge.announce.full"].format(seats=2, waiting=0) in announcement(slack)


def test_a_leaving_hosts_session_is_cancelled_and_everyone_who_joined_told_once(
    hosted: int, driver: SlackDriver, slack: SlackStandIn
) -> None:
    full_with_finn_waiting(driver)

    leaves(driver, slack, BEA.user_id)
    posts = len(slack.calls_to("chat.postMessage"))
    leaves(driver, slack, BEA.user_id)  # another user_change for the same person, a new event id

    told = [texts(slack, person.user_id).count(news("knowledge.news.cancelled")) for person in (ALICE, CHEN, FINN)]
    assert told == [1, 1, 1]
    assert EN["knowledge.announce.cancelled"] in announcement(slack)
    assert JOIN not in announcement(slack)
    assert len(slack.calls_to("chat.postMessage")) == posts


def test_an_erased_hosts_session_is_cancelled_without_naming_them(
    hosted: int, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    full_with_finn_waiting(driver)
    driver.click(DAAN.user_id, JOIN, "1")  # waits too, and reads Dutch

    erases(driver, BEA.user_id)
    erases(driver, BEA.user_id)  # asked again: nothing is found, nobody told twice

    former = EN["privacy.former_participant"]
    told = [texts(slack, p.user_id).count(news("knowledge.news.cancelled", former)) for p in (ALICE, CHEN, FINN)]
    assert told == [1, 1, 1]
    [to_daan] = texts(slack, DAAN.user_id)
    assert NL["privacy.former_participant"] in to_daan
    shown = announcement(slack)
    assert EN["knowledge.announce.cancelled"] in shown
    assert BEA.user_id not in shown
    assert taken(mentorbot) == 2  # a cancelled session's seats stay as they were: it isn't counted as held


def test_a_session_that_has_started_keeps_the_leavers_seat_and_its_count(
    hosted: int, clock: FrozenDateTimeFactory, driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    full_with_finn_waiting(driver)
    before = seats_table(mentorbot.engine)
    clock.move_to(START + hours(0.5))

    leaves(driver, slack, ALICE.user_id)
    leaves(driver, slack, BEA.user_id)

    assert seats_table(mentorbot.engine) == before
    assert taken(mentorbot) == 2
    assert EN["knowledge.announce.cancelled"] not in announcement(slack)
    assert texts(slack, FINN.user_id) == []
