"""How an evaluation's invitation is sent: rendered when it goes out, if it can still be given then."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job
from bot.evaluations import ASK, INVITING, Outcome
from bot.services import Services
from handlers.blocks.evaluations import invitation


class EvaluationSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def invitation(self, job: Job) -> Mapping[str, Any]:
        """The invitation to an evaluation, if it can still be given (the pairing current, not answered yet)."""
        about = INVITING.read(job.subject)
        checked = self._services.evaluations.check(about.pairing, about.step, job.recipient)
        if checked.outcome is not Outcome.KEPT:
            raise job.skip(f"the evaluation can't be given ({checked.outcome.value})")
        if self._services.people.gone(job.recipient):
            raise job.skip("its reader is deactivated or deleted")
        t = self._services.people.translator_for(job.recipient)
        min_group = self._services.settings.feedback_min_group
        text, blocks = invitation(t, about.pairing, about.step, checked.other_id, min_group)
        return job.call("chat.postMessage", channel=job.recipient, text=text, blocks=blocks)


def senders(services: Services) -> dict[str, Sender]:
    return {ASK: EvaluationSenders(services).invitation}
