"""How knowledge sessions' letters are sent: rendered when they go out, from what is true then.

- The announcement is posted in its channel in the host's language, and its ts recorded so changes update it.
  A channel that refuses it (`not_in_channel`, `channel_not_found`) ends the row refused; the host is told by DM.
- An update is sent only if it is the newest change of its session (an older one is dropped: the newest shows
  everything), and only once the announcement is there.
- The invite is an `.ics` file shared in the attendee's DM (bot/delivery/files.share_file), only while they still
  have their seat and the session still stands.
- News goes to one person's DM; a reminder or a promotion only while they still have their seat.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.delivery.files import CHANNEL_REFUSALS, FileToShare, share_file
from bot.delivery.kinds import Sender
from bot.delivery.outbox import Job, RefusedError
from bot.delivery.slack_replies import opened_channel, record_opened_channel
from bot.i18n import Translator
from bot.knowledge.invite import InviteFacts, filename, invite_ics
from bot.knowledge.kinds import ANNOUNCE, ANNOUNCING, INVITE, INVITING, NEWS, TELLING, UPDATE, UPDATING, News
from bot.knowledge.service import SessionView
from bot.services import Services
from bot.text import clip
from handlers.knowledge.blocks import (
    TITLE_SHOWN,
    announcement,
    invite_where,
    invite_zone,
    news_message,
    slack_date,
    title_of,
)

SEATED_ONLY = frozenset({News.PROMOTED, News.REMINDER})


class KnowledgeSenders:
    def __init__(self, services: Services) -> None:
        self._services = services

    def announce(self, job: Job) -> Mapping[str, Any]:
        session = self._session(job, ANNOUNCING.read(job.subject).session)
        text, blocks = announcement(self._services.people.translator_for(session.host_id), session)
        try:
            data = job.call("chat.postMessage", channel=session.channel, text=text, blocks=blocks)
        except RefusedError as e:
            if e.by_slack and e.error in CHANNEL_REFUSALS:
                self._services.knowledge.announce_refused(session.id, session.host_id)
            raise
        self._services.knowledge.announced(session.id, str(data.get("ts") or ""))
        return data

    def update(self, job: Job) -> Mapping[str, Any]:
        change = UPDATING.read(job.subject)
        session = self._session(job, change.session)
        if session.changes != change.version:
            raise job.skip("a newer change of the session updates its announcement")
        if not session.announce_ts:
            raise job.skip("the announcement was never posted: nothing to update")
        text, blocks = announcement(self._services.people.translator_for(session.host_id), session)
        return job.call("chat.update", channel=session.channel, ts=session.announce_ts, text=text, blocks=blocks)

    def invite(self, job: Job) -> Mapping[str, Any]:
        session = self._session(job, INVITING.read(job.subject).session)
        if session.cancelled or not self._services.knowledge.seated(session.id, job.recipient):
            raise job.skip("the seat was given up, or the session cancelled, before the invite went out")
        t = self._reader(job, job.recipient)
        if "channel" not in job.progress:
            record_opened_channel(job, job.call("conversations.open", users=job.recipient))
        channel = opened_channel(job)
        if not channel:
            raise RefusedError("conversations.open", "no_channel")
        facts = InviteFacts(
            session.id,
            session.title,
            session.learn,
            session.starts_at,
            session.minutes,
            session.host_tz,
            invite_where(t),
            invite_zone(t, session),
        )
        file = FileToShare(
            filename(session.id),
            t("knowledge.invite.title", title=clip(session.title, TITLE_SHOWN)),
            invite_ics(facts, job.due_at),
            comment=t("knowledge.invite.comment", title=title_of(session), when=slack_date(session.starts_at)),
        )
        shared = share_file(job, channel, file)
        return {"ok": True, "file": shared.file_id, "channel": shared.channel}

    def news(self, job: Job) -> Mapping[str, Any]:
        about = TELLING.read(job.subject)
        news = News(about.news)
        session = self._session(job, about.session)
        if news in SEATED_ONLY and (
            session.cancelled or not self._services.knowledge.seated(session.id, job.recipient)
        ):
            raise job.skip("the seat was given up, or the session cancelled, before this went out")
        text, blocks = news_message(self._reader(job, job.recipient), news, session)
        return job.call("chat.postMessage", channel=job.recipient, text=text, blocks=blocks)

    def _session(self, job: Job, session_id: int) -> SessionView:
        session = self._services.knowledge.view(session_id)
        if session is None:
            raise job.skip("the session is gone")
        return session

    def _reader(self, job: Job, user_id: str) -> Translator:
        if self._services.people.gone(user_id):
            raise job.skip("its reader is deactivated or deleted")
        return self._services.people.translator_for(user_id)


def senders(services: Services) -> dict[str, Sender]:
    send = KnowledgeSenders(services)
    return {ANNOUNCE: send.announce, UPDATE: send.update, INVITE: send.invite, NEWS: send.news}
