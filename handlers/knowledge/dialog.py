"""`/mentor session` and its dialog, and the buttons of a session: join, leave, who's coming, cancel.

Each click answers privately (under the message it was clicked in, or by DM from the App Home). A session's id
comes back in a button's value and is checked before use; the host's buttons check the clicker is the host.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
from bot.i18n import Phrase
from bot.knowledge.service import CancelOutcome, JoinOutcome, LeaveOutcome, SessionView
from bot.services import Services
from handlers.dialogs import register_view
from handlers.invocation import Invocation
from handlers.knowledge.blocks import CALLBACK, CANCEL, JOIN, LEAVE, WHO, attendance_modal, offer_modal, read_form
from handlers.replies import answer_privately

log = logging.getLogger(__name__)

JOINED = {
    JoinOutcome.SEATED: "knowledge.joined",
    JoinOutcome.WAITING: "knowledge.waiting",
    JoinOutcome.ALREADY_SEATED: "knowledge.already_seated",
    JoinOutcome.ALREADY_WAITING: "knowledge.already_waiting",
    JoinOutcome.HOST: "knowledge.host_joins",
    JoinOutcome.PAST: "knowledge.past",
    JoinOutcome.CANCELLED: "knowledge.cancelled",
    JoinOutcome.UNKNOWN: "knowledge.unknown",
}
LEFT = {
    LeaveOutcome.LEFT: "knowledge.left",
    LeaveOutcome.LEFT_WAITING_LIST: "knowledge.left_waiting",
    LeaveOutcome.NOT_JOINED: "knowledge.not_joined",
    LeaveOutcome.PAST: "knowledge.past",
    LeaveOutcome.UNKNOWN: "knowledge.unknown",
}
CANCELLED = {
    CancelOutcome.CANCELLED: "knowledge.cancel.done",
    CancelOutcome.ALREADY: "knowledge.cancel.already",
    CancelOutcome.NOT_HOST: "knowledge.not_host",
    CancelOutcome.PAST: "knowledge.past",
    CancelOutcome.UNKNOWN: "knowledge.unknown",
}


def session_command(invocation: Invocation) -> None:
    """`/mentor session`: the dialog, for mentors; anyone else is told how to become one."""
    services, t = invocation.services, invocation.t
    if not services.knowledge.may_host(invocation.user_id):
        invocation.reply(t("knowledge.not_mentor"))
        return
    if not services.messenger.call("views.open", trigger_id=invocation.trigger_id, view=offer_modal(t)).ok:
        invocation.reply(t("error.generic"))
    services.people.who(invocation.user_id)  # the language was taken from the cache: refresh it for next time


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    if not services.knowledge.may_host(user_id):  # a mentor no more since the dialog opened
        ack(response_action="errors", errors={"title": t("knowledge.not_mentor")})
        return
    offered = services.knowledge.offer(user_id, read_form(view["state"]["values"]))
    if offered.errors:
        ack(response_action="errors", errors={field.value: t(key) for field, key in offered.errors.items()})
        return
    ack(response_action="clear")


def _session_of(services: Services, body: dict[str, Any], action: dict[str, Any]) -> int | None:
    session_id = slack_ids.request_id(action.get("value"))
    if session_id is None:
        answer_privately(services, body, Phrase("payload.bad_button"))
    return session_id


def _answer(services: Services, body: dict[str, Any], key: str, session: SessionView | None, **more: object) -> None:
    """A private answer naming the session (its title escaped when said)."""
    values: dict[str, object] = {"title": session.title if session else "", **more}
    answer_privately(services, body, Phrase(key, values))


def join_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    session_id = _session_of(services, body, action)
    if session_id is None:
        return
    joined = services.knowledge.join(session_id, body["user"]["id"])
    _answer(services, body, JOINED[joined.outcome], services.knowledge.view(session_id), place=joined.place)


def leave_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    session_id = _session_of(services, body, action)
    if session_id is None:
        return
    left = services.knowledge.leave(session_id, body["user"]["id"])
    _answer(services, body, LEFT[left], services.knowledge.view(session_id))


def cancel_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    session_id = _session_of(services, body, action)
    if session_id is None:
        return
    outcome = services.knowledge.cancel(session_id, body["user"]["id"])
    if outcome is CancelOutcome.NOT_HOST:
        log.warning("a knowledge session's cancel click refused: the clicker is not its host")
    _answer(services, body, CANCELLED[outcome], services.knowledge.view(session_id))


def who_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    session_id = _session_of(services, body, action)
    if session_id is None:
        return
    user_id = body["user"]["id"]
    attendance = services.knowledge.attendance(session_id, user_id)
    if attendance is None:
        _answer(services, body, "knowledge.not_host", None)
        return
    t = services.people.cached_translator_for(user_id)  # the dialog must open within the trigger's 3 seconds
    if not services.messenger.call(
        "views.open", trigger_id=body.get("trigger_id"), view=attendance_modal(t, attendance)
    ).ok:
        answer_privately(services, body, Phrase("error.generic"))


def register(app: App) -> None:
    register_view(app, CALLBACK, submitted)
    app.action(JOIN)(join_clicked)
    app.action(LEAVE)(leave_clicked)
    app.action(WHO)(who_clicked)
    app.action(CANCEL)(cancel_clicked)
