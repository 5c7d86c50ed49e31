"""The privacy messages: what a deletion erases, asked before it happens."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject, PlainTextObject

from bot.i18n import Translator
from handlers.blocks.common import as_dicts, context, section

DELETE = "privacy.delete"  # the button that erases the clicker's own data (its value says nothing)


def delete_confirmation(t: Translator) -> list[dict[str, Any]]:
    """Exactly what goes and what stays, with one red button (and Slack's own "are you sure?")."""
    confirm = ConfirmObject(
        title=t("privacy.delete.confirm.title"),
        text=PlainTextObject(text=t("privacy.delete.confirm.text")),
        confirm=t("privacy.delete.confirm.yes"),
        deny=t("privacy.delete.confirm.no"),
        style="danger",
    )
    button = ButtonElement(
        text=t("privacy.delete.button"), action_id=DELETE, value="me", style="danger", confirm=confirm
    )
    return as_dicts(
        [
            section(t("privacy.delete.what_goes")),
            section(t("privacy.delete.what_stays")),
            ActionsBlock(elements=[button]),
            context(t("privacy.delete.export_first")),
        ]
    )
