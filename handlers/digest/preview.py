"""`/mentor admin digest`: HR's private preview of the digest, with a button to post it to the HR channel now.

Every click checks again that the clicker is an HR admin: a forged click changes nothing, and is logged
without its payload. The button's value names its preview, so a double click posts once.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from slack_bolt import Ack, App
from slack_sdk.models.blocks import ActionsBlock, ButtonElement, ConfirmObject, PlainTextObject

from bot.admin.access import is_hr_admin
from bot.delivery.letters import Notice
from bot.digest.service import PostNow, preview_id
from bot.i18n import Translator
from bot.services import Services
from handlers.blocks.common import as_dicts, context, section
from handlers.digest.blocks import digest_blocks, digest_text
from handlers.digest.deliveries import DigestSenders
from handlers.invocation import Invocation
from handlers.replies import answer_privately

log = logging.getLogger(__name__)

POST_NOW = "digest.post_now"
ANSWERS = {
    PostNow.QUEUED: "admin.digest.posting",
    PostNow.ALREADY: "admin.digest.already",
    PostNow.NO_CHANNEL: "admin.digest.no_channel",
}


def show_digest(invocation: Invocation) -> None:
    """The preview, in the language it will be posted in, for the HR admin who asked (the check is the caller's)."""
    services, t = invocation.services, invocation.t
    channel = services.settings.hr_channel
    digest = services.digest.preview()
    reader = DigestSenders(services).reader_translator()
    blocks = digest_blocks(digest, reader, preview=True)
    if not channel:
        invocation.reply(t("admin.digest.no_channel"), as_dicts([section(t("admin.digest.no_channel"))]) + blocks)
        return
    invocation.reply(digest_text(digest, reader), blocks + post_now_blocks(t, channel, uuid.uuid4().hex))


def post_now_blocks(t: Translator, channel: str, preview: str) -> list[dict[str, Any]]:
    """What follows the preview: who sees it, the chart's absence, and the button (asking to confirm first)."""
    confirm = ConfirmObject(
        title=PlainTextObject(text=t("admin.digest.confirm.title")),
        text=t("admin.digest.confirm.text", channel=f"<#{channel}>"),
        confirm=PlainTextObject(text=t("admin.digest.confirm.yes")),
        deny=PlainTextObject(text=t("admin.digest.confirm.no")),
    )
    button = ButtonElement(
        text=t("admin.digest.post_now"), action_id=POST_NOW, value=preview, style="primary", confirm=confirm
    )
    note = context(t("admin.digest.preview_note", channel=f"<#{channel}>"))
    return as_dicts([note, ActionsBlock(elements=[button])])


def post_now_clicked(ack: Ack, body: dict[str, Any], action: dict[str, Any], services: Services) -> None:
    ack()
    user_id = body["user"]["id"]
    if not is_hr_admin(services.settings, user_id):
        log.warning("a digest 'post now' click refused: the clicker is not an HR admin")  # never its payload
        answer_privately(services, body, Notice("admin.refused"))
        return
    preview = preview_id(action.get("value"))
    if preview is None:
        answer_privately(services, body, Notice("payload.bad_button"))
        return
    answer_privately(services, body, Notice(ANSWERS[services.digest.post_now(preview, user_id)]))


def register(app: App) -> None:
    app.action(POST_NOW)(post_now_clicked)
