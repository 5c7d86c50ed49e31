"""How each kind of outbox letter is sent: rendered when it goes out, in its reader's language then.

The dispatcher (bot/delivery/outbox.py) claims a letter and calls its sender here; what its outcome changes
is the domain's (the `after_…` hooks of bot/handshake.py, and bot/people_changes.py). Each kind is declared once in
bot.delivery.kinds.KINDS by the module that writes it; bot/app.py joins these senders to it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from bot.delivery import letters
from bot.delivery.inbox import PERSON_CHANGED, PERSON_CHANGING
from bot.delivery.kinds import Sender
from bot.delivery.letters import phrase_from_json
from bot.delivery.outbox import Job, RefusedError
from bot.delivery.slack_replies import opened_channel, record_opened_channel
from bot.i18n import Translator
from bot.pairings import RequestInfo, RequestStatus
from bot.services import Services
from handlers.blocks.common import say
from handlers.blocks.handshake import answered_message, introduction, request_message
from handlers.blocks.home import home_view
from handlers.blocks.suggestions import find_blocks, find_text, other_mentors_blocks

log = logging.getLogger(__name__)


class Senders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def ask_mentor(self, job: Job) -> Mapping[str, Any]:
        request = self._request(job)
        if request.status is not RequestStatus.PENDING:
            raise job.skip("the request was answered or withdrawn before it was sent")
        mentee = self._services.profiles.get(request.mentee_id)
        if mentee is None:
            raise job.skip("the mentee's profile is gone")
        if self._services.people.gone(request.mentor_id):  # left after being asked: as if Slack refused it
            raise RefusedError("chat.postMessage", "mentor_left")
        t = self._reader(job, request.mentor_id)
        text, blocks = request_message(t, request, mentee)
        return job.call("chat.postMessage", channel=request.mentor_id, text=text, blocks=blocks)

    def tell(self, job: Job) -> Mapping[str, Any]:
        t = self._reader(job, job.recipient)
        tell = letters.TELLING.read(job.subject)
        text = " ".join(say(t, phrase_from_json(notice)) for notice in tell.notices)
        blocks = None
        if tell.mentors:
            try:
                mentors = self._services.suggestions.find(job.recipient, int(tell.mentors))
                blocks = other_mentors_blocks(t, text, mentors)
            except Exception:  # the news must arrive even when the mentors can't be shown
                log.exception("showing other mentors failed; the news goes out without them")
        return job.call("chat.postMessage", channel=job.recipient, text=text, blocks=blocks)

    def update_copy(self, job: Job) -> Mapping[str, Any]:
        request = self._request(job)
        if not (request.dm_channel and request.dm_ts):
            raise job.skip("the mentor's copy was never confirmed nor clicked: nothing to update")
        t = self._services.people.translator_for(request.mentor_id)
        text, blocks = answered_message(t, request, say(t, phrase_from_json(letters.UPDATING.read(job.subject).notice)))
        return job.call("chat.update", channel=request.dm_channel, ts=request.dm_ts, text=text, blocks=blocks)

    def introduce(self, job: Job) -> Mapping[str, Any]:
        """Open the pair's group DM (once: a retry resumes after it), then post the introduction there."""
        request = self._request(job)
        if "channel" not in job.progress:
            opened = job.call("conversations.open", users=f"{request.mentor_id},{request.mentee_id}")
            record_opened_channel(job, opened)
        channel = opened_channel(job)
        if not channel:
            raise RefusedError("conversations.open", "no_channel")
        people = self._services.people
        # Once in each language the two of them use, the mentee's first.
        languages = list(dict.fromkeys(people.translator_for(user) for user in (request.mentee_id, request.mentor_id)))
        profile = self._services.profiles.get(request.mentee_id)
        cadence = self._services.settings.checkin_cadence
        text, blocks = introduction(
            languages, request.mentor_id, request.mentee_id, profile.goals if profile else "", cadence
        )
        return job.call("chat.postMessage", channel=channel, text=text, blocks=blocks)

    def home(self, job: Job) -> Mapping[str, Any]:
        t = self._reader(job, job.recipient)
        rhythms = self._services.checkins.rhythms_of(job.recipient)
        waiting = self._services.evaluations.waiting_for(job.recipient)
        view = home_view(t, self._services.pairings.overview(job.recipient), rhythms, waiting)
        return job.call("views.publish", user_id=job.recipient, view=view)

    def suggest(self, job: Job) -> Mapping[str, Any]:
        t = self._reader(job, job.recipient)
        result = self._services.suggestions.find(job.recipient)
        return job.call(
            "chat.postMessage", channel=job.recipient, text=find_text(t, result), blocks=find_blocks(t, result)
        )

    def person_changed(self, job: Job) -> Mapping[str, Any]:
        """Not a message: a `user_change` or `team_join`, handed to the domain (bot/people_changes.py)."""
        self._services.person_changes.apply(PERSON_CHANGING.read(job.subject).facts())
        return {}

    def _reader(self, job: Job, user_id: str) -> Translator:
        """The words of whoever reads this, in their language; nobody, if they have left the workspace."""
        if self._services.people.gone(user_id):
            raise job.skip("its reader is deactivated or deleted")
        return self._services.people.translator_for(user_id)

    def _request(self, job: Job) -> RequestInfo:
        request = self._services.pairings.request_info(int(job.subject["request"]))
        if request is None:
            raise job.skip("the request is gone")
        return request


def senders(services: Services) -> dict[str, Sender]:
    """The senders of the handshake's letters, the news, App Home, `/mentor find` and the person cache."""
    send = Senders(services)
    return {
        letters.ASK_MENTOR: send.ask_mentor,
        letters.TELL: send.tell,
        letters.UPDATE_COPY: send.update_copy,
        letters.INTRODUCE: send.introduce,
        letters.HOME: send.home,
        letters.SUGGEST: send.suggest,
        PERSON_CHANGED: send.person_changed,
    }
