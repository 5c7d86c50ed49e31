"""Block Kit for feedback: its button, the dialog (with what anonymity means here), the thanks, HR's follow-up DM."""

from __future__ import annotations

from typing import Any

from slack_sdk.models.blocks import (
    Block,
    ButtonElement,
    CheckboxesElement,
    InputBlock,
    Option,
    PlainTextInputElement,
    RadioButtonsElement,
    StaticSelectElement,
)

from bot.feedback.giving import FollowUp, Offer, Outcome
from bot.feedback.rules import MAX_COMMENT, RATINGS, FeedbackForm, Field, Topic
from bot.i18n import Translator
from bot.text import escape
from handlers.blocks.common import as_dicts, context, mention, modal, section
from handlers.blocks.handshake import notice_modal

OPEN = "feedback.open"  # the button on App Home and in the end-of-period evaluation's invitation
CALLBACK = "feedback.give"
ACTION = "value"
YES = "yes"
TOPICS = {
    Topic.PROGRAMME: "feedback.topic.programme",
    Topic.RECEIVED: "feedback.topic.received",
    Topic.GIVEN: "feedback.topic.given",
}
THANKS = {Outcome.STORED: "feedback.thanks", Outcome.FOLLOWED_UP: "feedback.thanks.follow_up"}
COMMENT_PART = 500  # characters of a comment per section: escaped, even all `&`, it stays within Slack's 3000


def feedback_button(t: Translator) -> ButtonElement:
    return ButtonElement(text=t("feedback.open"), action_id=OPEN, value="feedback")


def feedback_modal(t: Translator, offer: Offer) -> dict[str, Any]:
    """The dialog: what anonymity means here and what it doesn't protect against, then the three questions,
    and HR's follow-up (named, said so on the box) only where HR admins are configured."""
    topics = [Option(value=topic.value, text=t(TOPICS[topic])) for topic in offer.topics]
    topic = RadioButtonsElement(
        action_id=ACTION, options=topics, initial_option=topics[0] if len(topics) == 1 else None
    )
    ratings = [Option(value=str(n), text=str(n)) for n in RATINGS]
    comment = PlainTextInputElement(action_id=ACTION, multiline=True, max_length=MAX_COMMENT)
    blocks: list[Block] = [
        section(t("feedback.intro")),
        section(t("feedback.anonymous", k=offer.min_group)),
        context(t("feedback.not_protected")),
        InputBlock(block_id=Field.TOPIC.value, label=t("feedback.topic"), element=topic),
        InputBlock(
            block_id=Field.RATING.value,
            label=t("feedback.rating"),
            element=StaticSelectElement(action_id=ACTION, options=ratings),
        ),
        InputBlock(
            block_id=Field.COMMENT.value,
            label=t("feedback.comment"),
            hint=t("feedback.comment.hint"),
            optional=True,
            element=comment,
        ),
    ]
    if offer.follow_up:
        named = Option(value=YES, text=t("feedback.follow_up"), description=t("feedback.follow_up.description"))
        box = CheckboxesElement(action_id=ACTION, options=[named])
        label, hint = t("feedback.follow_up.label"), t("feedback.follow_up.hint")
        blocks.append(InputBlock(block_id=Field.FOLLOW_UP.value, label=label, hint=hint, optional=True, element=box))
    return modal(CALLBACK, t("feedback.title"), t("feedback.submit"), t("checkin.met.cancel"), blocks)


def read_form(values: dict[str, Any]) -> FeedbackForm:
    def element(field: Field) -> dict[str, Any]:
        fields = values.get(field.value)
        found = fields.get(ACTION) if isinstance(fields, dict) else None
        return found if isinstance(found, dict) else {}

    def chosen(field: Field) -> str | None:
        option = element(field).get("selected_option")
        raw = option.get("value") if isinstance(option, dict) else None
        return raw if isinstance(raw, str) else None

    comment = element(Field.COMMENT).get("value")
    ticked = element(Field.FOLLOW_UP).get("selected_options")
    follow_up = isinstance(ticked, list) and any(isinstance(o, dict) and o.get("value") == YES for o in ticked)
    return FeedbackForm(
        topic=chosen(Field.TOPIC),
        rating=chosen(Field.RATING),
        comment=comment if isinstance(comment, str) else "",
        follow_up=follow_up,
    )


def thanks_modal(t: Translator, outcome: Outcome) -> dict[str, Any]:
    """The dialog's own answer once the feedback is in: the thanks, never a message after."""
    return notice_modal(t, "feedback.title", t(THANKS[outcome]))


def follow_up_message(t: Translator, follow_up: FollowUp, topic: Topic) -> tuple[str, list[dict[str, Any]]]:
    """An HR admin's DM: who asked to be followed up, on what, their rating, and their words, escaped."""
    text = t("feedback.follow_up.dm", who=mention(follow_up.author), topic=t(TOPICS[topic]), rating=follow_up.rating)
    comment = follow_up.comment
    parts = [comment[i : i + COMMENT_PART] for i in range(0, len(comment), COMMENT_PART)]
    blocks: list[Block] = [section(text), *(section(escape(part)) for part in parts)]
    if not parts:
        blocks.append(context(t("feedback.follow_up.no_comment")))
    return text, as_dicts(blocks)
