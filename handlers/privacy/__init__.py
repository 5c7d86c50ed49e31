"""`/mentor privacy …`: a person's own data, exported to them by DM or erased after a confirmation."""

from __future__ import annotations

from dataclasses import replace

from bot.text import unescape
from handlers.blocks.help import privacy_help_blocks
from handlers.invocation import Invocation, Subcommand


def export(invocation: Invocation) -> None:
    """Answered at once; the file is built and sent by DM through the outbox (handlers/privacy/deliveries.py)."""
    asked = invocation.services.privacy.ask_export(invocation.user_id)
    t = invocation.t
    invocation.reply(t("privacy.export.queued") if asked.queued else t("privacy.export.already"))


# In the order the help lists them; each has a line in handlers.blocks.help.LINES as "privacy <name>".
PRIVACY_SUBCOMMANDS: dict[str, Subcommand] = {
    "export": export,
}
LISTED = [f"privacy {name}" for name in PRIVACY_SUBCOMMANDS]


def privacy_command(invocation: Invocation) -> None:
    word, _, rest = invocation.args.partition(" ")
    subcommand = PRIVACY_SUBCOMMANDS.get(word.lower())
    if subcommand is None:
        t = invocation.t
        typed = unescape(invocation.args).strip() or None
        invocation.reply(t("privacy.help.title"), privacy_help_blocks(t, LISTED, typed))
        return
    subcommand(replace(invocation, args=rest.strip()))
