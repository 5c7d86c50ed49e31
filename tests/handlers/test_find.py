"""`/mentor find`: the best mentors with reasons, everyone who must never be suggested, and the pointers."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from freezegun import freeze_time

from bot.app import Mentorbot
from bot.i18n import EN, Language, Translator
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from storage.models import PairingStatus, RequestStatus
from tests.factories import ALICE, BEA, CHEN, EVA, FINN, add_pairing, add_request


def find(driver: SlackDriver, slack: SlackStandIn, user_id: str = ALICE.user_id) -> str:
    before = len(slack.calls_to("response_url"))
    driver.command(user_id, "find")
    replies = slack.calls_to("response_url")[before:]
    assert len(replies) == 1
    assert replies[0].answered_ok
    return json.dumps(replies[0].args, ensure_ascii=False)


def suggested(answer: str) -> list[str]:
    """The mentors in an answer, in the order shown."""
    blocks = json.loads(answer)["blocks"]
    texts = [block["text"]["text"] for block in blocks if block["type"] == "section"]
    return [text.split("<@")[1].split(">")[0] for text in texts if text.startswith("*<@")]


@freeze_time("2026-11-27 12:00")
def test_find_shows_a_fitting_mentor_with_every_reason(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, goals="Python and code reviews")
    profile(BEA.user_id, role="mentor", skills="Python 3, code review, Kubernetes", capacity="2")

    answer = find(driver, slack)

    assert suggested(answer) == [BEA.user_id]
    for reason in (
        EN["match.same_area"].format(area="Engineering"),
        EN["match.shared_topics"].format(topics="Python 3, code review"),
        Translator(Language.EN)("match.room", count=2),
        EN["match.hours_overlap"].format(percent=38),  # New York and London share 3 of 8 hours
    ):
        assert reason in answer
    assert EN["match.same_language"] in answer


@freeze_time("2026-11-27 12:00")
def test_mentors_are_ranked_best_first_and_at_most_three(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, goals="Python, SQL and testing")
    profile(BEA.user_id, role="mentor", skills="Python", area="Data")
    profile(CHEN.user_id, role="mentor", skills="Python, SQL, testing")
    profile(EVA.user_id, role="mentor", skills="leading a team")
    profile(FINN.user_id, role="both", skills="SQL", goals="Go")

    # Eva shares the area but nothing else, a language nor many hours with Alice: fourth, so not shown.
    assert suggested(find(driver, slack)) == [CHEN.user_id, FINN.user_id, BEA.user_id]


def test_a_mentor_outside_the_area_who_shares_nothing_is_not_suggested(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Figma, user research", area="Design")

    answer = find(driver, slack)

    assert suggested(answer) == []
    assert EN["find.none"] in answer
    assert EN["find.none.hints"].replace('"', '\\"') in answer


def test_someone_who_mentors_and_learns_is_never_suggested_to_themselves(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, role="both", skills="Python", goals="Python")

    assert suggested(find(driver, slack)) == []


def test_a_paused_mentor_is_not_suggested(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python", available="paused")

    assert suggested(find(driver, slack)) == []


def test_a_mentor_at_capacity_is_not_suggested_but_one_with_room_is(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None], mentorbot: Mentorbot
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python", capacity="1")
    profile(CHEN.user_id, role="mentor", skills="Python", capacity="2")
    add_pairing(mentorbot.engine, BEA.user_id, EVA.user_id, PairingStatus.PAUSED)
    add_pairing(mentorbot.engine, CHEN.user_id, FINN.user_id)

    answer = find(driver, slack)

    assert suggested(answer) == [CHEN.user_id]
    assert Translator(Language.EN)("match.room", count=1) in answer


@pytest.mark.parametrize("status", list(PairingStatus))
def test_a_mentor_you_are_or_were_paired_with_is_not_suggested(
    driver: SlackDriver,
    slack: SlackStandIn,
    profile: Callable[..., None],
    mentorbot: Mentorbot,
    status: PairingStatus,
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python", capacity="3")
    add_pairing(mentorbot.engine, BEA.user_id, ALICE.user_id, status)

    assert suggested(find(driver, slack)) == []


@pytest.mark.parametrize(
    ("status", "shown"),
    [
        (RequestStatus.DECLINED, False),
        (RequestStatus.PENDING, False),
        (RequestStatus.EXPIRED, False),  # they let it expire: the next suggestion is someone else
        (RequestStatus.WITHDRAWN, True),
    ],
)
def test_a_mentor_who_declined_you_let_your_request_expire_or_has_it_is_not_suggested(
    driver: SlackDriver,
    slack: SlackStandIn,
    profile: Callable[..., None],
    mentorbot: Mentorbot,
    status: RequestStatus,
    shown: bool,
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    add_request(mentorbot.engine, ALICE.user_id, BEA.user_id, status)

    assert suggested(find(driver, slack)) == ([BEA.user_id] if shown else [])


def test_a_decline_to_someone_else_does_not_hide_the_mentor(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None], mentorbot: Mentorbot
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(BEA.user_id, role="mentor", skills="Python")
    add_request(mentorbot.engine, EVA.user_id, BEA.user_id, RequestStatus.DECLINED)

    assert suggested(find(driver, slack)) == [BEA.user_id]


def test_someone_without_a_profile_is_pointed_to_it(driver: SlackDriver, slack: SlackStandIn) -> None:
    answer = find(driver, slack)

    assert json.loads(answer)["text"] == EN["find.no_profile"]


def test_a_mentor_is_told_how_to_look_for_a_mentor_too(
    driver: SlackDriver, slack: SlackStandIn, profile: Callable[..., None]
) -> None:
    profile(BEA.user_id, role="mentor", skills="Python")

    answer = find(driver, slack, BEA.user_id)

    assert json.loads(answer)["text"] == EN["find.not_a_mentee"]
