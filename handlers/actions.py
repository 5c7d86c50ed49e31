"""Button clicks: asking a mentor, accepting or declining, and the App Home's two buttons."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
from bot.handshake import Notice
from bot.i18n import Translator
from bot.pairings import Answered
from bot.services import Services
from handlers.blocks.common import say
from handlers.blocks.handshake import (
    ACCEPT,
    ASK,
    DECLINE,
    WITHDRAW,
    decline_modal,
    notice_modal,
    request_modal,
    why_not_notice,
)
from handlers.blocks.home import EDIT_PROFILE, FIND_MENTOR
from handlers.blocks.profile import profile_modal

Modal = Callable[[Translator], dict[str, Any]]


def ask_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    mentor_id = slack_ids.user_id(action.get("value"))
    if mentor_id is None:
        _open_dialog(services, body, lambda t: notice_modal(t, "request.title", t("payload.bad_button")))
        return
    _open_dialog(services, body, lambda t: request_modal(t, mentor_id))


def accept_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id, request_id = body["user"]["id"], slack_ids.request_id(action.get("value"))
    if request_id is None:
        _bad_button(services, body)
        return
    _remember_where(services, body, request_id)
    result = services.pairings.accept(request_id, user_id)
    if result.answered not in (Answered.DONE, Answered.NO_ROOM):
        _respond(services, body, why_not_notice(result))


def decline_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    """Open the decline dialog, unless the request can't be answered any more."""
    ack()
    user_id, request_id = body["user"]["id"], slack_ids.request_id(action.get("value"))
    if request_id is None:
        _bad_button(services, body)
        return
    _remember_where(services, body, request_id)
    checked = services.pairings.check_answer(request_id, user_id)
    request = checked.request
    if request is None or checked.answered is not Answered.OPEN:
        _respond(services, body, why_not_notice(checked))
        return
    _open_dialog(services, body, lambda t: decline_modal(t, request))


def withdraw_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id, request_id = body["user"]["id"], slack_ids.request_id(action.get("value"))
    if request_id is None:
        _bad_button(services, body)
        return
    result = services.pairings.withdraw(request_id, user_id)
    if result.answered is not Answered.DONE:
        _respond(services, body, why_not_notice(result))


def edit_profile_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    ack()
    existing = services.profiles.get(body["user"]["id"])
    _open_dialog(services, body, lambda t: profile_modal(t, services.settings.function_areas, existing))


def find_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    """From the App Home, which has no reply of its own: the suggestions arrive in the bot's DM."""
    ack()
    services.courier.suggest(body["user"]["id"])


def _open_dialog(services: Services, body: dict[str, Any], modal: Modal) -> None:
    """Open a dialog before its trigger expires (3 s): in the language cached, however old; then refresh it."""
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)
    if not services.messenger.call("views.open", trigger_id=body.get("trigger_id"), view=modal(t)).ok:
        _respond(services, body, Notice("error.generic"))
    services.people.who(user_id)  # asks Slack only if the cache is stale, for the next time


def _bad_button(services: Services, body: dict[str, Any]) -> None:
    _respond(services, body, Notice("payload.bad_button"))


def _remember_where(services: Services, body: dict[str, Any], request_id: int) -> None:
    """A mentor's click shows where their copy is, even when its delivery was never confirmed.

    Only the mentor's: recorded from anyone else's click, an update meant for the mentor would land there.
    """
    container = body.get("container") or {}
    channel, ts = slack_ids.channel_id(container.get("channel_id")), slack_ids.message_ts(container.get("message_ts"))
    if channel and ts:
        services.pairings.record_copy_location(request_id, body["user"]["id"], channel, ts)


def _respond(services: Services, body: dict[str, Any], notice: Notice) -> None:
    """Answer the clicker privately: under the message when Slack gave a response_url, else in a DM."""
    response_url = body.get("response_url")
    user_id = body["user"]["id"]
    if response_url:
        services.messenger.reply(response_url, say(services.people.translator_for(user_id), notice))
    else:
        services.courier.tell(user_id, notice)


def register(app: App) -> None:
    app.action(ASK)(ask_clicked)
    app.action(ACCEPT)(accept_clicked)
    app.action(DECLINE)(decline_clicked)
    app.action(WITHDRAW)(withdraw_clicked)
    app.action(EDIT_PROFILE)(edit_profile_clicked)
    app.action(FIND_MENTOR)(find_clicked)
