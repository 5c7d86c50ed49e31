"""Whether the bot may post in a channel, asked of Slack (`conversations.info`) within a dialog's 3 seconds.

A short timeout and no retries: an answer that doesn't come in time is "can't tell" (None), and the offer is
taken; the announcement's own post then tells the host by DM if the channel refuses it. Needs `channels:read`
(public channels) and `groups:read` (private ones the bot was invited to).
"""

from __future__ import annotations

import logging

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

log = logging.getLogger(__name__)

CHECK_TIMEOUT_SECONDS = 1
NOT_POSTABLE = frozenset({"channel_not_found", "is_archived"})


class ChannelCheck:
    def __init__(self, client: WebClient, timeout: int = CHECK_TIMEOUT_SECONDS) -> None:
        self._client = WebClient(token=client.token, base_url=client.base_url, timeout=timeout, retry_handlers=[])

    def can_post(self, channel: str) -> bool | None:
        """True: the bot is a member; False: it isn't, or the channel is archived or unknown to it; None: no answer."""
        try:
            response = self._client.api_call("conversations.info", params={"channel": channel})
        except SlackApiError as e:
            error = str(e.response.get("error") or "")
            if error in NOT_POSTABLE:
                return False
            log.warning("conversations.info failed (%s); the channel is checked when the announcement goes out", error)
            return None
        except (TimeoutError, OSError) as e:
            log.warning("conversations.info got no answer in time (%s); checked when it is announced", type(e).__name__)
            return None
        info = response.get("channel")
        if not isinstance(info, dict):
            return None
        if info.get("is_archived"):
            return False
        return bool(info.get("is_member") or info.get("is_im") or info.get("is_mpim"))
