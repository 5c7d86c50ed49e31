"""Block Kit for knowledge sessions: the dialog, the announcement, the DMs about one session, the App Home lines.

Everything a host typed (title, what people will learn) is escaped here before it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ConfirmObject,
    ConversationFilter,
    ConversationSelectElement,
    DateTimePickerElement,
    HeaderBlock,
    InputBlock,
    Option,
    PlainTextInputElement,
    PlainTextObject,
    StaticSelectElement,
)
from slack_sdk.models.views import View

from bot.i18n import Translator
from bot.knowledge.kinds import News
from bot.knowledge.rules import LENGTHS, MAX_LEARN, MAX_TITLE, Field, OfferForm
from bot.knowledge.service import Attendance, HomeSessions, SessionView
from bot.text import clip, escape
from handlers.blocks.common import as_dicts, context, mention, modal, section

CALLBACK = "knowledge.offer"
ACTION = "value"
JOIN = "knowledge.join"
LEAVE = "knowledge.leave"
WHO = "knowledge.who"
CANCEL = "knowledge.cancel"
TITLE_SHOWN = 150
LEARN_SHOWN = 1200  # escaped, even all `&`, it stays within a section's 3000 characters
NEWS = {
    News.HOSTING: "knowledge.news.hosting",
    News.PROMOTED: "knowledge.news.promoted",
    News.REMINDER: "knowledge.news.reminder",
    News.CANCELLED: "knowledge.news.cancelled",
    News.REFUSED: "knowledge.news.refused",
}


def offer_modal(t: Translator) -> dict[str, Any]:
    """The dialog `/mentor session` opens: what it asks for, and who will see it."""
    lengths = [Option(value=str(minutes), text=t("knowledge.length", minutes=minutes)) for minutes in LENGTHS]
    channels = ConversationSelectElement(
        action_id=ACTION,
        filter=ConversationFilter(include=["public", "private"], exclude_bot_users=True),
    )
    blocks: list[Block] = [
        section(t("knowledge.intro")),
        context(t("knowledge.who_sees")),
        InputBlock(
            block_id=Field.TITLE.value,
            label=t("knowledge.field.title"),
            element=PlainTextInputElement(action_id=ACTION, max_length=MAX_TITLE),
        ),
        InputBlock(
            block_id=Field.LEARN.value,
            label=t("knowledge.field.learn"),
            optional=True,
            element=PlainTextInputElement(action_id=ACTION, multiline=True, max_length=MAX_LEARN),
        ),
        InputBlock(
            block_id=Field.WHEN.value,
            label=t("knowledge.field.when"),
            hint=t("knowledge.field.when.hint"),
            element=DateTimePickerElement(action_id=ACTION),
        ),
        InputBlock(
            block_id=Field.LENGTH.value,
            label=t("knowledge.field.length"),
            element=StaticSelectElement(action_id=ACTION, options=lengths, initial_option=lengths[2]),
        ),
        InputBlock(
            block_id=Field.SEATS.value,
            label=t("knowledge.field.seats"),
            element=PlainTextInputElement(action_id=ACTION, max_length=8),
        ),
        InputBlock(
            block_id=Field.CHANNEL.value,
            label=t("knowledge.field.channel"),
            hint=t("knowledge.field.channel.hint"),
            element=channels,
        ),
    ]
    return modal(CALLBACK, t("knowledge.title"), t("knowledge.submit"), t("knowledge.close"), blocks)


def read_form(values: dict[str, Any]) -> OfferForm:
    """The dialog's state as text (a field left out or forged reads as empty, and is refused as such)."""

    def element(field: Field) -> dict[str, Any]:
        fields = values.get(field.value)
        found = fields.get(ACTION) if isinstance(fields, dict) else None
        return found if isinstance(found, dict) else {}

    length = element(Field.LENGTH).get("selected_option")
    return OfferForm(
        title=str(element(Field.TITLE).get("value") or ""),
        learn=str(element(Field.LEARN).get("value") or ""),
        when=str(element(Field.WHEN).get("selected_date_time") or ""),
        length=str(length.get("value") or "") if isinstance(length, dict) else "",
        seats=str(element(Field.SEATS).get("value") or ""),
        channel=str(element(Field.CHANNEL).get("selected_conversation") or ""),
    )


def slack_date(moment: datetime) -> str:
    """The time in each reader's own zone (Slack's date formatting), with UTC for clients that can't."""
    fallback = moment.strftime("%Y-%m-%d %H:%M UTC")
    return f"<!date^{int(moment.timestamp())}^{{date_short_pretty}} {{time}}|{fallback}>"


def title_of(session: SessionView) -> str:
    return escape(clip(session.title, TITLE_SHOWN))


def announcement(t: Translator, session: SessionView) -> tuple[str, list[dict[str, Any]]]:
    """The channel's message: what, when (in each reader's zone), who hosts, the seats left, and the buttons."""
    text = t("knowledge.announce.text", title=title_of(session))
    blocks: list[Block] = [
        HeaderBlock(text=PlainTextObject(text=clip(session.title, TITLE_SHOWN))),  # plain text: nothing is a link
        section(t("knowledge.announce.when", when=slack_date(session.starts_at), minutes=session.minutes)),
        section(t("knowledge.announce.host", host=mention(session.host_id, t))),
    ]
    if session.learn:
        blocks.append(section(t("knowledge.announce.learn", learn=escape(clip(session.learn, LEARN_SHOWN)))))
    if session.cancelled:
        blocks.append(section(t("knowledge.announce.cancelled")))
        return text, as_dicts(blocks)
    if session.seats_left:
        blocks.append(section(t("knowledge.announce.seats", left=session.seats_left, seats=session.seats)))
    else:
        blocks.append(section(t("knowledge.announce.full", seats=session.seats, waiting=session.waiting)))
    value = str(session.id)
    buttons = [
        ButtonElement(text=t("knowledge.join"), action_id=JOIN, value=value, style="primary"),
        ButtonElement(text=t("knowledge.leave"), action_id=LEAVE, value=value),
    ]
    blocks += [
        ActionsBlock(block_id=f"knowledge:{session.id}", elements=buttons),
        context(t("knowledge.announce.note")),
    ]
    return text, as_dicts(blocks)


def host_buttons(t: Translator, session: SessionView) -> ActionsBlock:
    sure = ConfirmObject(
        title=PlainTextObject(text=t("knowledge.cancel.confirm.title")),
        text=t("knowledge.cancel.confirm.text"),
        confirm=PlainTextObject(text=t("knowledge.cancel.confirm.yes")),
        deny=PlainTextObject(text=t("knowledge.cancel.confirm.no")),
    )
    value = str(session.id)
    return ActionsBlock(
        elements=[
            ButtonElement(text=t("knowledge.who"), action_id=WHO, value=value),
            ButtonElement(text=t("knowledge.cancel"), action_id=CANCEL, value=value, style="danger", confirm=sure),
        ]
    )


def news_message(t: Translator, news: News, session: SessionView) -> tuple[str, list[dict[str, Any]]]:
    """A DM about one session; the host's copy comes with "Who's coming" and "Cancel session"."""
    text = t(
        NEWS[news],
        title=title_of(session),
        when=slack_date(session.starts_at),
        channel=f"<#{session.channel}>",
        host=mention(session.host_id, t),
    )
    blocks: list[Block] = [section(text)]
    if news is News.HOSTING and not session.cancelled:
        blocks.append(host_buttons(t, session))
    return text, as_dicts(blocks)


def attendance_text(t: Translator, attendance: Attendance) -> str:
    """For the host's eyes only (an ephemeral answer): who has a seat, then the waiting list, in order."""
    session = attendance.session

    def people(users: Sequence[str]) -> str:
        return ", ".join(mention(user) for user in users) if users else t("knowledge.who.nobody")

    lines = [
        t("knowledge.who.title", title=title_of(session), taken=len(attendance.attending), seats=session.seats),
        t("knowledge.who.attending", people=people(attendance.attending)),
        t("knowledge.who.waiting", people=people(attendance.waiting)),
    ]
    return "\n".join(lines)


def attendance_modal(t: Translator, attendance: Attendance) -> dict[str, Any]:
    """Who's coming, in a dialog only the host sees (it opens on their click, from a message or the App Home)."""
    view = View(
        type="modal",
        title=PlainTextObject(text=t("knowledge.who")),
        close=PlainTextObject(text=t("knowledge.close")),
        blocks=[section(attendance_text(t, attendance))],
    )
    return dict(view.to_dict())


def invite_where(t: Translator) -> str:
    return t("knowledge.invite.where")


def invite_zone(t: Translator, session: SessionView) -> str:
    try:
        zone = ZoneInfo(session.host_tz)
    except (KeyError, ValueError):
        zone = ZoneInfo("UTC")
    local = session.starts_at.astimezone(zone).strftime("%Y-%m-%d %H:%M")
    return t("knowledge.invite.zone", zone=session.host_tz, local=local)


def home_blocks(t: Translator, home: HomeSessions) -> list[Block]:
    """The App Home's lines: sessions coming up (soonest first), then the ones this person joined."""
    blocks: list[Block] = [section(t("knowledge.home.upcoming"))]
    if not home.upcoming:
        blocks.append(context(t("knowledge.home.none")))
    for session in home.upcoming:
        line = t(
            "knowledge.home.line",
            title=title_of(session),
            when=slack_date(session.starts_at),
            left=session.seats_left,
            seats=session.seats,
        )
        blocks.append(section(line))
        if session.host_id == home.user_id:
            blocks.append(host_buttons(t, session))
    if home.joined:
        lines = [
            t(
                "knowledge.home.seated" if seated else "knowledge.home.waiting",
                title=title_of(session),
                when=slack_date(session.starts_at),
            )
            for session, seated in home.joined
        ]
        blocks.append(section(t("knowledge.home.joined") + "\n" + "\n".join(lines)))
    return blocks
