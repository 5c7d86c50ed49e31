"""The feedback dialog: opened by `/mentor feedback` or a button (App Home, an evaluation's invitation), and sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot.feedback.rules import Field
from bot.i18n import Translator
from bot.services import Services
from handlers.dialogs import register_view
from handlers.feedback.blocks import CALLBACK, OPEN, feedback_modal, read_form, thanks_modal
from handlers.replies import open_dialog

Reply = Callable[[str, list[dict[str, Any]] | None], None]


def feedback_command(services: Services, user_id: str, t: Translator, trigger_id: str, reply: Reply) -> None:
    """`/mentor feedback`: the dialog, in the language cached (it must open within the trigger's 3 seconds)."""
    modal = feedback_modal(t, services.feedback.offer(user_id))
    if not services.messenger.call("views.open", trigger_id=trigger_id, view=modal).ok:
        reply(t("error.generic"), None)
    services.people.who(user_id)  # the language was taken from the cache: refresh it for next time


def open_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    ack()
    offer = services.feedback.offer(body["user"]["id"])
    open_dialog(services, body, lambda t: feedback_modal(t, offer))


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    given = services.feedback.give(user_id, read_form(view["state"]["values"]))
    if given.errors:
        shown = _fields_shown(view)
        errors = {
            (field if field in shown or not shown else Field.TOPIC).value: t(key) for field, key in given.errors.items()
        }
        ack(response_action="errors", errors=errors)
        return
    ack(response_action="update", view=thanks_modal(t, given.outcome))


def _fields_shown(view: dict[str, Any]) -> set[str]:
    """The dialog's inputs: a problem with one it didn't show (a box HR's settings took away since) goes under
    the first, as Slack shows errors only under fields it has."""
    return {str(block.get("block_id")) for block in view.get("blocks") or [] if block.get("type") == "input"}


def register(app: App) -> None:
    app.action(OPEN)(open_clicked)
    register_view(app, CALLBACK, submitted)
