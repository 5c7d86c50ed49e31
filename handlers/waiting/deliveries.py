"""How a waiting mentee's notice goes out: checked again and rendered in their language when it is sent."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job
from bot.services import Services
from bot.waiting.kinds import NOTICES
from bot.waiting.rules import KEY
from bot.waiting.service import NotNow
from handlers.waiting.blocks import notice_blocks, notice_text


class WaitingSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def notice(self, job: Job) -> Mapping[str, Any]:
        about = NOTICES.read(job.subject)
        found = self._services.waiting.to_send(job.recipient, about.mentor)
        if isinstance(found, NotNow):  # they found a mentor, asked one, left or opted out meanwhile: not news
            raise job.skip(found.value)
        t = self._services.people.translator_for(job.recipient)
        return job.call(
            "chat.postMessage", channel=job.recipient, text=notice_text(t, found), blocks=notice_blocks(t, found)
        )


def senders(services: Services) -> dict[str, Sender]:
    return {KEY: WaitingSenders(services).notice}
