"""The argument checks Slack's Web API makes, so a test fails where Slack would refuse."""

from __future__ import annotations

from typing import Any

from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

MAX_MESSAGE_TEXT = 40_000
MAX_BLOCKS_IN_MESSAGE = 50
MAX_BLOCKS_IN_VIEW = 100


def message_problem(args: dict[str, Any]) -> str | None:
    """Slack's error code for a message it would refuse, or None."""
    text, blocks = args.get("text"), args.get("blocks")
    if not text and not blocks:
        return "no_text"
    if isinstance(text, str) and len(text) > MAX_MESSAGE_TEXT:
        return "msg_too_long"
    if blocks is not None:
        return blocks_problem(blocks, MAX_BLOCKS_IN_MESSAGE)
    return None


def blocks_problem(blocks: Any, limit: int) -> str | None:
    if not isinstance(blocks, list) or len(blocks) > limit:
        return "invalid_blocks"
    for raw in blocks:
        if not isinstance(raw, dict):
            return "invalid_blocks"
        try:
            block = Block.parse(raw)
            if block is None:
                return "invalid_blocks"
            block.validate_json()
        except (SlackObjectFormationError, TypeError, ValueError, KeyError):
            return "invalid_blocks"
    return None


def view_problem(view: Any, kind: str | None = None) -> str | None:
    if not isinstance(view, dict) or (kind is not None and view.get("type") != kind):
        return "invalid_arguments"
    if view.get("type") not in ("modal", "home"):
        return "invalid_arguments"
    try:
        View(**view).validate_json()
    except (SlackObjectFormationError, TypeError, ValueError, KeyError):
        return "invalid_arguments"
    return blocks_problem(view.get("blocks", []), MAX_BLOCKS_IN_VIEW)
