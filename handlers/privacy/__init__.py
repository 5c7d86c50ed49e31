"""`/mentor privacy …`: a person's own data, exported to them by DM or erased after a confirmation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App

from bot.services import Services
from bot.text import unescape
from handlers.blocks.help import privacy_help_blocks
from handlers.invocation import Invocation, Subcommand
from handlers.privacy.blocks import DELETE, delete_confirmation


def export(invocation: Invocation) -> None:
    """Answered at once; the file is built and sent by DM through the outbox (handlers/privacy/deliveries.py)."""
    asked = invocation.services.privacy.ask_export(invocation.user_id)
    t = invocation.t
    invocation.reply(t("privacy.export.queued") if asked.queued else t("privacy.export.already"))


def delete(invocation: Invocation) -> None:
    """Nothing is erased yet: the answer says exactly what would go, with the button that erases it."""
    t = invocation.t
    invocation.reply(t("privacy.delete.title"), delete_confirmation(t))


def delete_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    """Erase the clicker's own data (whoever clicks: the button erases nothing of anyone else's)."""
    ack()
    user_id = body["user"]["id"]
    t = services.people.translator_for(user_id)  # before: the erasure takes their cached language with it
    erased = services.privacy.erase(user_id)
    answer = t("privacy.delete.done") if erased.found else t("privacy.delete.nothing")
    response_url = body.get("response_url")
    if response_url:
        services.messenger.reply(response_url, answer)


# In the order the help lists them; each has a line in handlers.blocks.help.LINES as "privacy <name>".
PRIVACY_SUBCOMMANDS: dict[str, Subcommand] = {
    "export": export,
    "delete": delete,
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


def register(app: App) -> None:
    app.action(DELETE)(delete_clicked)
