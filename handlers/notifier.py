"""The handshake's news through Slack: DMs, the mentor's copy of a request, the pair's group DM, App Homes."""

from __future__ import annotations

import logging

from bot.handshake import Notice, Posted
from bot.pairings import PairingService, RequestInfo
from bot.people import PeopleService
from bot.profiles import ProfileData
from bot.settings import Cadence
from bot.slack_api import Delivery, Messenger
from bot.suggestions import FindResult
from handlers.blocks.common import say
from handlers.blocks.handshake import answered_message, introduction, request_message
from handlers.blocks.suggestions import other_mentors_blocks
from handlers.home import publish_home

log = logging.getLogger(__name__)


class SlackNotifier:
    def __init__(self, messenger: Messenger, people: PeopleService, pairings: PairingService) -> None:
        self._messenger = messenger
        self._people = people
        self._pairings = pairings

    def ask_mentor(self, request: RequestInfo, mentee: ProfileData) -> Posted:
        text, blocks = request_message(self._people.translator_for(request.mentor_id), request, mentee)
        posted = self._messenger.post(request.mentor_id, text, blocks)
        data = posted.data or {}
        return Posted(posted.delivery, str(data.get("channel") or ""), str(data.get("ts") or ""))

    def tell(self, user_id: str, *notices: Notice, mentors: FindResult | None = None) -> None:
        t = self._people.translator_for(user_id)
        text = " ".join(say(t, notice) for notice in notices)
        try:
            blocks = other_mentors_blocks(t, text, mentors) if mentors else None
        except Exception:  # the news must arrive even when the mentors can't be shown
            log.exception("showing other mentors failed; the news goes out without them")
            blocks = None
        self._messenger.post(user_id, text, blocks)

    def update_request(self, request: RequestInfo, notice: Notice) -> None:
        if not (request.dm_channel and request.dm_ts):  # never confirmed, nor clicked: nothing to update
            return
        t = self._people.translator_for(request.mentor_id)
        text, blocks = answered_message(t, request, say(t, notice))
        self._messenger.call("chat.update", channel=request.dm_channel, ts=request.dm_ts, text=text, blocks=blocks)

    def introduce(self, request: RequestInfo, goals: str, cadence: Cadence) -> str | None:
        opened = self._messenger.call("conversations.open", users=f"{request.mentor_id},{request.mentee_id}")
        channel = (opened.data or {}).get("channel", {}).get("id") if opened.ok else None
        if not channel:
            return None
        # Once in each language the two of them use, the mentee's first.
        ids = (request.mentee_id, request.mentor_id)
        languages = list(dict.fromkeys(self._people.translator_for(user_id) for user_id in ids))
        text, blocks = introduction(languages, request.mentor_id, request.mentee_id, goals, cadence)
        posted = self._messenger.post(channel, text, blocks)
        return None if posted.delivery is Delivery.FAILED else str(channel)

    def refresh(self, *user_ids: str) -> None:
        for user_id in dict.fromkeys(user_ids):
            try:
                publish_home(self._people, self._pairings, self._messenger, user_id)
            except Exception:  # a stale tab must never undo or hide what someone just did
                log.exception("refreshing an App Home failed")
