"""Small pieces several messages share: people, dates, reasons, text objects and sections, all safe to post."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from slack_sdk.models.blocks import (
    Block,
    BlockElement,
    ContextBlock,
    MarkdownTextObject,
    PlainTextObject,
    SectionBlock,
)
from slack_sdk.models.views import View

from bot.i18n import Language, Phrase, Translator, Who
from bot.privacy.tombstone import is_tombstone
from bot.text import escape


def mention(user_id: str, t: Translator | None = None) -> str:
    """Slack shows the person's name; ids come from Slack, never from what someone typed.

    An erased person's tombstone (bot.privacy.tombstone) is "a former participant", in `t`'s language.
    """
    if is_tombstone(user_id):
        return (t or Translator(Language.EN))("privacy.former_participant")
    return f"<@{user_id}>"


def local_date(moment: datetime) -> str:
    """A date each reader's Slack shows in their own locale and zone, with an ISO fallback."""
    return f"<!date^{int(moment.timestamp())}^{{date_short}}|{moment.date().isoformat()}>"


def calendar_day(day: date) -> str:
    """A calendar date (no time of its own), shown as `local_date` shows one: noon keeps it that day everywhere."""
    return local_date(datetime(day.year, day.month, day.day, 12))


def say(t: Translator, phrase: Phrase) -> str:
    """A phrase in the reader's language: people named become mentions, text (maybe typed) is escaped."""
    values = {name: _shown(value, t) for name, value in phrase.values.items()}
    return t(phrase.key, **values)


def mrkdwn(text: str) -> MarkdownTextObject:
    """Formatted text, always verbatim: Slack links only what the bot wrote as a link.

    Without `verbatim`, Slack would turn a bare `example.com/x` or `#general` that someone typed
    into a link. The bot never relies on that: its mentions and dates are written out
    (`<@U…>`, `<!date^…>`), which Slack still reads in verbatim text.
    """
    return MarkdownTextObject(text=text, verbatim=True)


def section(text: str, accessory: BlockElement | None = None) -> SectionBlock:
    return SectionBlock(text=mrkdwn(text), accessory=accessory)


def context(text: str) -> ContextBlock:
    return ContextBlock(elements=[mrkdwn(text)])


def as_dicts(blocks: Iterable[Block]) -> list[dict[str, Any]]:
    return [block.to_dict() for block in blocks]


def _shown(value: object, t: Translator) -> object:
    if isinstance(value, Who):
        return mention(value.user_id, t)
    return escape(value) if isinstance(value, str) else value


def modal(
    callback_id: str, title: str, submit: str, close: str, blocks: Iterable[Block], metadata: str | None = None
) -> dict[str, Any]:
    """A dialog with a submit button, its words already in the reader's language."""
    view = View(
        type="modal",
        callback_id=callback_id,
        private_metadata=metadata,
        title=PlainTextObject(text=title),
        submit=PlainTextObject(text=submit),
        close=PlainTextObject(text=close),
        blocks=list(blocks),
    )
    return dict(view.to_dict())
