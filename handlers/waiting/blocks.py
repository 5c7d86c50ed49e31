"""The waiting mentee's notice: the mentor who fits, why (as `/mentor find` shows it), ask in one click, or stop."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement

from bot.i18n import Translator
from bot.matching import Suggestion
from handlers.blocks.common import as_dicts, context, mention, section
from handlers.blocks.suggestions import suggestion_blocks

STOP = "waiting.stop"  # "Don't tell me about new mentors"
RESUME = "waiting.resume"  # "Tell me again", under the answer to STOP


def notice_text(t: Translator, suggestion: Suggestion) -> str:
    return t("waiting.text", mentor=mention(suggestion.mentor.user_id))


def notice_blocks(t: Translator, suggestion: Suggestion) -> list[dict[str, Any]]:
    """The news, the mentor as find shows them (their Request button opens find's request dialog), and the way out."""
    stop = ButtonElement(text=t("waiting.stop"), action_id=STOP, value="stop")
    blocks: list[Block] = [
        section(t("waiting.intro")),
        *suggestion_blocks(t, suggestion),
        context(t("waiting.privacy", mentor=mention(suggestion.mentor.user_id))),
        ActionsBlock(elements=[stop]),
    ]
    return as_dicts(blocks)


def stopped_blocks(t: Translator) -> list[dict[str, Any]]:
    resume = ButtonElement(text=t("waiting.resume"), action_id=RESUME, value="resume")
    return as_dicts([section(t("waiting.stopped")), ActionsBlock(elements=[resume])])
