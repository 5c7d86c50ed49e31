"""Button clicks: asking a mentor, accepting or declining, and the App Home's two buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.handshake import Notice
from bot.pairings import Answered
from bot.services import Services
from handlers.blocks.common import say
from handlers.blocks.handshake import (
    ACCEPT,
    ASK,
    DECLINE,
    WITHDRAW,
    decline_modal,
    request_modal,
    why_not_notice,
)
from handlers.blocks.home import EDIT_PROFILE, FIND_MENTOR
from handlers.blocks.profile import profile_modal


def ask_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id = body["user"]["id"]
    t = services.people.translator_for(user_id)
    modal = request_modal(t, str(action.get("value") or ""))
    _open(services, body, modal)


def accept_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    request_id = _request_id(action)
    _remember_where(services, body, request_id)
    result = services.pairings.accept(request_id, body["user"]["id"])
    if result.answered not in (Answered.DONE, Answered.NO_ROOM):
        _respond(services, body, why_not_notice(result))


def decline_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    """Open the decline dialog, unless the request can't be answered any more."""
    ack()
    user_id, request_id = body["user"]["id"], _request_id(action)
    _remember_where(services, body, request_id)
    checked = services.pairings.check_answer(request_id, user_id)
    if checked.request is None or checked.answered is not Answered.OPEN:
        _respond(services, body, why_not_notice(checked))
        return
    _open(services, body, decline_modal(services.people.translator_for(user_id), checked.request))


def withdraw_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    result = services.pairings.withdraw(_request_id(action), body["user"]["id"])
    if result.answered is not Answered.DONE:
        _respond(services, body, why_not_notice(result))


def edit_profile_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    ack()
    user_id = body["user"]["id"]
    t = services.people.translator_for(user_id)
    _open(services, body, profile_modal(t, services.settings.function_areas, services.profiles.get(user_id)))


def find_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    """From the App Home, which has no reply of its own: the suggestions arrive in the bot's DM."""
    ack()
    services.courier.suggest(body["user"]["id"])


def _open(services: Services, body: dict[str, Any], view: dict[str, Any]) -> None:
    if not services.messenger.call("views.open", trigger_id=body.get("trigger_id"), view=view).ok:
        _respond(services, body, Notice("error.generic"))


def _remember_where(services: Services, body: dict[str, Any], request_id: int) -> None:
    """A click shows where the mentor's copy is, even when its delivery was never confirmed."""
    container = body.get("container") or {}
    channel, ts = container.get("channel_id"), container.get("message_ts")
    if channel and ts:
        services.pairings.record_copy_location(request_id, body["user"]["id"], str(channel), str(ts))


def _request_id(action: dict[str, Any]) -> int:
    value = str(action.get("value") or "")
    return int(value) if value.isdigit() else 0  # 0 is never a request: "not found"


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
