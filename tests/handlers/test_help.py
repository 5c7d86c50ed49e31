"""`/mentor help`, bare `/mentor` and unknown subcommands, through signed requests to the real app."""

from __future__ import annotations

import json

from bot.i18n import EN, NL
from bot.standin.driver import SlackDriver
from bot.standin.server import Call, SlackStandIn
from tests.factories import ALICE, DAAN, HOSTILE


def reply_text(call: Call) -> str:
    return json.dumps(call.args.get("blocks"), ensure_ascii=False)


def only_reply(slack: SlackStandIn) -> Call:
    replies = slack.calls_to("response_url")
    assert len(replies) == 1
    assert replies[0].answered_ok
    return replies[0]


def test_help_is_answered_privately_with_the_subcommands(driver: SlackDriver, slack: SlackStandIn) -> None:
    result = driver.command(ALICE.user_id, "help")

    assert result.status == 200
    reply = only_reply(slack)
    assert reply.args["response_type"] == "ephemeral"
    assert "`/mentor help`" in reply_text(reply)
    assert EN["help.cmd.help"] in reply_text(reply)


def test_bare_mentor_shows_the_help(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "")

    assert EN["help.title"] in reply_text(only_reply(slack))


def test_unknown_subcommand_gets_help_naming_what_was_not_understood(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "teleport now")

    text = reply_text(only_reply(slack))
    assert EN["help.not_understood"].format(text="teleport now") in text
    assert "`/mentor help`" in text


def test_dutch_person_gets_the_help_in_dutch(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "help")

    text = reply_text(only_reply(slack))
    assert NL["help.title"] in text
    assert EN["help.title"] not in text


def test_dutch_person_is_told_in_dutch_what_was_not_understood(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "koffie")

    assert NL["help.not_understood"].format(text="koffie") in reply_text(only_reply(slack))


def test_what_was_typed_is_escaped_in_the_reply(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, " ".join(HOSTILE))

    text = reply_text(only_reply(slack))
    for hostile in HOSTILE:
        assert hostile not in text
    assert "&lt;!channel&gt;" in text


def test_language_is_looked_up_once_and_then_cached(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "help")
    driver.command(DAAN.user_id, "help")

    lookups = slack.calls_to("users.info")
    assert len(lookups) == 1
    assert lookups[0].args["include_locale"] in (True, "true", "1")


def test_person_unknown_to_slack_gets_the_help_in_english(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command("UNOBODY", "help")

    assert [call.answered_ok for call in slack.calls_to("users.info")] == [False]
    assert EN["help.title"] in reply_text(only_reply(slack))


def test_text_slack_already_escaped_is_not_escaped_twice(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(ALICE.user_id, "&lt;!here&gt; R&amp;D")  # how Slack sends `<!here> R&D`

    text = reply_text(only_reply(slack))
    assert "`&lt;!here&gt; R&amp;D`" in text
    assert "&amp;lt;" not in text
