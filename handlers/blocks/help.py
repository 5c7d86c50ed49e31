"""The help message of `/mentor`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from slack_sdk.models.blocks import ContextBlock, MarkdownTextObject, SectionBlock

from bot.i18n import Translator
from bot.text import clip, escape_code


def help_blocks(t: Translator, subcommands: Sequence[str], not_understood: str | None = None) -> list[dict[str, Any]]:
    lines = [f"• `/mentor {name}`: {t(f'help.cmd.{name}')}" for name in subcommands]
    opening = t("help.title")
    if not_understood is not None:
        opening = t("help.not_understood", text=escape_code(clip(not_understood, 60)))
    blocks = [
        SectionBlock(text=MarkdownTextObject(text=opening)),
        SectionBlock(text=MarkdownTextObject(text=t("help.usage") + "\n" + "\n".join(lines))),
        ContextBlock(elements=[MarkdownTextObject(text=t("help.footer"))]),
    ]
    return [block.to_dict() for block in blocks]
