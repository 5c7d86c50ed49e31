"""`/mentor admin match [area]`: HR's preview of a matching round, and its "Send the proposals" button; the two
people's Accept and Decline. Every HR click checks again that the clicker is an HR admin."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App

from bot.admin.access import is_hr_admin
from bot.delivery.letters import Notice
from bot.i18n import Phrase, Who
from bot.rounds.service import ProposalAnswer, SendOutcome
from bot.services import Services
from bot.slack_ids import request_id
from bot.text import escape, unescape
from handlers.blocks.common import say
from handlers.invocation import Invocation
from handlers.replies import answer_privately
from handlers.rounds.blocks import ACCEPT, DECLINE, SEND, answered_proposal, preview_blocks, preview_text

log = logging.getLogger(__name__)

ANSWERED = {
    ProposalAnswer.WAITING: "round.answer.waiting",
    ProposalAnswer.STARTED: "round.answer.started",
    ProposalAnswer.DECLINED: "round.answer.declined",
    ProposalAnswer.NO_ROOM: "round.answer.no_room",
    ProposalAnswer.ALREADY: "round.answer.already",
    ProposalAnswer.CLOSED: "round.answer.closed",
    ProposalAnswer.NOT_YOURS: "payload.bad_button",
    ProposalAnswer.NOT_FOUND: "payload.bad_button",
}


def show_match(invocation: Invocation) -> None:
    """The preview (the admin check is handlers.admin's, on every call): the round planned now, not yet sent."""
    t, services = invocation.t, invocation.services
    typed = unescape(invocation.args).strip()
    area = ""
    if typed:
        known = {name.lower(): name for name in services.settings.function_areas}
        if typed.lower() not in known:
            areas = ", ".join(escape(name) for name in services.settings.function_areas)
            invocation.reply(t("round.area.unknown", areas=areas))
            return
        area = known[typed.lower()]
    preview = services.rounds.preview(invocation.user_id, area)
    invocation.reply(preview_text(t, preview), preview_blocks(t, preview))


def send_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id = body["user"]["id"]
    if not is_hr_admin(services.settings, user_id):
        log.warning("a round's send click refused: the clicker is not an HR admin")  # never its payload
        services.audit.record(user_id, "admin.refused", "round.send")
        answer_privately(services, body, Notice("admin.refused"))
        return
    round_id = request_id(action.get("value"))
    if round_id is None:
        answer_privately(services, body, Notice("payload.bad_button"))
        return
    sent = services.rounds.send(round_id, user_id)
    answer_privately(services, body, _sent_notice(sent.outcome, sent.sent, len(sent.dropped)))


def _sent_notice(outcome: SendOutcome, sent: int, dropped: int) -> Phrase:
    match outcome:
        case SendOutcome.SENT if dropped:
            return Notice("round.sent.dropped", {"count": sent, "dropped": dropped})
        case SendOutcome.SENT:
            return Notice("round.sent", {"count": sent})
        case SendOutcome.ALREADY:
            return Notice("round.sent.already")
        case SendOutcome.BUSY:
            return Notice("round.sent.busy")
        case SendOutcome.NOT_FOUND:  # a preview unsent for a week is deleted (bot.rounds.service.UNSENT_KEPT)
            return Notice("round.sent.gone")


def _answer(body: dict[str, Any], action: dict[str, Any], services: Services, accept: bool) -> None:
    """The answer, then the DM clicked shows what became of it in place of its buttons."""
    proposal_id = request_id(action.get("value"))
    if proposal_id is None:
        answer_privately(services, body, Notice("payload.bad_button"))
        return
    user_id = body["user"]["id"]
    answered, view = services.rounds.answer(proposal_id, user_id, accept)
    response_url = body.get("response_url")
    if view is None or not response_url:
        answer_privately(services, body, Notice(ANSWERED[answered]))
        return
    t = services.people.translator_for(user_id)
    outcome = say(t, Notice(ANSWERED[answered], {"other": Who(view.other(user_id))}))
    services.messenger.reply(response_url, *answered_proposal(t, view, user_id, outcome), replace=True)


def accept_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    _answer(body, action, services, accept=True)


def decline_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    _answer(body, action, services, accept=False)


def register(app: App) -> None:
    app.action(SEND)(send_clicked)
    app.action(ACCEPT)(accept_clicked)
    app.action(DECLINE)(decline_clicked)
