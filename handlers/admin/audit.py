"""`/mentor admin audit`: the newest rows of the audit trail, privately to an HR admin."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.audit.trail import SHOWN, SYSTEM, Entry
from bot.i18n import Translator
from handlers.blocks.common import as_dicts, context, local_date, mention, section
from handlers.invocation import Invocation

PER_SECTION = 10  # lines per section: a section's text stays well under Slack's 3000 characters


def audit_blocks(t: Translator, entries: Sequence[Entry]) -> list[dict[str, Any]]:
    if not entries:
        return as_dicts([section(t("admin.audit.none"))])
    lines = [_line(t, entry) for entry in entries]
    chunks = [lines[i : i + PER_SECTION] for i in range(0, len(lines), PER_SECTION)]
    return as_dicts(
        [section(t("admin.audit.title", count=len(entries)))]
        + [section("\n".join(chunk)) for chunk in chunks]
        + [context(t("admin.audit.footer"))]
    )


def _line(t: Translator, entry: Entry) -> str:
    # Actions and details are words the bot chose, never typed text: shown as code, as they are stored.
    actor = t("admin.audit.system") if entry.actor == SYSTEM else mention(entry.actor, t)
    detail = f" `{entry.detail}`" if entry.detail else ""
    return f"• {local_date(entry.at)} {entry.at:%H:%M} UTC, {actor}: `{entry.action}`{detail}"


def show_audit(invocation: Invocation) -> None:
    t = invocation.t
    entries = invocation.services.audit.latest(SHOWN)
    invocation.reply(t("admin.audit.title", count=len(entries)), audit_blocks(t, entries))
