"""Modal submissions: read, check, save, and answer inline."""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
from bot.i18n import Language, Translator
from bot.pairings import MAX_NOTE, MAX_REASON
from bot.profiles import check_profile
from bot.services import Services
from handlers.blocks.handshake import (
    DECLINE_CALLBACK,
    REQUEST_CALLBACK,
    TEXT_BLOCK,
    asked_text,
    declined_text,
    notice_modal,
    read_text,
)
from handlers.blocks.profile import CALLBACK_ID, read_profile_form, saved_modal
from storage.db import DatabaseBusyError

log = logging.getLogger(__name__)

Submitted = Callable[[Ack, dict[str, Any], dict[str, Any], Services], None]


def busy_means_try_again(listener: Submitted) -> Submitted:
    """A dialog whose save met a busy database stays open, saying so on its first field: nothing was saved,
    and what the person typed is still there for a second try."""

    @functools.wraps(listener)
    def answered(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
        try:
            listener(ack, body, view, services)
        except DatabaseBusyError:
            log.warning("a dialog met a busy database; its person was asked to try again")
            t = _translator_if_possible(services, body["user"]["id"])
            ack(response_action="errors", errors={_first_field(view): t("error.busy")})

    return answered


def _translator_if_possible(services: Services, user_id: str) -> Translator:
    try:
        return services.people.cached_translator_for(user_id)
    except DatabaseBusyError:  # the language is in the database too
        return Translator(Language.EN)


def _first_field(view: dict[str, Any]) -> str:
    """The dialog's first input, where Slack shows the error (its blocks, or the fields it sent back, in order)."""
    fields = [block.get("block_id") for block in view.get("blocks") or [] if block.get("type") == "input"]
    fields += list((view.get("state") or {}).get("values") or {})
    return str(next((field for field in fields if field), TEXT_BLOCK))


def profile_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    form = read_profile_form(view["state"]["values"])
    profile, errors = check_profile(form, services.settings.function_areas)
    if profile is None:
        ack(response_action="errors", errors={field: t(key) for field, key in errors.items()})
        return
    services.profiles.save(user_id, profile)
    ack(response_action="update", view=saved_modal(t))


def request_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    note = _typed(ack, view, MAX_NOTE, t("request.error.too_long"))
    if note is None:
        return
    mentor_id = slack_ids.user_id(view.get("private_metadata"))
    if mentor_id is None:
        ack(response_action="update", view=notice_modal(t, "request.title", t("payload.bad_dialog")))
        return
    result = services.pairings.ask(user_id, mentor_id, note)
    ack(response_action="update", view=notice_modal(t, "request.title", asked_text(t, result, mentor_id)))


def decline_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    reason = _typed(ack, view, MAX_REASON, t("decline.error.too_long"))
    if reason is None:
        return
    request_id = slack_ids.request_id(view.get("private_metadata"))
    if request_id is None:
        ack(response_action="update", view=notice_modal(t, "decline.title", t("payload.bad_dialog")))
        return
    result = services.pairings.decline(request_id, user_id, reason)
    ack(response_action="update", view=notice_modal(t, "decline.title", declined_text(t, result)))


def _typed(ack: Ack, view: dict[str, Any], limit: int, too_long: str) -> str | None:
    """The dialog's one text, or None once an inline error has been answered."""
    text = read_text(view["state"]["values"])
    if len(text.strip()) > limit:
        ack(response_action="errors", errors={TEXT_BLOCK: too_long})
        return None
    return text


def register(app: App) -> None:
    app.view(CALLBACK_ID)(busy_means_try_again(profile_submitted))
    app.view(REQUEST_CALLBACK)(busy_means_try_again(request_submitted))
    app.view(DECLINE_CALLBACK)(busy_means_try_again(decline_submitted))
