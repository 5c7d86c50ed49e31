"""Button clicks: asking a mentor, accepting or declining, and the App Home's two buttons."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
from bot.delivery.letters import Notice
from bot.pairings import Answered
from bot.services import Services
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
from handlers.replies import answer_privately, open_dialog


def ask_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    mentor_id = slack_ids.user_id(action.get("value"))
    if mentor_id is None:
        open_dialog(services, body, lambda t: notice_modal(t, "request.title", t("payload.bad_button")))
        return
    open_dialog(services, body, lambda t: request_modal(t, mentor_id))


def accept_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id, request_id = body["user"]["id"], slack_ids.request_id(action.get("value"))
    if request_id is None:
        _bad_button(services, body)
        return
    _remember_where(services, body, request_id)
    result = services.pairings.accept(request_id, user_id)
    if result.answered not in (Answered.DONE, Answered.NO_ROOM):
        answer_privately(services, body, why_not_notice(result))


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
        answer_privately(services, body, why_not_notice(checked))
        return
    open_dialog(services, body, lambda t: decline_modal(t, request))


def withdraw_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id, request_id = body["user"]["id"], slack_ids.request_id(action.get("value"))
    if request_id is None:
        _bad_button(services, body)
        return
    result = services.pairings.withdraw(request_id, user_id)
    if result.answered is not Answered.DONE:
        answer_privately(services, body, why_not_notice(result))


def edit_profile_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    ack()
    existing = services.profiles.get(body["user"]["id"])
    open_dialog(services, body, lambda t: profile_modal(t, services.settings.function_areas, existing))


def find_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    """From the App Home, which has no reply of its own: the suggestions arrive in the bot's DM."""
    ack()
    services.courier.suggest(body["user"]["id"])


def _bad_button(services: Services, body: dict[str, Any]) -> None:
    answer_privately(services, body, Notice("payload.bad_button"))


def _remember_where(services: Services, body: dict[str, Any], request_id: int) -> None:
    """A mentor's click shows where their copy is, even when its delivery was never confirmed.

    Only the mentor's: recorded from anyone else's click, an update meant for the mentor would land there.
    """
    container = body.get("container") or {}
    channel, ts = slack_ids.channel_id(container.get("channel_id")), slack_ids.message_ts(container.get("message_ts"))
    if channel and ts:
        services.pairings.record_copy_location(request_id, body["user"]["id"], channel, ts)


def register(app: App) -> None:
    app.action(ASK)(ask_clicked)
    app.action(ACCEPT)(accept_clicked)
    app.action(DECLINE)(decline_clicked)
    app.action(WITHDRAW)(withdraw_clicked)
    app.action(EDIT_PROFILE)(edit_profile_clicked)
    app.action(FIND_MENTOR)(find_clicked)
