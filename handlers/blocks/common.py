"""Small pieces several messages share: people, dates, reasons, all safe to post."""

from __future__ import annotations

from datetime import datetime

from bot.i18n import Translator
from bot.matching import Reason
from bot.text import escape


def mention(user_id: str) -> str:
    """Slack shows the person's name; ids come from Slack, never from what someone typed."""
    return f"<@{user_id}>"


def local_date(moment: datetime) -> str:
    """A date each reader's Slack shows in their own locale and zone, with an ISO fallback."""
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{moment.date().isoformat()}>"


def reason_text(t: Translator, reason: Reason) -> str:
    """A reason in the reader's language; its values may hold what people typed, so they are escaped."""
    values = {name: escape(value) if isinstance(value, str) else value for name, value in reason.values.items()}
    return t(reason.key, **values)
