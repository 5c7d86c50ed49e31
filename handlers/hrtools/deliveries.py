"""How HR's export reaches the HR admin who asked: built when it goes out, three CSV files in their DM with the bot.

One row shares the three files in turn; each is recorded once shared (bot/delivery/files.py), so a row put back
after the first resumes with the next, never sharing one twice. Short filenames: the row's progress is small.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.admin.access import is_hr_admin
from bot.delivery.files import FileToShare, share_file
from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job, RefusedError
from bot.delivery.slack_replies import opened_channel, record_opened_channel
from bot.hrtools.kinds import HR_EXPORT
from bot.services import Services


class HrToolsSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def export(self, job: Job) -> Mapping[str, Any]:
        user_id = job.recipient
        if not is_hr_admin(self._services.settings, user_id) or self._services.people.gone(user_id):
            raise job.skip("its reader is no longer an HR admin, or left")
        t = self._services.people.translator_for(user_id)
        if "channel" not in job.progress:
            record_opened_channel(job, job.call("conversations.open", users=user_id))
        channel = opened_channel(job)
        if not channel:
            raise RefusedError("conversations.open", "no_channel")
        files = self._services.hrtools.export_files()
        shared = [
            share_file(
                job,
                channel,
                FileToShare(
                    "profiles.csv", t("admin.export.title.profiles"), files.profiles, comment=t("admin.export.comment")
                ),
            ),
            share_file(job, channel, FileToShare("pairings.csv", t("admin.export.title.pairings"), files.pairings)),
            share_file(job, channel, FileToShare("waiting.csv", t("admin.export.title.waiting"), files.waiting)),
        ]
        return {"ok": True, "files": [s.file_id for s in shared], "channel": channel}


def senders(services: Services) -> dict[str, Sender]:
    return {HR_EXPORT: HrToolsSenders(services).export}
