"""How the check-in prompts are sent: rendered when they go out, if they still mean something then.

A prompt found late (the bot was down) waits for the recipient's next prompt time on a working day,
or the pair's next common working hour, rather than arriving at night.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.checkins.kinds import PROMPTS
from bot.checkins.planning import PromptKind
from bot.checkins.rules import topic_for
from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job
from bot.matching import topic_phrases
from bot.services import Services
from handlers.blocks.checkins import ask_message, nudge_message, quiet_message


class CheckinSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def nudge(self, job: Job) -> Mapping[str, Any]:
        about = PROMPTS[PromptKind.NUDGE].read(job.subject)
        period = int(about.period)
        check = self._services.checkins.check_prompt(PromptKind.NUDGE, int(about.pairing), period, job.due_at)
        if not check.live or check.pair is None:
            raise job.skip(check.why)
        if not check.channel_id:
            raise job.skip("the pair has no group DM")
        if check.later is not None:
            raise job.defer(check.later)
        pair, people = check.pair, self._services.people
        languages = list(dict.fromkeys(people.translator_for(user) for user in (pair.mentee_id, pair.mentor_id)))
        profile = self._services.profiles.get(pair.mentee_id)
        topic = topic_for(topic_phrases(profile.goals) if profile else [], period)
        text, blocks = nudge_message(languages, pair.mentor_id, pair.mentee_id, pair.cadence, topic)
        return job.call("chat.postMessage", channel=check.channel_id, text=text, blocks=blocks)

    def ask(self, job: Job) -> Mapping[str, Any]:
        about = PROMPTS[PromptKind.ASK].read(job.subject)
        pairing_id, period = int(about.pairing), int(about.period)
        check = self._services.checkins.check_prompt(PromptKind.ASK, pairing_id, period, job.due_at)
        if not check.live or check.pair is None:
            raise job.skip(check.why)
        if self._services.people.gone(job.recipient):
            raise job.skip("its reader is deactivated or deleted")
        later = self._services.checkins.late_ask(check.pair, job.recipient, job.due_at)
        if later is not None:
            raise job.defer(later)
        pair = check.pair
        other = pair.mentee_id if job.recipient == pair.mentor_id else pair.mentor_id
        t = self._services.people.translator_for(job.recipient)
        text, blocks = ask_message(t, pairing_id, period, other, pair.cadence)
        return job.call("chat.postMessage", channel=job.recipient, text=text, blocks=blocks)

    def quiet(self, job: Job) -> Mapping[str, Any]:
        """The gentle note after two quiet periods, if they are still quiet (and still paired) when it goes out."""
        about = PROMPTS[PromptKind.QUIET].read(job.subject)
        pairing_id, period = int(about.pairing), int(about.period)
        check = self._services.checkins.check_prompt(PromptKind.QUIET, pairing_id, period, job.due_at)
        if not check.live or check.pair is None or not self._services.checkins.still_quiet(pairing_id):
            raise job.skip(check.why or "they checked in meanwhile")
        if self._services.people.gone(job.recipient):
            raise job.skip("its reader is deactivated or deleted")
        pair = check.pair
        other = pair.mentee_id if job.recipient == pair.mentor_id else pair.mentor_id
        t = self._services.people.translator_for(job.recipient)
        text, blocks = quiet_message(t, pairing_id, period, other, pair.cadence)
        return job.call("chat.postMessage", channel=job.recipient, text=text, blocks=blocks)


def senders(services: Services) -> dict[str, Sender]:
    """The check-in prompts' senders (the stall note is a `tell`: handlers/deliveries.py sends it)."""
    send = CheckinSenders(services)
    return {PromptKind.NUDGE.value: send.nudge, PromptKind.ASK.value: send.ask, PromptKind.QUIET.value: send.quiet}
