"""A Dutch colleague's whole way through, every word of it in Dutch."""

from __future__ import annotations

import json

from freezegun import freeze_time

from bot.i18n import EN, NL, Language, Translator
from bot.standin.driver import SlackDriver
from bot.standin.payloads import profile_submission
from bot.standin.server import SlackStandIn
from tests.factories import DAAN, EVA


@freeze_time("2026-11-27 12:00")
def test_a_dutch_mentee_is_helped_in_dutch_from_help_to_status(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.interaction(profile_submission(EVA.user_id, role="mentor", skills="Python, Kubernetes", capacity="1"))

    driver.command(DAAN.user_id, "help")
    driver.command(DAAN.user_id, "profile")
    saved = driver.interaction(profile_submission(DAAN.user_id, goals="Ik wil Python leren"))
    driver.command(DAAN.user_id, "find")
    driver.command(DAAN.user_id, "status")

    help_reply, found, status = (json.dumps(call.args, ensure_ascii=False) for call in slack.calls_to("response_url"))
    modal = json.dumps(slack.calls_to("views.open")[0].args["view"], ensure_ascii=False)
    assert NL["help.cmd.find"] in help_reply
    assert NL["profile.first_time"] in modal
    assert NL["profile.saved"] in saved.body
    for text in (
        NL["find.title"],
        NL["match.same_area"].format(area="Engineering"),
        NL["match.shared_topics"].format(topics="Python"),
        NL["match.same_language"],
        NL["match.hours_overlap"].format(percent=100),
        Translator(Language.NL)("match.room", count=1),
    ):
        assert text in found
    assert NL["status.goals"].format(goals="Ik wil Python leren") in status
    everything = help_reply + modal + saved.body + found + status
    assert not [key for key in ("help.footer", "find.footer", "status.title") if EN[key] in everything]
