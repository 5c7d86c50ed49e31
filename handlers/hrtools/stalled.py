"""`/mentor admin stalled`: the stalled pairings, each with "Message both kindly" and "End kindly"; the digest's
stalled section has a button that shows the same list, privately to the HR admin who clicks it.

Every click checks again that the clicker is an HR admin: a forged click changes nothing, is recorded in the
audit trail as refused, and is logged without its payload.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.models.blocks import ActionsBlock, Block, ButtonElement, ConfirmObject, PlainTextObject

from bot.admin.access import is_hr_admin
from bot.delivery.letters import Notice
from bot.digest.figures import StalledPairing
from bot.hrtools.service import Nudge, Stalled
from bot.i18n import Translator
from bot.services import Services
from bot.slack_ids import request_id
from handlers.blocks.common import as_dicts, context, local_date, mention, section
from handlers.invocation import Invocation
from handlers.replies import answer_privately

log = logging.getLogger(__name__)

NUDGE = "hrtools.stalled.nudge"
END = "hrtools.stalled.end"
OPEN = "hrtools.stalled.open"  # the digest's button
NUDGED = {
    Nudge.SENT: "admin.stalled.nudged",
    Nudge.ALREADY: "admin.stalled.nudged.already",
    Nudge.GONE: "admin.stalled.gone",
}


def show_stalled(invocation: Invocation) -> None:
    invocation.reply(*stalled_reply(invocation.t, invocation.services.hrtools.stalled()))


def stalled_reply(t: Translator, stalled: Stalled) -> tuple[str, list[dict[str, Any]]]:
    """The list's text and blocks: each pairing with its two buttons."""
    if not stalled.pairings:
        return t("admin.stalled.none"), as_dicts([section(t("admin.stalled.none"))])
    title = t("admin.stalled.title", count=len(stalled.pairings))
    blocks: list[Block] = [section(title)]
    for pairing in stalled.pairings:
        blocks += _pairing_blocks(t, pairing)
    if stalled.more:
        blocks.append(context(t("admin.stalled.more")))
    return title, as_dicts(blocks)


def _pairing_blocks(t: Translator, p: StalledPairing) -> list[Block]:
    mentor, mentee = mention(p.mentor_id), mention(p.mentee_id)
    confirm = ConfirmObject(
        title=PlainTextObject(text=t("admin.stalled.end.confirm.title")),
        text=t("admin.stalled.end.confirm.text", mentor=mentor, mentee=mentee),
        confirm=PlainTextObject(text=t("admin.stalled.end.confirm.yes")),
        deny=PlainTextObject(text=t("admin.stalled.end.confirm.no")),
    )
    value = str(p.pairing_id)
    buttons = [
        ButtonElement(text=t("admin.stalled.nudge"), action_id=NUDGE, value=value),
        ButtonElement(text=t("admin.stalled.end"), action_id=END, value=value, style="danger", confirm=confirm),
    ]
    line = t("admin.stalled.line", mentor=mentor, mentee=mentee, since=local_date(p.since))
    return [section(line), ActionsBlock(elements=buttons)]


def _allowed(services: Services, body: dict[str, Any], what: str) -> bool:
    user_id = body["user"]["id"]
    if is_hr_admin(services.settings, user_id):
        return True
    log.warning("a stalled pairing's %s click refused: the clicker is not an HR admin", what)  # never its payload
    services.audit.record(user_id, "admin.refused", f"stalled.{what}")
    answer_privately(services, body, Notice("admin.refused"))
    return False


def open_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    """The digest's button: the list, privately under the digest, as `/mentor admin stalled` shows it."""
    ack()
    if not _allowed(services, body, "open"):
        return
    user_id = body["user"]["id"]
    services.audit.record(user_id, "admin.stalled")
    text, blocks = stalled_reply(services.people.translator_for(user_id), services.hrtools.stalled())
    response_url = body.get("response_url")
    if response_url:
        services.messenger.reply(response_url, text, blocks)


def nudge_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    if not _allowed(services, body, "nudge"):
        return
    pairing_id = request_id(action.get("value"))
    if pairing_id is None:
        answer_privately(services, body, Notice("payload.bad_button"))
        return
    answer_privately(services, body, Notice(NUDGED[services.hrtools.nudge(pairing_id, body["user"]["id"])]))


def end_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    if not _allowed(services, body, "end"):
        return
    pairing_id = request_id(action.get("value"))
    if pairing_id is None:
        answer_privately(services, body, Notice("payload.bad_button"))
        return
    ended = services.hrtools.end(pairing_id, body["user"]["id"])
    answer_privately(services, body, Notice("admin.stalled.ended" if ended else "admin.stalled.gone"))


def register(app: App) -> None:
    app.action(OPEN)(open_clicked)
    app.action(NUDGE)(nudge_clicked)
    app.action(END)(end_clicked)
