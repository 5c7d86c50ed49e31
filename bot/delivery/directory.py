"""The people directory port: what Slack knows of a person, asked with `users.info`.

The composition root hands `SlackDirectory(client).look_up` to the people cache (bot/people.py),
which asks it when its entry is stale and never sees a Slack client or a reply.
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.delivery.slack_replies import PersonFacts, person_facts

log = logging.getLogger(__name__)


class SlackDirectory:
    def __init__(self, client: WebClient) -> None:
        self._client = client

    def look_up(self, user_id: str) -> PersonFacts | None:
        """What Slack says of `user_id`, or None when it can't be asked (the caller falls back to its cache)."""
        try:
            response = self._client.users_info(user=user_id, include_locale=True)
        except (SlackApiError, OSError) as e:
            log.warning("users.info failed (%s); falling back to the cached or default language", _why(e))
            return None
        user = response.get("user")
        return person_facts(user) if isinstance(user, dict) else None


def _why(error: Exception) -> str:
    if isinstance(error, SlackApiError):
        return str(error.response.get("error"))
    return type(error).__name__
