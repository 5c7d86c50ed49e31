"""Answering a click privately, and opening a dialog in time: done one way on every surface."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bot import slack_ids
from bot.i18n import Phrase, Translator
from bot.services import Services
from handlers.blocks.common import say

Modal = Callable[[Translator], dict[str, Any]]


def answer_privately(services: Services, body: dict[str, Any], phrase: Phrase) -> None:
    """Under the message when Slack gave a response_url; from the App Home (which has none), in a DM."""
    response_url = body.get("response_url")
    user_id = body["user"]["id"]
    if response_url:
        services.messenger.reply(response_url, say(services.people.translator_for(user_id), phrase))
    else:
        services.courier.tell(user_id, phrase)


def open_dialog(services: Services, body: dict[str, Any], modal: Modal) -> None:
    """Open a dialog before its trigger expires (3 s): in the language cached, however old; then refresh it."""
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)
    if not services.messenger.call("views.open", trigger_id=body.get("trigger_id"), view=modal(t)).ok:
        answer_privately(services, body, Phrase("error.generic"))
    services.people.who(user_id)  # asks Slack only if the cache is stale, for the next time


def pairing_period_of(services: Services, body: dict[str, Any], value: object) -> tuple[int, int] | None:
    """A check-in or evaluation button's pairing and period; None, once the clicker is told it is not one of ours."""
    ref = slack_ids.pairing_period(value)
    if ref is None:
        answer_privately(services, body, Phrase("payload.bad_button"))
    return ref
