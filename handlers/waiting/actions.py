"""The notice's own buttons: stop these notices, or turn them back on. Asking the mentor is find's button."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.delivery.letters import Notice
from bot.services import Services
from handlers.replies import answer_privately
from handlers.waiting.blocks import RESUME, STOP, stopped_blocks


def stop_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    ack()
    user_id = body["user"]["id"]
    services.waiting.stop(user_id)
    response_url = body.get("response_url")
    if not response_url:  # a notice is a DM, which always has one; anywhere else, a plain answer
        answer_privately(services, body, Notice("waiting.stopped"))
        return
    t = services.people.cached_translator_for(user_id)
    services.messenger.reply(response_url, t("waiting.stopped"), stopped_blocks(t))


def resume_clicked(ack: Ack, body: dict[str, Any], services: Services) -> None:
    ack()
    services.waiting.resume(body["user"]["id"])
    answer_privately(services, body, Notice("waiting.resumed"))


def register(app: App) -> None:
    app.action(STOP)(stop_clicked)
    app.action(RESUME)(resume_clicked)
