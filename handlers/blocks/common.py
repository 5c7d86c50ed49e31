"""Small pieces several messages share: people, dates, reasons, all safe to post."""

from __future__ import annotations

from datetime import datetime

from bot.i18n import Phrase, Translator, Who
from bot.text import escape


def mention(user_id: str) -> str:
    """Slack shows the person's name; ids come from Slack, never from what someone typed."""
    return f"<@{user_id}>"


def local_date(moment: datetime) -> str:
    """A date each reader's Slack shows in their own locale and zone, with an ISO fallback."""
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{moment.date().isoformat()}>"


def say(t: Translator, phrase: Phrase) -> str:
    """A phrase in the reader's language: people named become mentions, text (maybe typed) is escaped."""
    values = {name: _shown(value) for name, value in phrase.values.items()}
    return t(phrase.key, **values)


def _shown(value: object) -> object:
    if isinstance(value, Who):
        return mention(value.user_id)
    return escape(value) if isinstance(value, str) else value
