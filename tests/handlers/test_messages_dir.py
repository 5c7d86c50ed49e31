"""HR's own wording (MESSAGES_DIR): a single entry reworded reaches people, everything else stays as shipped."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from bot.i18n import EN, NL
from bot.runtime.settings import Settings
from bot.standin.driver import SlackDriver
from bot.standin.server import SlackStandIn
from tests.factories import ALICE, DAAN

HR_TITLE = "*Mentorbot* zoekt samen met je een mentor."


@pytest.fixture
def settings(settings: Settings, tmp_path: Path) -> Settings:
    """The suite's settings, with HR's own Dutch title in a MESSAGES_DIR."""
    messages = tmp_path / "messages"
    messages.mkdir()
    (messages / "nl.po").write_text(f'msgid ""\nmsgstr ""\n\nmsgid "help.title"\nmsgstr "{HR_TITLE}"\n')
    return replace(settings, messages_dir=messages)


def test_hrs_own_wording_of_an_entry_is_what_people_read(driver: SlackDriver, slack: SlackStandIn) -> None:
    driver.command(DAAN.user_id, "help")
    driver.command(ALICE.user_id, "help")

    dutch, english = (json.dumps(call.args, ensure_ascii=False) for call in slack.calls_to("response_url"))
    assert HR_TITLE in dutch
    assert NL["help.title"] not in dutch
    assert NL["help.usage"] in dutch  # the entries HR left alone are the shipped ones
    assert EN["help.title"] in english  # and the English was not touched
