"""How a round's proposal reaches each of the two: a DM rendered when it goes out, in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job
from bot.rounds.kinds import PROPOSING, ROUND_PROPOSE
from bot.services import Services
from handlers.rounds.blocks import proposal_message


class RoundSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def propose(self, job: Job) -> Mapping[str, Any]:
        reader = job.recipient
        view = self._services.rounds.view(PROPOSING.read(job.subject).proposal)
        if view is None or not view.open:
            raise job.skip("the proposal was answered, expired or dropped before it was sent")
        if self._services.people.gone(reader):
            raise job.skip("its reader is deactivated or deleted")
        t = self._services.people.translator_for(reader)
        mentee = self._services.profiles.get(view.mentee_id)
        text, blocks = proposal_message(t, view, reader, mentee)
        return job.call("chat.postMessage", channel=reader, text=text, blocks=blocks)


def senders(services: Services) -> dict[str, Sender]:
    return {ROUND_PROPOSE: RoundSenders(services).propose}
