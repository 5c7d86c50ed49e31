"""How a person's export reaches them: built when it goes out, shared as a JSON file in their DM with the bot."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.delivery.files import FileToShare, share_file
from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job, RefusedError
from bot.delivery.slack_replies import opened_channel, record_opened_channel
from bot.privacy.erasure import FORGET_COPY, FORGETTING_COPY
from bot.privacy.export import EXPORT
from bot.services import Services


class PrivacySenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def export(self, job: Job) -> Mapping[str, Any]:
        """Open their DM (once: a retry resumes after it), then share the file there."""
        user_id = job.recipient
        if self._services.people.gone(user_id):
            raise job.skip("its reader is deactivated or deleted")
        t = self._services.people.translator_for(user_id)
        if "channel" not in job.progress:
            record_opened_channel(job, job.call("conversations.open", users=user_id))
        channel = opened_channel(job)
        if not channel:
            raise RefusedError("conversations.open", "no_channel")
        document = self._services.privacy.export_document(user_id, t("privacy.export.not_included"))
        content = json.dumps(document, ensure_ascii=False, indent=2).encode()
        title = t("privacy.export.title")
        file = FileToShare("mentorbot-export.json", title, content, comment=t("privacy.export.comment"))
        shared = share_file(job, channel, file)
        return {"ok": True, "file": shared.file_id, "channel": shared.channel}

    def forget_copy(self, job: Job) -> Mapping[str, Any]:
        """A request of an erased mentee's, in its mentor's DM: it says only that its sender's data is gone."""
        copy = FORGETTING_COPY.read(job.subject)
        t = self._services.people.translator_for(job.recipient)
        text = t("privacy.erased.request")
        return job.call("chat.update", channel=copy.channel, ts=copy.ts, text=text, blocks=[])


def senders(services: Services) -> dict[str, Sender]:
    send = PrivacySenders(services)
    return {EXPORT: send.export, FORGET_COPY: send.forget_copy}
