"""Block Kit for the pairing handshake: the request dialog, the mentor's DM, declining, the introduction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    DividerBlock,
    HeaderBlock,
    InputBlock,
    PlainTextInputElement,
    PlainTextObject,
)
from slack_sdk.models.views import View

from bot.eligibility import Ineligible
from bot.i18n import Phrase, Translator
from bot.matching import topic_phrases
from bot.pairings import MAX_NOTE, MAX_REASON, Answered, AnswerResult, Asked, AskResult, RequestInfo
from bot.profiles import ProfileData
from bot.retention.rules import DECLINE_REASON_DAYS
from bot.text import escape, escape_within
from bot.values import Cadence
from handlers.blocks.checkins import cadence_word
from handlers.blocks.common import as_dicts, context, mention, section

REQUEST_CALLBACK = "request"
DECLINE_CALLBACK = "decline"
ASK = "request.open"
ACCEPT = "request.accept"
DECLINE = "request.decline"
WITHDRAW = "request.withdraw"
TEXT_BLOCK = "text"
TEXT_ACTION = "value"
TIPS = ("tips.listen", "tips.tailor", "tips.safe", "tips.encourage", "tips.rhythm")
LONG_TEXT = 2000  # what someone wrote, escaped, inside a section of at most 3000 characters
AGENDA_GOALS = 3  # a first meeting has room for a few goals, not a whole list


@dataclass(frozen=True)
class TextDialog:
    """A dialog that asks for one optional text: a request's note, a decline's reason."""

    callback_id: str
    metadata: str
    title: str
    submit: str
    intro: str
    label: str
    hint: str
    limit: int


def request_modal(t: Translator, mentor_id: str) -> dict[str, Any]:
    return text_modal(
        t,
        TextDialog(
            callback_id=REQUEST_CALLBACK,
            metadata=mentor_id,
            title=t("request.title"),
            submit=t("request.send"),
            intro=t("request.intro", mentor=mention(mentor_id)),
            label=t("request.note.label"),
            hint=t("request.note.hint"),
            limit=MAX_NOTE,
        ),
    )


def decline_modal(t: Translator, request: RequestInfo) -> dict[str, Any]:
    mentee = mention(request.mentee_id)
    return text_modal(
        t,
        TextDialog(
            callback_id=DECLINE_CALLBACK,
            metadata=str(request.request_id),
            title=t("decline.title"),
            submit=t("decline.submit"),
            intro=t("decline.intro", mentee=mentee),
            label=t("decline.reason.label"),
            hint=t("decline.reason.hint", days=DECLINE_REASON_DAYS),  # plain text: a mention would show as its raw id
            limit=MAX_REASON,
        ),
    )


def text_modal(t: Translator, dialog: TextDialog) -> dict[str, Any]:
    view = View(
        type="modal",
        callback_id=dialog.callback_id,
        private_metadata=dialog.metadata,
        title=PlainTextObject(text=dialog.title),
        submit=PlainTextObject(text=dialog.submit),
        close=PlainTextObject(text=t("request.cancel")),
        blocks=[
            section(dialog.intro),
            InputBlock(
                block_id=TEXT_BLOCK,
                label=dialog.label,
                hint=dialog.hint,
                optional=True,
                # Slack stops longer text as it is typed; the submission is checked again all the same.
                element=PlainTextInputElement(action_id=TEXT_ACTION, multiline=True, max_length=dialog.limit),
            ),
        ],
    )
    return dict(view.to_dict())


def read_text(state_values: dict[str, Any]) -> str:
    value = state_values.get(TEXT_BLOCK, {}).get(TEXT_ACTION)
    return str(value.get("value") or "") if isinstance(value, dict) else ""


def notice_modal(t: Translator, title_key: str, text: str) -> dict[str, Any]:
    """What a dialog turns into once it has done its work."""
    view = View(
        type="modal",
        title=PlainTextObject(text=t(title_key)),
        close=PlainTextObject(text=t("profile.close")),
        blocks=[section(text)],
    )
    return dict(view.to_dict())


def request_message(t: Translator, request: RequestInfo, mentee: ProfileData) -> tuple[str, list[dict[str, Any]]]:
    """The mentor's DM: who asks, what they want to learn, their note, and the two buttons."""
    text = t("request.dm", mentee=mention(request.mentee_id))
    blocks: list[Block] = [
        section(text),
        context(t("request.dm.area", area=escape(mentee.function_area))),
        section(t("request.dm.goals", mentee=mention(request.mentee_id), goals=escape_within(mentee.goals, LONG_TEXT))),
    ]
    if request.note:
        blocks.append(section(t("request.dm.note", note=escape_within(request.note, LONG_TEXT))))
    blocks.append(ActionsBlock(block_id="answer", elements=answer_buttons(t, request.request_id)))
    return text, as_dicts(blocks)


def answer_buttons(t: Translator, request_id: int) -> list[ButtonElement]:
    """Accept and Decline, wherever a mentor is shown a request to answer."""
    value = str(request_id)
    return [
        ButtonElement(text=t("request.accept"), action_id=ACCEPT, value=value, style="primary"),
        ButtonElement(text=t("request.decline"), action_id=DECLINE, value=value),
    ]


def answered_message(t: Translator, request: RequestInfo, outcome: str) -> tuple[str, list[dict[str, Any]]]:
    """The mentor's DM once answered: the buttons are gone, the outcome is said."""
    text = t("request.dm", mentee=mention(request.mentee_id))
    return outcome, as_dicts([section(text), context(outcome)])


def introduction(
    translators: list[Translator], mentor_id: str, mentee_id: str, goals: str, cadence: Cadence
) -> tuple[str, list[dict[str, Any]]]:
    """The group DM's first message, once in each language the two of them use."""
    blocks: list[Block] = []
    for t in translators:
        if blocks:
            blocks.append(DividerBlock())
        blocks += _introduction(t, mentor_id, mentee_id, goals, cadence)
    text = translators[0]("intro.who", mentor=mention(mentor_id), mentee=mention(mentee_id))
    return text, as_dicts(blocks)


def _introduction(t: Translator, mentor_id: str, mentee_id: str, goals: str, cadence: Cadence) -> list[Block]:
    mentor, mentee = mention(mentor_id), mention(mentee_id)
    agenda = [t("intro.agenda.know")]
    agenda += [t("intro.agenda.goal", goal=escape(goal)) for goal in topic_phrases(goals)[:AGENDA_GOALS]]
    agenda.append(t("intro.agenda.rhythm", cadence=cadence_word(t, cadence)))
    numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(agenda, start=1))
    return [
        HeaderBlock(text=PlainTextObject(text=t("intro.title"))),
        section(t("intro.who", mentor=mentor, mentee=mentee)),
        section(t("intro.goals", mentee=mentee, goals=escape_within(goals, LONG_TEXT))),
        section(t("intro.agenda") + "\n" + numbered),
        section(t("intro.tips", mentor=mentor) + "\n" + tips_text(t)),
    ]


def tips_text(t: Translator) -> str:
    return "\n".join(f"• {t(key)}" for key in TIPS)


# Why someone may not look for a mentor: the same words for `/mentor find` and for a request.
INELIGIBLE = {
    Ineligible.NO_PROFILE: "find.no_profile",
    Ineligible.NOT_A_MENTEE: "find.not_a_mentee",
    Ineligible.HAS_MENTOR: "find.has_mentor",
}
ASKED = {
    Asked.SENT: "request.sent",
    Asked.ALREADY_PENDING: "request.already_pending",
    Asked.NOT_AVAILABLE: "request.not_available",
}


# Why an answered request changed nothing, by the state it was already in.
CLOSED = {
    "accepted": "request.closed.accepted",
    "declined": "request.closed.declined",
    "withdrawn": "request.closed.withdrawn",
    "expired": "request.closed.expired",
    "no_room": "request.closed.no_room",
    "pending": "request.closed.pending",
}


def asked_text(t: Translator, result: AskResult, mentor_id: str) -> str:
    """What the request dialog says once sent."""
    key = INELIGIBLE[result.asked] if isinstance(result.asked, Ineligible) else ASKED[result.asked]
    return t(key, mentor=mention(mentor_id))


def declined_text(t: Translator, result: AnswerResult) -> str:
    """What the decline dialog says once sent."""
    if result.answered is Answered.DONE and result.request is not None:
        return t("decline.done", mentee=mention(result.request.mentee_id))
    return why_not(t, result)


def why_not(t: Translator, result: AnswerResult) -> str:
    """Why an answer changed nothing, in words."""
    return t(why_not_notice(result).key)


def why_not_notice(result: AnswerResult) -> Phrase:
    """Why an answer changed nothing, as a phrase (for a reply, or a DM said later)."""
    if result.request is None or result.answered is Answered.NOT_FOUND:
        return Phrase("request.not_found")
    if result.answered is Answered.NOT_YOURS:
        return Phrase("request.not_yours")
    return Phrase(CLOSED[result.request.status.value])
