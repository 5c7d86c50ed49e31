"""Evaluations: the button that opens the form, and the form's submission."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
from bot.evaluations import Outcome, Result
from bot.i18n import Phrase, Translator, Who
from bot.services import Services
from handlers.blocks.common import mention, say
from handlers.blocks.evaluations import CALLBACK, COMMENT_BLOCK, OPEN, SCORE_BLOCKS, form, read_answers
from handlers.blocks.handshake import notice_modal
from handlers.dialogs import register_view
from handlers.replies import answer_privately, open_dialog, pairing_period_of

WHY_NOT = {
    Outcome.ALREADY: "evaluation.already",
    Outcome.ENDED: "checkin.ended",
    Outcome.NOT_YET: "evaluation.not_yet",
    Outcome.NOT_YOURS: "checkin.not_yours",
}
DONE = {
    Outcome.KEPT: "evaluation.done",
    Outcome.CONTINUES: "evaluation.done.continues",
    Outcome.CLOSED: "evaluation.done.closed",
}


def open_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id = body["user"]["id"]
    ref = pairing_period_of(services, body, action.get("value"))
    if ref is None:
        return
    checked = services.evaluations.check(ref[0], ref[1], user_id)
    if checked.outcome is not Outcome.KEPT:
        answer_privately(services, body, _why_not(checked))
        return
    min_group = services.settings.feedback_min_group
    open_dialog(services, body, lambda t: form(t, *ref, min_group))


def submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    ref = slack_ids.pairing_period(view.get("private_metadata"))
    if ref is None:
        ack(response_action="update", view=notice_modal(t, "evaluation.title", t("payload.bad_dialog")))
        return
    answers = read_answers(view["state"]["values"])
    if len(answers.comment.strip()) > 1000:
        ack(response_action="errors", errors={COMMENT_BLOCK: t("checkin.met.error.too_long")})
        return
    result = services.evaluations.submit(ref[0], ref[1], user_id, answers)
    if result.outcome is Outcome.INVALID:
        ack(response_action="errors", errors={name: t("evaluation.error.score") for name in SCORE_BLOCKS})
        return
    text = _text(t, result)
    ack(response_action="update", view=notice_modal(t, "evaluation.title", text))


def _text(t: Translator, result: Result) -> str:
    if result.outcome in DONE:
        return t(DONE[result.outcome], other=mention(result.other_id))
    return say(t, _why_not(result))


def _why_not(result: Result) -> Phrase:
    return Phrase(WHY_NOT.get(result.outcome, "checkin.not_found"), {"other": Who(result.other_id)})


def register(app: App) -> None:
    app.action(OPEN)(open_clicked)
    register_view(app, CALLBACK, submitted)
