"""The help message of `/mentor`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.i18n import Translator
from bot.text import clip, escape_code
from handlers.blocks.common import as_dicts, context, section

# What each subcommand does, in a line.
LINES = {
    "help": "help.cmd.help",
    "profile": "help.cmd.profile",
    "find": "help.cmd.find",
    "status": "help.cmd.status",
    "pause": "help.cmd.pause",
    "end": "help.cmd.end",
    "feedback": "help.cmd.feedback",
    "session": "help.cmd.session",
    "privacy export": "help.cmd.privacy_export",
    "privacy delete": "help.cmd.privacy_delete",
    "admin digest": "help.cmd.admin_digest",
    "admin feedback": "help.cmd.admin_feedback",
    "admin audit": "help.cmd.admin_audit",
    "admin stats": "help.cmd.admin_stats",
    "admin export": "help.cmd.admin_export",
    "admin stalled": "help.cmd.admin_stalled",
    "admin match": "help.cmd.admin_match",
}


def help_blocks(t: Translator, subcommands: Sequence[str], not_understood: str | None = None) -> list[dict[str, Any]]:
    lines = [f"• `/mentor {name}`: {t(LINES[name])}" for name in subcommands]
    opening = t("help.title")
    if not_understood is not None:
        opening = t("help.not_understood", text=escape_code(clip(not_understood, 60)))
    return as_dicts([section(opening), section(t("help.usage") + "\n" + "\n".join(lines)), context(t("help.footer"))])


def admin_help_blocks(
    t: Translator, subcommands: Sequence[str], not_understood: str | None = None
) -> list[dict[str, Any]]:
    """`/mentor admin` with nothing it knows after it: what an HR admin can type."""
    lines = [f"• `/mentor {name}`: {t(LINES[name])}" for name in subcommands]
    opening = t("admin.help.title")
    if not_understood is not None:
        opening = t("admin.help.not_understood", text=escape_code(clip(not_understood, 60)))
    return as_dicts([section(opening + "\n" + "\n".join(lines))])


def privacy_help_blocks(
    t: Translator, subcommands: Sequence[str], not_understood: str | None = None
) -> list[dict[str, Any]]:
    """`/mentor privacy` with nothing it knows after it: what anyone can do with their own data."""
    lines = [f"• `/mentor {name}`: {t(LINES[name])}" for name in subcommands]
    opening = t("privacy.help.title")
    if not_understood is not None:
        opening = t("privacy.help.not_understood", text=escape_code(clip(not_understood, 60)))
    return as_dicts([section(opening + "\n" + "\n".join(lines))])
