"""Check-in answers: the buttons on 'did you meet?', its two dialogs, the rhythm menu, `/mentor pause|end`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from slack_bolt import Ack, App

from bot import slack_ids
from bot.checkins.rules import Cadence, local_today, zone_of
from bot.checkins.service import Outcome
from bot.i18n import Phrase, Translator, Who
from bot.services import Services
from handlers.blocks.checkins import (
    CADENCE,
    CADENCES,
    DATE_BLOCK,
    END,
    LATER,
    MET_CALLBACK,
    NOTE_BLOCK,
    PAUSE,
    PAUSE_CALLBACK,
    PROGRESS_BLOCK,
    YES,
    choice_blocks,
    met_modal,
    pause_modal,
    read_date,
    read_note,
    read_progress,
    why_not,
    why_not_phrase,
)
from handlers.blocks.common import mention, say
from handlers.blocks.handshake import notice_modal
from handlers.dialogs import register_view
from handlers.replies import answer_privately, open_dialog, pairing_period_of

Reply = Callable[[Phrase], None]
ReplyBlocks = Callable[[str, list[dict[str, Any]] | None], None]
CADENCE_DONE = {
    Cadence.WEEKLY: "checkin.cadence.done.weekly",
    Cadence.BIWEEKLY: "checkin.cadence.done.biweekly",
    Cadence.MONTHLY: "checkin.cadence.done.monthly",
}
CADENCE_ALREADY = {
    Cadence.WEEKLY: "checkin.already.weekly",
    Cadence.BIWEEKLY: "checkin.already.biweekly",
    Cadence.MONTHLY: "checkin.already.monthly",
}


def yes_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    ref = pairing_period_of(services, body, action.get("value"))
    if ref is None:
        return
    user_id = body["user"]["id"]
    checked = services.checkins.check(ref[0], user_id, ref[1])
    if checked.outcome is not Outcome.DONE:  # someone else's pairing, or a stale question: no empty dialog
        answer_privately(services, body, why_not_phrase(checked))
        return
    today = local_today(services.checkins.now(), zone_of(services.people.cached(user_id).tz))
    note_days = services.settings.note_retention_days
    open_dialog(services, body, lambda t: met_modal(t, ref[0], ref[1], today, note_days))


def later_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    ref = pairing_period_of(services, body, action.get("value"))
    if ref is None:
        return
    user_id = body["user"]["id"]
    answer = services.checkins.remind(ref[0], ref[1], user_id)
    if answer.outcome is Outcome.DONE and answer.when is not None:
        day = answer.when.astimezone(zone_of(services.people.cached(user_id).tz)).date()
        answer_privately(services, body, Phrase("checkin.remind.done", {"date": day.isoformat()}))
    else:
        answer_privately(services, body, why_not_phrase(answer))


def pause_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    ref = pairing_period_of(services, body, action.get("value"))
    if ref is None:
        return
    checked = services.checkins.check(ref[0], body["user"]["id"])  # a pause is the pairing's, whatever the period
    if checked.outcome is not Outcome.DONE:
        answer_privately(services, body, why_not_phrase(checked))
        return
    open_pause(
        services, body["user"]["id"], body.get("trigger_id"), ref[0], lambda p: answer_privately(services, body, p)
    )


def end_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    """The button carries Slack's own confirmation: by the time it arrives, they confirmed."""
    ack()
    ref = pairing_period_of(services, body, action.get("value"))
    if ref is None:
        return
    user_id = body["user"]["id"]
    answer = services.checkins.end(ref[0], user_id)
    done = answer.outcome is Outcome.DONE
    answer_privately(
        services,
        body,
        Phrase("checkin.ended.done", {"other": Who(answer.other_id)}) if done else why_not_phrase(answer),
    )


def cadence_chosen(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    option = action.get("selected_option") or {}
    choice = slack_ids.pairing_choice(option.get("value"), CADENCES)
    if choice is None:
        _reply(services, body, "payload.bad_button")
        return
    user_id, cadence = body["user"]["id"], Cadence(choice[1])
    answer = services.checkins.change_cadence(choice[0], user_id, cadence)
    if answer.outcome is Outcome.DONE:
        answer_privately(services, body, Phrase(CADENCE_DONE[cadence], {"other": Who(answer.other_id)}))
    elif answer.outcome is Outcome.ALREADY:
        answer_privately(services, body, Phrase(CADENCE_ALREADY[cadence]))
    else:
        answer_privately(services, body, why_not_phrase(answer))


def met_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)  # the answer is due within 3 seconds
    ref = slack_ids.pairing_period(view.get("private_metadata"))
    if ref is None:
        ack(response_action="update", view=notice_modal(t, "checkin.met.title", t("payload.bad_dialog")))
        return
    values = view["state"]["values"]
    met_on, note = read_date(values), read_note(values)
    if met_on is None:
        ack(response_action="errors", errors={DATE_BLOCK: t("checkin.date.error.no_such_day")})
        return
    if len(note.strip()) > 1000:
        ack(response_action="errors", errors={NOTE_BLOCK: t("checkin.met.error.too_long")})
        return
    try:
        progress = read_progress(values)
    except ValueError:
        ack(response_action="errors", errors={PROGRESS_BLOCK: t("checkin.met.error.progress")})
        return
    answer = services.checkins.log_meeting(ref[0], ref[1], user_id, met_on, progress, note)
    if answer.outcome is Outcome.INVALID:
        ack(response_action="errors", errors={DATE_BLOCK: t(answer.problem)})
        return
    text = t("checkin.met.done", other=mention(answer.other_id)) if answer.outcome is Outcome.DONE else None
    ack(response_action="update", view=notice_modal(t, "checkin.met.title", text or why_not(t, answer)))


def pause_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], services: Services) -> None:
    user_id = body["user"]["id"]
    t = services.people.cached_translator_for(user_id)
    pairing_id = slack_ids.request_id(view.get("private_metadata"))
    if pairing_id is None:
        ack(response_action="update", view=notice_modal(t, "checkin.pause.title", t("payload.bad_dialog")))
        return
    until = read_date(view["state"]["values"])
    if until is None:
        ack(response_action="errors", errors={DATE_BLOCK: t("checkin.date.error.no_such_day")})
        return
    answer = services.checkins.pause(pairing_id, user_id, until)
    if answer.outcome is Outcome.INVALID:
        ack(response_action="errors", errors={DATE_BLOCK: t(answer.problem)})
        return
    done = answer.outcome is Outcome.DONE
    text = t("checkin.paused.done", until=until.isoformat(), other=mention(answer.other_id)) if done else None
    ack(response_action="update", view=notice_modal(t, "checkin.pause.title", text or why_not(t, answer)))


# -- `/mentor pause` and `/mentor end` (handlers/commands.py hands them over) ---------------------------


def pause_command(services: Services, user_id: str, t: Translator, trigger_id: str, reply: ReplyBlocks) -> None:
    """One pairing under way: its pause dialog; several: a choice."""
    rhythms = [r for r in services.checkins.rhythms_of(user_id) if r.paused_until is None]
    if not rhythms:
        reply(t("checkin.none"), None)
    elif len(rhythms) == 1:
        open_pause(services, user_id, trigger_id, rhythms[0].pairing_id, lambda p: reply(say(t, p), None))
    else:
        reply(t("checkin.choose.pause"), choice_blocks(t, "checkin.choose.pause", rhythms, PAUSE))


def end_command(services: Services, user_id: str, t: Translator, reply: ReplyBlocks) -> None:
    """Always through a button with Slack's confirmation: a mentorship never ends on a typo."""
    rhythms = services.checkins.rhythms_of(user_id)
    if not rhythms:
        reply(t("checkin.none"), None)
        return
    reply(t("checkin.choose.end"), choice_blocks(t, "checkin.choose.end", rhythms, END))


def open_pause(services: Services, user_id: str, trigger_id: object, pairing_id: int, reply: Reply) -> None:
    t = services.people.cached_translator_for(user_id)
    today = local_today(services.checkins.now(), zone_of(services.people.cached(user_id).tz))
    modal = pause_modal(t, pairing_id, today + timedelta(days=7))
    if not services.messenger.call("views.open", trigger_id=trigger_id, view=modal).ok:
        reply(Phrase("error.generic"))


# -- answering the clicker ----------------------------------------------------------------------------


def _reply(services: Services, body: dict[str, Any], key: str) -> None:
    answer_privately(services, body, Phrase(key))


def register(app: App) -> None:
    app.action(YES)(yes_clicked)
    app.action(LATER)(later_clicked)
    app.action(PAUSE)(pause_clicked)
    app.action(END)(end_clicked)
    app.action(CADENCE)(cadence_chosen)
    register_view(app, MET_CALLBACK, met_submitted)
    register_view(app, PAUSE_CALLBACK, pause_submitted)
