"""Modal submissions: read, check, save, and answer inline."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
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
from handlers.dialogs import register_view


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
    register_view(app, CALLBACK_ID, profile_submitted)
    register_view(app, REQUEST_CALLBACK, request_submitted)
    register_view(app, DECLINE_CALLBACK, decline_submitted)
