"""How a named feedback follow-up reaches an HR admin: rendered in their language when it goes out."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job
from bot.feedback.giving import FOLLOW_UP, FOLLOWING_UP
from bot.feedback.rules import Topic
from bot.services import Services
from handlers.feedback.blocks import follow_up_message


class FeedbackSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def follow_up(self, job: Job) -> Mapping[str, Any]:
        """To an HR admin who still is one (checked when it goes out) and is still in the workspace."""
        follow_up = FOLLOWING_UP.read(job.subject)
        if job.recipient not in self._services.settings.hr_admins:
            raise job.skip("its reader is no longer an HR admin")
        if follow_up.topic not in set(Topic):
            raise job.skip("its topic is not one the bot knows")
        if self._services.people.gone(job.recipient):
            raise job.skip("its reader is deactivated or deleted")
        t = self._services.people.translator_for(job.recipient)
        text, blocks = follow_up_message(t, follow_up, Topic(follow_up.topic))
        return job.call("chat.postMessage", channel=job.recipient, text=text, blocks=blocks)


def senders(services: Services) -> dict[str, Sender]:
    return {FOLLOW_UP: FeedbackSenders(services).follow_up}
