"""The answer to `/mentor find`: suggested mentors with their reasons, or what to do instead."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import Block, ButtonElement

from bot.eligibility import Ineligible
from bot.i18n import Translator
from bot.matching import Suggestion
from bot.suggestions import FindOutcome, FindResult
from bot.text import escape, escape_within
from handlers.blocks.common import as_dicts, context, mention, say, section
from handlers.blocks.handshake import ASK, INELIGIBLE

SKILLS_SHOWN = 200  # enough to recognise someone by; the full text is in their profile


def find_text(t: Translator, result: FindResult) -> str:
    """The notification text: what the blocks say, in one line."""
    if isinstance(result.outcome, Ineligible):
        return t(INELIGIBLE[result.outcome])
    return t("find.title" if result.outcome is FindOutcome.FOUND else "find.none")


def find_blocks(t: Translator, result: FindResult) -> list[dict[str, Any]]:
    blocks: list[Block] = [section(find_text(t, result))]
    if result.outcome is FindOutcome.FOUND:
        for suggestion in result.suggestions:
            blocks += suggestion_blocks(t, suggestion)
        blocks.append(context(t("find.footer")))
    elif result.outcome is FindOutcome.NONE_FOUND:
        blocks.append(section(t("find.none.hints")))
    return as_dicts(blocks)


def suggestion_blocks(t: Translator, suggestion: Suggestion) -> list[Block]:
    mentor = suggestion.mentor
    skills = t("find.skills", skills=escape_within(mentor.skills_text, SKILLS_SHOWN))
    reasons = "\n".join(f"• {say(t, reason)}" for reason in suggestion.reasons)
    ask = ButtonElement(text=t("find.request"), action_id=ASK, value=mentor.user_id)
    return [
        section(f"*{mention(mentor.user_id)}* · {escape(mentor.function_area)}", accessory=ask),
        context(f"{skills}\n{reasons}"),
    ]


def other_mentors_blocks(t: Translator, headline: str, result: FindResult) -> list[dict[str, Any]]:
    """After a decline or a full mentor: the news, kindly, then who else could fit."""
    blocks: list[Block] = [section(headline)]
    if result.outcome is FindOutcome.FOUND:
        more = "request.next" if len(result.suggestions) == 1 else "request.others"
        blocks.append(section(t(more)))
        for suggestion in result.suggestions:
            blocks += suggestion_blocks(t, suggestion)
    else:
        blocks.append(section(t("find.none") + " " + t("find.none.hints")))
    return as_dicts(blocks)
