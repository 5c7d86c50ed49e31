"""`/mentor find` never answers from a stale pool: a profile change, a pairing or a departure rebuilds it."""

from __future__ import annotations

import json
from collections.abc import Callable

from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import EN
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from handlers.blocks.handshake import ACCEPT
from tests.factories import ALICE, BEA, DAAN, EVA
from tests.support.handshake import ask, request_id

Profile = Callable[..., None]


def find(driver: SlackDriver, slack: SlackStandIn, user_id: str = ALICE.user_id) -> str:
    """`/mentor find` through the app: its one reply, as JSON text."""
    before = len(slack.calls_to("response_url"))
    driver.command(user_id, "find")
    (reply,) = slack.calls_to("response_url")[before:]
    return json.dumps(reply.args, ensure_ascii=False)


def suggested(answer: str) -> list[str]:
    """The mentors in an answer, in the order shown."""
    blocks = json.loads(answer)["blocks"]
    texts = [block["text"]["text"] for block in blocks if block["type"] == "section"]
    return [text.split("<@")[1].split(">")[0] for text in texts if text.startswith("*<@")]


@freeze_time("2026-11-27 12:00")
def test_a_second_find_with_nothing_changed_uses_the_same_pool(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")

    assert suggested(find(driver, slack)) == [BEA.user_id]
    assert suggested(find(driver, slack)) == [BEA.user_id]
    assert mentorbot.services.pool.builds == 1


@freeze_time("2026-11-27 12:00")
def test_a_changed_profile_is_in_the_next_find(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    profile(ALICE.user_id, goals="presenteren")
    profile(BEA.user_id, role="mentor", skills="Figma", area="Design")
    assert suggested(find(driver, slack)) == []

    profile(BEA.user_id, role="mentor", skills="public speaking, Figma", area="Design")

    answer = find(driver, slack)
    assert suggested(answer) == [BEA.user_id]
    assert (
        EN["match.asked_offered"].format(asked="presenteren", mentor=f"<@{BEA.user_id}>", offered="public speaking")
        in answer
    )
    assert mentorbot.services.pool.builds == 2


@freeze_time("2026-11-27 12:00")
def test_a_mentor_whose_last_place_was_just_taken_is_not_suggested(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(EVA.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python", capacity="1")
    profile(DAAN.user_id, role="mentor", skills="Python", capacity="1")
    assert suggested(find(driver, slack)) == [BEA.user_id, DAAN.user_id]

    ask(driver, EVA.user_id, BEA.user_id)
    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    assert suggested(find(driver, slack)) == [DAAN.user_id]


@freeze_time("2026-11-27 12:00")
def test_a_mentor_gone_from_slack_is_not_suggested(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    profile(DAAN.user_id, role="mentor", skills="Python")
    assert suggested(find(driver, slack)) == [BEA.user_id, DAAN.user_id]

    slack.state.users[BEA.user_id] |= {"deleted": True}
    driver.event({"type": "user_change", "user": {"id": BEA.user_id, "deleted": True}})

    assert suggested(find(driver, slack)) == [DAAN.user_id]


@freeze_time("2026-11-27 12:00")
def test_a_mentor_who_pauses_their_profile_is_not_suggested(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    assert suggested(find(driver, slack)) == [BEA.user_id]

    profile(BEA.user_id, role="mentor", skills="Python", available="paused")

    assert suggested(find(driver, slack)) == []
