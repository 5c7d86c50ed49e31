"""Request, accept, decline: each step once, everyone told in their own language, nothing posted twice."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from bot.app import Mentorbot
from bot.i18n import EN, NL
from bot.standin.driver import HttpResult, SlackDriver
from bot.standin.payloads import text_submission
from bot.standin.server import Call, SlackStandIn
from handlers.blocks.handshake import ACCEPT, ASK, DECLINE, WITHDRAW
from storage.models import Pairing, RequestStatus
from tests.factories import ALICE, BEA, CHEN, EVA, FINN, add_request
from tests.support.handshake import ask, dms_to, request_id, request_id_in
from tests.support.slack import SLACK_TIMEOUT_SECONDS

Profile = Callable[..., None]


@pytest.fixture
def pair(profile: Profile) -> None:
    """Alice wants to learn Python and code review; Bea and Chen mentor it, Bea with one place."""
    profile(ALICE.user_id, goals="Python, code review")
    profile(BEA.user_id, role="mentor", skills="Python, code review", capacity="1")
    profile(CHEN.user_id, role="mentor", skills="Python", area="Data")


def alice_asks_bea(driver: SlackDriver, slack: SlackStandIn) -> str:
    """Alice's request in Bea's DM; its id."""
    ask(driver, ALICE.user_id, BEA.user_id)
    return request_id(slack, BEA.user_id)


def alice_and_finn_ask_bea(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> tuple[str, str]:
    """Two requests for Bea's one place; their ids."""
    profile(FINN.user_id, goals="Python")
    ask(driver, ALICE.user_id, BEA.user_id)
    first = request_id(slack, BEA.user_id)
    ask(driver, FINN.user_id, BEA.user_id)
    return first, request_id(slack, BEA.user_id)


def decline(driver: SlackDriver, mentor: str, request: str, reason: str = "") -> HttpResult:
    driver.click(mentor, DECLINE, request)
    return driver.interaction(text_submission(mentor, "decline", request, reason))


def last_reply(slack: SlackStandIn) -> str:
    """The text of the newest private reply, which Slack must have taken."""
    reply = slack.calls_to("response_url")[-1]
    assert reply.answered_ok
    return str(reply.args["text"])


def text_of(call: Call) -> str:
    return json.dumps(call.args, ensure_ascii=False)


def pairings(mentorbot: Mentorbot) -> int:
    with mentorbot.engine.connect() as connection:
        return int(connection.execute(select(func.count()).select_from(Pairing)).scalar_one())


@pytest.mark.usefixtures("pair")
def test_a_request_reaches_the_mentor_with_goals_note_and_buttons(driver: SlackDriver, slack: SlackStandIn) -> None:
    answer = ask(driver, ALICE.user_id, BEA.user_id, "I review a lot of PRs")

    assert EN["request.intro"].format(mentor=f"<@{BEA.user_id}>") in text_of(slack.calls_to("views.open")[-1])
    assert EN["request.sent"].format(mentor=f"<@{BEA.user_id}>") in json.dumps(answer)
    [dm] = dms_to(slack, BEA.user_id)
    assert dm.answered_ok
    for text in (EN["request.dm"].format(mentee=f"<@{ALICE.user_id}>"), "Python, code review", "I review a lot of PRs"):
        assert text in text_of(dm)
    assert [e["action_id"] for b in dm.args["blocks"] if b["type"] == "actions" for e in b["elements"]] == [
        ACCEPT,
        DECLINE,
    ]


@pytest.mark.usefixtures("pair")
def test_a_note_that_is_too_long_gets_an_inline_error(driver: SlackDriver, slack: SlackStandIn) -> None:
    answer = ask(driver, ALICE.user_id, BEA.user_id, "x" * 301)

    assert answer == {"response_action": "errors", "errors": {"text": EN["request.error.too_long"]}}
    assert dms_to(slack, BEA.user_id) == []


@pytest.mark.usefixtures("pair")
def test_a_second_request_to_the_same_mentor_is_not_sent(driver: SlackDriver, slack: SlackStandIn) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    answer = ask(driver, ALICE.user_id, BEA.user_id)

    assert EN["request.already_pending"].format(mentor=f"<@{BEA.user_id}>") in json.dumps(answer)
    assert len(dms_to(slack, BEA.user_id)) == 1


@pytest.mark.usefixtures("pair")
def test_a_paused_mentor_cannot_be_asked(driver: SlackDriver, slack: SlackStandIn, profile: Profile) -> None:
    profile(BEA.user_id, role="mentor", skills="Python", available="paused")

    answer = ask(driver, ALICE.user_id, BEA.user_id)

    assert EN["request.not_available"].format(mentor=f"<@{BEA.user_id}>") in json.dumps(answer)
    assert dms_to(slack, BEA.user_id) == []


@pytest.mark.usefixtures("pair")
def test_a_request_slack_refused_is_dropped_so_it_can_be_sent_again(driver: SlackDriver, slack: SlackStandIn) -> None:
    slack.fail_next("chat.postMessage", error="channel_not_found")

    ask(driver, ALICE.user_id, BEA.user_id)
    told = dms_to(slack, ALICE.user_id)
    second = ask(driver, ALICE.user_id, BEA.user_id)

    assert [call.args["text"] for call in told] == [EN["request.undelivered"].format(mentor=f"<@{BEA.user_id}>")]
    assert EN["request.sent"].format(mentor=f"<@{BEA.user_id}>") in json.dumps(second)
    assert [call.answered_ok for call in dms_to(slack, BEA.user_id)] == [False, True]


@pytest.mark.usefixtures("pair")
def test_accepting_opens_a_group_dm_of_the_two_with_an_introduction(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    [opened] = slack.calls_to("conversations.open")
    group = opened.args["users"]
    [intro] = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"].startswith("G")]
    assert slack.members_of(intro.args["channel"]) == {ALICE.user_id, BEA.user_id}
    assert set(group.split(",")) == {ALICE.user_id, BEA.user_id}
    for text in (
        EN["intro.agenda.goal"].format(goal="Python"),
        EN["intro.agenda.goal"].format(goal="code review"),
        EN["intro.agenda.rhythm"].format(cadence=EN["cadence.biweekly"]),
        EN["tips.listen"],
    ):
        assert text in text_of(intro)
    assert pairings(mentorbot) == 1


@pytest.mark.usefixtures("pair")
def test_after_accepting_both_are_told_and_the_buttons_are_gone(driver: SlackDriver, slack: SlackStandIn) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    [updated] = slack.calls_to("chat.update")
    assert EN["request.accepted.mentor"].format(mentee=f"<@{ALICE.user_id}>") in text_of(updated)
    assert "actions" not in {block["type"] for block in updated.args["blocks"]}
    told = dms_to(slack, ALICE.user_id)[-1]
    assert told.args["text"] == EN["request.accepted.mentee"].format(mentor=f"<@{BEA.user_id}>")
    assert all(call.answered_ok for call in slack.calls)


@pytest.mark.usefixtures("pair")
def test_accept_clicked_twice_pairs_once_and_says_so(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    request = alice_asks_bea(driver, slack)

    driver.click(BEA.user_id, ACCEPT, request)
    driver.click(BEA.user_id, ACCEPT, request)

    assert pairings(mentorbot) == 1
    assert len(slack.calls_to("conversations.open")) == 1
    assert last_reply(slack) == EN["request.closed.accepted"]


@pytest.mark.usefixtures("pair")
def test_decline_after_accepting_changes_nothing(driver: SlackDriver, slack: SlackStandIn) -> None:
    request = alice_asks_bea(driver, slack)
    driver.click(BEA.user_id, ACCEPT, request)
    dialogs = len(slack.calls_to("views.open"))

    driver.click(BEA.user_id, DECLINE, request)

    assert len(slack.calls_to("views.open")) == dialogs  # no decline dialog
    assert last_reply(slack) == EN["request.closed.accepted"]


@pytest.mark.usefixtures("pair")
def test_a_decline_dialog_sent_after_an_accept_changes_nothing(driver: SlackDriver, slack: SlackStandIn) -> None:
    request = alice_asks_bea(driver, slack)
    driver.click(BEA.user_id, DECLINE, request)  # the dialog opens...
    driver.click(BEA.user_id, ACCEPT, request)  # ...then Bea accepts in the message after all
    told_alice = len(dms_to(slack, ALICE.user_id))

    answer = driver.interaction(text_submission(BEA.user_id, "decline", request))

    assert EN["request.closed.accepted"] in answer.body
    assert len(dms_to(slack, ALICE.user_id)) == told_alice


@pytest.mark.usefixtures("pair")
@pytest.mark.parametrize("status", [RequestStatus.WITHDRAWN, RequestStatus.EXPIRED])
def test_a_click_on_a_withdrawn_or_expired_request_changes_nothing(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, status: RequestStatus
) -> None:
    request = add_request(mentorbot.engine, ALICE.user_id, BEA.user_id, status)

    driver.click(BEA.user_id, ACCEPT, str(request))
    driver.click(BEA.user_id, DECLINE, str(request))

    assert pairings(mentorbot) == 0
    assert slack.calls_to("views.open") == []
    replies = [call.args["text"] for call in slack.calls_to("response_url")]
    assert replies == [EN[f"request.closed.{status.value}"]] * 2


@pytest.mark.usefixtures("pair")
def test_someone_else_cannot_answer_a_request(driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    driver.click(CHEN.user_id, ACCEPT, request_id(slack, BEA.user_id))

    assert pairings(mentorbot) == 0
    assert last_reply(slack) == EN["request.not_yours"]


@pytest.mark.usefixtures("pair")
def test_declining_tells_the_mentee_kindly_without_the_reason_and_shows_the_next(
    driver: SlackDriver, slack: SlackStandIn
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    answer = decline(driver, BEA.user_id, request_id(slack, BEA.user_id), "Secret: too busy with the launch")

    assert EN["decline.done"].format(mentee=f"<@{ALICE.user_id}>") in answer.body
    told = dms_to(slack, ALICE.user_id)[-1]
    assert told.args["text"] == EN["request.declined.mentee"].format(mentor=f"<@{BEA.user_id}>")
    assert EN["request.next"] in text_of(told)
    assert f"<@{CHEN.user_id}>" in text_of(told)
    assert ASK in text_of(told)
    assert not [call for call in slack.calls if "too busy" in text_of(call)]


@pytest.mark.usefixtures("pair")
def test_a_mentor_who_declined_is_never_suggested_again(driver: SlackDriver, slack: SlackStandIn) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)
    decline(driver, BEA.user_id, request_id(slack, BEA.user_id))

    driver.command(ALICE.user_id, "find")

    found = text_of(slack.calls_to("response_url")[-1])
    assert f"<@{CHEN.user_id}>" in found
    assert f"<@{BEA.user_id}>" not in found


@pytest.mark.usefixtures("pair")
def test_accepting_with_no_place_left_tells_the_mentee_kindly_with_others(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    first, second = alice_and_finn_ask_bea(driver, slack, profile)

    driver.click(BEA.user_id, ACCEPT, first)
    driver.click(BEA.user_id, ACCEPT, second)

    assert pairings(mentorbot) == 1
    told = dms_to(slack, FINN.user_id)[-1]
    assert told.args["text"] == EN["request.no_room.mentee"].format(mentor=f"<@{BEA.user_id}>")
    assert f"<@{CHEN.user_id}>" in text_of(told)
    assert EN["request.no_room.mentor"].format(mentee=f"<@{FINN.user_id}>") in text_of(
        slack.calls_to("chat.update")[-1]
    )


@pytest.mark.usefixtures("pair")
def test_two_accepts_at_the_same_moment_for_the_last_place_pair_once(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile, mentorbot: Mentorbot
) -> None:
    first, second = alice_and_finn_ask_bea(driver, slack, profile)
    start = threading.Barrier(2)

    def accept(request: str) -> None:
        start.wait()
        driver.click(BEA.user_id, ACCEPT, request)

    threads = [threading.Thread(target=accept, args=(request,)) for request in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert pairings(mentorbot) == 1
    assert len(slack.calls_to("conversations.open")) == 1
    told = [dms_to(slack, mentee)[-1].args["text"] for mentee in (ALICE.user_id, FINN.user_id)]
    no_room = [EN["request.no_room.mentee"].format(mentor=f"<@{BEA.user_id}>")]
    assert sorted(text == no_room[0] for text in told) == [False, True]


def test_a_dutch_mentor_and_an_english_mentee_each_in_their_own_language(
    driver: SlackDriver, slack: SlackStandIn, profile: Profile
) -> None:
    profile(ALICE.user_id, goals="Python")
    profile(EVA.user_id, role="mentor", skills="Python")
    ask(driver, ALICE.user_id, EVA.user_id)

    driver.click(EVA.user_id, ACCEPT, request_id(slack, EVA.user_id))

    request_dm = dms_to(slack, EVA.user_id)[0]
    assert request_dm.args["text"] == NL["request.dm"].format(mentee=f"<@{ALICE.user_id}>")
    assert NL["request.accept"] in text_of(request_dm)
    assert NL["request.accepted.mentor"].format(mentee=f"<@{ALICE.user_id}>") in text_of(
        slack.calls_to("chat.update")[0]
    )
    assert dms_to(slack, ALICE.user_id)[-1].args["text"] == EN["request.accepted.mentee"].format(
        mentor=f"<@{EVA.user_id}>"
    )
    [intro] = [call for call in slack.calls_to("chat.postMessage") if call.args["channel"].startswith("G")]
    assert EN["intro.title"] in text_of(intro)
    assert NL["intro.title"] in text_of(intro)


@pytest.mark.usefixtures("pair")
def test_once_paired_the_mentees_other_requests_are_withdrawn(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)
    ask(driver, ALICE.user_id, CHEN.user_id)
    to_chen = request_id(slack, CHEN.user_id)

    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))
    driver.click(CHEN.user_id, ACCEPT, to_chen)

    assert pairings(mentorbot) == 1
    [(_, chens_copy)] = slack.messages_in(slack.dm_of(CHEN.user_id))
    assert chens_copy["text"] == EN["request.withdrawn.mentor"].format(mentee=f"<@{ALICE.user_id}>")
    assert last_reply(slack) == EN["request.closed.withdrawn"]


@pytest.mark.usefixtures("pair")
def test_a_request_whose_delivery_slack_did_not_confirm_is_kept_and_answerable(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    slack.hang_next("chat.postMessage", SLACK_TIMEOUT_SECONDS + 0.5)  # posted; the answer never comes in time

    ask(driver, ALICE.user_id, BEA.user_id)
    [(ts, copy)] = slack.messages_in(slack.dm_of(BEA.user_id))
    driver.click(BEA.user_id, ACCEPT, request_id_in(copy), message=(slack.dm_of(BEA.user_id), ts))

    assert dms_to(slack, ALICE.user_id)[0].args["text"] == EN["request.unsure"].format(mentor=f"<@{BEA.user_id}>")
    assert pairings(mentorbot) == 1
    [(_, updated)] = slack.messages_in(slack.dm_of(BEA.user_id))
    assert updated["text"] == EN["request.accepted.mentor"].format(mentee=f"<@{ALICE.user_id}>")


@pytest.mark.usefixtures("pair")
def test_a_decline_reason_that_is_too_long_gets_an_inline_error(driver: SlackDriver, slack: SlackStandIn) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    answer = decline(driver, BEA.user_id, request_id(slack, BEA.user_id), "x" * 501)

    assert answer.json() == {"response_action": "errors", "errors": {"text": EN["decline.error.too_long"]}}
    assert len(dms_to(slack, ALICE.user_id)) == 0


@pytest.mark.usefixtures("pair")
@pytest.mark.parametrize("refused", ["conversations.open", "chat.postMessage"])
def test_when_the_group_dm_or_introduction_fails_both_are_told_to_meet_directly(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, refused: str
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)
    slack.fail_next(refused, error="restricted_action")

    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    no_chat = EN["request.accepted.no_chat"].format(mentor=f"<@{BEA.user_id}>", mentee=f"<@{ALICE.user_id}>")
    assert pairings(mentorbot) == 1
    assert dms_to(slack, ALICE.user_id)[-1].args["text"] == no_chat
    assert no_chat in text_of(slack.calls_to("chat.update")[-1])


@pytest.mark.usefixtures("pair")
def test_a_home_tab_that_cannot_be_built_does_not_hide_the_pairing(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    def broken(user_id: str) -> None:
        raise RuntimeError("the overview query failed")

    monkeypatch.setattr(mentorbot.services.pairings, "overview", broken)

    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    assert pairings(mentorbot) == 1
    assert dms_to(slack, ALICE.user_id)[-1].args["text"] == EN["request.accepted.mentee"].format(
        mentor=f"<@{BEA.user_id}>"
    )
    assert EN["error.generic"] not in [call.args.get("text") for call in slack.calls]  # nobody is told it failed


@pytest.mark.usefixtures("pair")
def test_a_mentee_with_a_mentor_can_neither_find_nor_ask_another(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)
    driver.click(BEA.user_id, ACCEPT, request_id(slack, BEA.user_id))

    driver.command(ALICE.user_id, "find")
    answer = ask(driver, ALICE.user_id, CHEN.user_id)

    assert last_reply(slack) == EN["find.has_mentor"]
    assert EN["find.has_mentor"] in json.dumps(answer)
    assert dms_to(slack, CHEN.user_id) == []
    assert pairings(mentorbot) == 1


@pytest.mark.usefixtures("pair")
def test_a_dialog_that_fails_is_told_by_dm(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object) -> None:
        raise RuntimeError("the database is down")

    monkeypatch.setattr(mentorbot.services.pairings, "ask", broken)
    driver.click(ALICE.user_id, ASK, BEA.user_id)

    driver.interaction(text_submission(ALICE.user_id, "request", BEA.user_id))

    assert [call.args["text"] for call in dms_to(slack, ALICE.user_id)] == [EN["error.generic"]]
    assert dms_to(slack, BEA.user_id) == []


@pytest.mark.usefixtures("pair")
def test_a_withdrawn_request_cannot_be_accepted_or_withdrawn_again(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    request = alice_asks_bea(driver, slack)

    driver.click(ALICE.user_id, WITHDRAW, request, in_home=True)
    alices_home = text_of([c for c in slack.calls_to("views.publish") if c.args["user_id"] == ALICE.user_id][-1])
    driver.click(BEA.user_id, ACCEPT, request)
    driver.click(ALICE.user_id, WITHDRAW, request, in_home=True)

    [(_, beas_copy)] = slack.messages_in(slack.dm_of(BEA.user_id))
    assert beas_copy["text"] == EN["request.withdrawn_by_mentee"].format(mentee=f"<@{ALICE.user_id}>")
    assert WITHDRAW not in alices_home  # the tab, refreshed, is the mentee's feedback
    assert last_reply(slack) == EN["request.closed.withdrawn"]
    assert dms_to(slack, ALICE.user_id)[-1].args["text"] == EN["request.closed.withdrawn"]
    assert pairings(mentorbot) == 0


@pytest.mark.usefixtures("pair")
def test_only_the_mentee_can_withdraw_their_request(driver: SlackDriver, slack: SlackStandIn) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    driver.click(BEA.user_id, WITHDRAW, request_id(slack, BEA.user_id), in_home=True)

    assert dms_to(slack, BEA.user_id)[-1].args["text"] == EN["request.not_yours"]


@pytest.mark.usefixtures("pair")
def test_the_news_of_a_decline_arrives_even_when_the_mentors_cannot_be_shown(
    driver: SlackDriver, slack: SlackStandIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    ask(driver, ALICE.user_id, BEA.user_id)

    def broken(*args: object) -> None:
        raise RuntimeError("a block would not build")

    monkeypatch.setattr("handlers.deliveries.other_mentors_blocks", broken)
    decline(driver, BEA.user_id, request_id(slack, BEA.user_id))

    told = dms_to(slack, ALICE.user_id)[-1]
    assert told.args["text"] == EN["request.declined.mentee"].format(mentor=f"<@{BEA.user_id}>")
    assert told.answered_ok


@pytest.mark.usefixtures("pair")
def test_an_accepted_request_cannot_be_withdrawn(
    driver: SlackDriver, slack: SlackStandIn, mentorbot: Mentorbot
) -> None:
    request = alice_asks_bea(driver, slack)
    driver.click(BEA.user_id, ACCEPT, request)

    driver.click(ALICE.user_id, WITHDRAW, request, in_home=True)

    assert dms_to(slack, ALICE.user_id)[-1].args["text"] == EN["request.closed.accepted"]
    assert pairings(mentorbot) == 1
