"""`/mentor admin …`: HR's subcommands, with their own table and the HR check on every call."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.admin.access import is_hr_admin
from bot.text import unescape
from handlers.admin.audit import show_audit
from handlers.blocks.help import admin_help_blocks
from handlers.blocks.release import release_blocks, release_text
from handlers.digest.preview import show_digest
from handlers.hrtools.export import ask_export
from handlers.hrtools.stalled import show_stalled
from handlers.hrtools.stats import show_stats
from handlers.invocation import Invocation, Subcommand
from handlers.rounds.preview import show_match

log = logging.getLogger(__name__)


def show_feedback(invocation: Invocation) -> None:
    services, t = invocation.services, invocation.t
    current = services.releases.current()
    k = services.settings.feedback_min_group
    invocation.reply(release_text(t, current), release_blocks(t, current, k))


# In the order the admin help lists them; each has a line in handlers.blocks.help.LINES as "admin <name>".
ADMIN_SUBCOMMANDS: dict[str, Subcommand] = {
    "digest": show_digest,
    "feedback": show_feedback,
    "audit": show_audit,
    "stats": show_stats,
    "export": ask_export,
    "stalled": show_stalled,
    "match": show_match,
}
# What the main help lists to an HR admin.
LISTED = [f"admin {name}" for name in ADMIN_SUBCOMMANDS]


def admin_command(invocation: Invocation) -> None:
    """Every `/mentor admin …` passes here: anyone not in HR_ADMINS is refused, whatever followed."""
    t, audit = invocation.t, invocation.services.audit
    word, _, rest = invocation.args.partition(" ")
    subcommand = ADMIN_SUBCOMMANDS.get(word.lower())
    named = word.lower() if subcommand is not None else "unknown"  # what is recorded: never what they typed
    if not is_hr_admin(invocation.services.settings, invocation.user_id):
        log.info("/mentor admin refused: the caller is not an HR admin")  # never what they typed
        audit.record(invocation.user_id, "admin.refused", named)
        invocation.reply(t("admin.refused"))
        return
    audit.record(invocation.user_id, f"admin.{named}")
    if subcommand is None:
        typed = unescape(invocation.args).strip() or None
        invocation.reply(t("admin.help.title"), admin_help_blocks(t, LISTED, not_understood=typed))
        return
    subcommand(replace(invocation, args=rest.strip()))
