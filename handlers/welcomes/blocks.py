"""The welcome a new joiner gets, and the mentee profile its buddy button starts them with."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, HeaderBlock

from bot.i18n import Translator
from bot.profiles import DEFAULT_CAPACITY, ProfileData, Role
from handlers.blocks.common import as_dicts, context, mention, section

FIND_BUDDY = "welcome.buddy"  # the button's action
BUDDY_PROFILE = "welcome.profile"  # the profile dialog the button opens: saving it sends their suggestions


def welcome_message(t: Translator, user_id: str) -> tuple[str, list[dict[str, Any]]]:
    """What the mentoring programme is, and one click to a mentor who helps them settle in."""
    blocks = [
        HeaderBlock(text=t("welcome.title")),
        section(t("welcome.hello", person=mention(user_id, t))),
        section(t("welcome.programme")),
        section(t("welcome.buddy.offer")),
        ActionsBlock(
            block_id="welcome",
            elements=[ButtonElement(text=t("welcome.buddy.button"), action_id=FIND_BUDDY, style="primary")],
        ),
        context(t("welcome.privacy")),
    ]
    return t("welcome.text"), as_dicts(blocks)


def buddy_draft(t: Translator) -> ProfileData:
    """A mentee who wants to settle in: the area is theirs to choose, everything else theirs to change."""
    return ProfileData(Role.MENTEE, "", "", t("welcome.buddy.goal"), DEFAULT_CAPACITY, True)
