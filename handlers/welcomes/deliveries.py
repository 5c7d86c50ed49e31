"""How a welcome is sent: checked again when it goes (still on, still here, still no profile), in their language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job
from bot.services import Services
from bot.welcomes.service import WELCOME
from handlers.welcomes.blocks import welcome_message


class WelcomeSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def welcome(self, job: Job) -> Mapping[str, Any]:
        user_id, people = job.recipient, self._services.people
        t = people.translator_for(user_id)  # asks Slack their language: a new joiner's is not known yet
        if not self._services.welcomes.still_welcome(user_id):
            raise job.skip("welcomes are off, or they left or made a profile before it was due")
        text, blocks = welcome_message(t, user_id)
        return job.call("chat.postMessage", channel=user_id, text=text, blocks=blocks)


def senders(services: Services) -> dict[str, Sender]:
    return {WELCOME: WelcomeSenders(services).welcome}
